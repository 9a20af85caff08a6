/**
 * Converts values to and from bytes. Structurally the same as Azle's `Serializable`, so every Codec can be
 * passed to a StableBTreeMap as its key or value serializer.
 */
export interface Codec<T> {
  toBytes(value: T): Uint8Array;
  fromBytes(bytes: Uint8Array): T;
}

/** The subset of StableBTreeMap the shared storage helpers rely on (a plain Map can stand in for it in tests). */
export interface KeyValueStore<K, V> {
  get(key: K): V | undefined;
  insert(key: K, value: V): V | undefined;
  remove(key: K): V | undefined;
  containsKey(key: K): boolean;
  len(): number;
  keys(startIndex?: number, length?: number): K[];
}
