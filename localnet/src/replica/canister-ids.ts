import { Principal } from '@dfinity/principal';

/** Opaque-id class byte and the suffix the IC gives canister ids: an 8-byte big-endian index then 0x01 0x01. */
export function canisterIdFromIndex(index: number): Principal {
  const bytes = new Uint8Array(10);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(index));
  bytes[8] = 0x01;
  bytes[9] = 0x01;
  return Principal.fromUint8Array(bytes);
}
