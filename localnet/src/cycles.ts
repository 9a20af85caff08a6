/** 128-bit cycle amounts travel through ic0 as (high, low) u64 pairs or as 16 little-endian bytes. */

const U64_MASK = (1n << 64n) - 1n;

export function fromHighLow(high: bigint, low: bigint): bigint {
  return ((BigInt.asUintN(64, high) << 64n) | BigInt.asUintN(64, low));
}

export function writeU128(memory: Uint8Array, offset: number, value: bigint): void {
  const view = new DataView(memory.buffer, memory.byteOffset + offset, 16);
  view.setBigUint64(0, value & U64_MASK, true);
  view.setBigUint64(8, (value >> 64n) & U64_MASK, true);
}

export function minBigInt(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
