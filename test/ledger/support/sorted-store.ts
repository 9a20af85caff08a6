/** An in-memory stand-in for a StableBTreeMap with byte-string keys: keys() walks them in byte order, as it does. */
export class SortedBytesStore<V> {
  private readonly entries = new Map<string, [Uint8Array, V]>();

  get(key: Uint8Array): V | undefined {
    return this.entries.get(hexOf(key))?.[1];
  }

  insert(key: Uint8Array, value: V): V | undefined {
    const previous = this.get(key);
    this.entries.set(hexOf(key), [key, value]);
    return previous;
  }

  remove(key: Uint8Array): V | undefined {
    const previous = this.get(key);
    this.entries.delete(hexOf(key));
    return previous;
  }

  containsKey(key: Uint8Array): boolean {
    return this.entries.has(hexOf(key));
  }

  len(): number {
    return this.entries.size;
  }

  keys(startIndex = 0, length = this.entries.size): Uint8Array[] {
    return [...this.entries.keys()]
      .sort()
      .slice(startIndex, startIndex + length)
      .map((hex) => this.entries.get(hex)![0]);
  }
}

/** Lowercase hex: two digits per byte, so comparing hex strings compares the bytes. */
const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
