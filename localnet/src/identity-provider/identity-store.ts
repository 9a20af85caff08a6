import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A local identity: the person picks it by name; its number plays the part of an Internet Identity anchor. */
export interface LocalIdentity {
  number: number;
  name: string;
}

interface StoredState {
  /** Hex of the 32-byte secret every user key is derived from (like II's salt, but it must stay secret here). */
  seed: string;
  identities: LocalIdentity[];
}

/** Anchors of a fresh local II start here too, so numbers look familiar. */
const FIRST_IDENTITY_NUMBER = 10_000;
const MAX_NAME_LENGTH = 64;
const STATE_FILE = 'identity-provider.json';

/**
 * The identities and the secret seed of the local identity provider, kept in one file of `stateDir` so that a
 * restarted replica hands out the same principals.
 */
export class IdentityStore {
  private constructor(
    private readonly file: string,
    private readonly state: StoredState,
  ) {}

  /** Opens the store in `stateDir`, creating it (and a new random seed) on first use. */
  static open(stateDir: string): IdentityStore {
    mkdirSync(stateDir, { recursive: true });
    const file = join(stateDir, STATE_FILE);
    if (existsSync(file)) return new IdentityStore(file, JSON.parse(readFileSync(file, 'utf8')) as StoredState);
    const store = new IdentityStore(file, { seed: randomBytes(32).toString('hex'), identities: [] });
    store.save();
    return store;
  }

  get seed(): Uint8Array {
    return Buffer.from(this.state.seed, 'hex');
  }

  list(): LocalIdentity[] {
    return this.state.identities.map((identity) => ({ ...identity }));
  }

  find(number: number): LocalIdentity | undefined {
    return this.state.identities.find((identity) => identity.number === number);
  }

  /** Adds an identity with the next free number; throws a readable error for an unusable name. */
  create(name: string): LocalIdentity {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) {
      throw new RangeError(`an identity name has 1 to ${MAX_NAME_LENGTH} characters`);
    }
    const last = this.state.identities.at(-1);
    const identity = { number: last ? last.number + 1 : FIRST_IDENTITY_NUMBER, name: trimmed };
    this.state.identities.push(identity);
    this.save();
    return { ...identity };
  }

  /** Write-then-rename, so a crash mid-write never leaves a file without the seed (which would change every principal). */
  private save(): void {
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state, null, 2), { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
