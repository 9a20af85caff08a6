import { KeyValueStore } from '../src/storage/codec';

/** A KeyValueStore on a JS Map keyed by a string form of the key, standing in for StableBTreeMap in unit tests. */
export class MemoryStore<K, V> implements KeyValueStore<K, V> {
  private readonly entries = new Map<string, [K, V]>();

  constructor(private readonly id: (key: K) => string = String) {}

  get(key: K): V | undefined {
    return this.entries.get(this.id(key))?.[1];
  }

  insert(key: K, value: V): V | undefined {
    const previous = this.get(key);
    this.entries.set(this.id(key), [key, value]);
    return previous;
  }

  remove(key: K): V | undefined {
    const previous = this.get(key);
    this.entries.delete(this.id(key));
    return previous;
  }

  containsKey(key: K): boolean {
    return this.entries.has(this.id(key));
  }

  len(): number {
    return this.entries.size;
  }

  keys(startIndex = 0, length = this.entries.size): K[] {
    return [...this.entries.values()].map(([key]) => key).slice(startIndex, startIndex + length);
  }
}
