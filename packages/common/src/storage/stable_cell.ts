import { Codec, KeyValueStore } from './codec';

/**
 * One named value kept in a shared metadata map (schema version, config, replica cursor...). Cells of
 * different owners share the map, so keys are namespaced `<owner>.<name>`.
 */
export class StableCell<T> {
  constructor(
    private readonly store: KeyValueStore<string, Uint8Array>,
    private readonly key: string,
    private readonly codec: Codec<T>
  ) {}

  /** The stored value, or undefined if never set. */
  get(): T | undefined {
    const bytes = this.store.get(this.key);
    return bytes === undefined ? undefined : this.codec.fromBytes(bytes);
  }

  /** The stored value, or `fallback` if never set. */
  getOr(fallback: T): T {
    return this.get() ?? fallback;
  }

  /** Replaces the stored value. */
  set(value: T): void {
    this.store.insert(this.key, this.codec.toBytes(value));
  }
}
