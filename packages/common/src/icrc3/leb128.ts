/** Unsigned LEB128 bytes of a natural number (ICRC-3 hashes Nat values and certifies the tip index this way). */
export function encodeLeb128(value: bigint): Uint8Array {
  if (value < 0n) {
    throw new RangeError(`LEB128 needs a natural number, got ${value}`);
  }
  const out: number[] = [];
  let rest = value;
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    out.push(rest === 0n ? low : low | 0x80);
  } while (rest !== 0n);
  return Uint8Array.from(out);
}

/** Signed LEB128 bytes of an integer (ICRC-3 hashes Int values this way). */
export function encodeSleb128(value: bigint): Uint8Array {
  const out: number[] = [];
  let rest = value;
  for (;;) {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    const signBitClear = (low & 0x40) === 0;
    if ((rest === 0n && signBitClear) || (rest === -1n && !signBitClear)) {
      out.push(low);
      return Uint8Array.from(out);
    }
    out.push(low | 0x80);
  }
}

/** Reads an unsigned LEB128 number at `offset`; returns it and the offset just past it. */
export function decodeLeb128(bytes: Uint8Array, offset: number): [bigint, number] {
  let value = 0n;
  let shift = 0n;
  for (let at = offset; at < bytes.length; at++) {
    const byte = bytes[at];
    value |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) {
      return [value, at + 1];
    }
  }
  throw new Error(`LEB128 number truncated at offset ${offset}`);
}

/** Reads a signed LEB128 number at `offset`; returns it and the offset just past it. */
export function decodeSleb128(bytes: Uint8Array, offset: number): [bigint, number] {
  let value = 0n;
  let shift = 0n;
  for (let at = offset; at < bytes.length; at++) {
    const byte = bytes[at];
    value |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) {
      const negative = (byte & 0x40) !== 0;
      return [negative ? value - (1n << shift) : value, at + 1];
    }
  }
  throw new Error(`SLEB128 number truncated at offset ${offset}`);
}
