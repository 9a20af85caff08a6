/** ICRC-3's generic value: blocks (and ICRC-7 metadata) are made of it, and it has a representation-independent hash. */
export type Value =
  | { Blob: Uint8Array }
  | { Text: string }
  | { Nat: bigint }
  | { Int: bigint }
  | { Array: Value[] }
  | { Map: Array<[string, Value]> };
