import { Codec } from './codec';
import { StableCell } from './stable_cell';

/** One step that moves stored data from schema `version - 1` to `version`. */
export interface Migration {
  version: number;
  description: string;
  migrate(): void;
}

/** What a schema check did: the version found and the version left. */
export interface SchemaReport {
  from: number;
  to: number;
  applied: string[];
}

/** Schema versions are stored as a big-endian u32. */
export const schemaVersionCodec: Codec<number> = {
  toBytes(value) {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, value);
    return out;
  },
  fromBytes(bytes) {
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  }
};

/**
 * Keeps a canister's stored-data schema version and brings it up to date. Version 1 is the first schema, so a
 * canister's migrations are numbered 2, 3, ... with no gaps. Errors are thrown: inside @init/@postUpgrade a throw
 * traps, which rolls the upgrade back and leaves the previous wasm and data in place.
 */
export class SchemaVersion {
  constructor(
    private readonly cell: StableCell<number>,
    readonly target: number,
    private readonly migrations: readonly Migration[]
  ) {
    checkMigrationList(target, migrations);
  }

  /** The version of the stored data (0 before the first install finished). */
  current(): number {
    return this.cell.getOr(0);
  }

  /** Marks freshly installed (empty) storage as the current schema. */
  initialize(): SchemaReport {
    this.cell.set(this.target);
    return { from: this.target, to: this.target, applied: [] };
  }

  /** Runs, in order, every migration newer than the stored version. */
  migrate(): SchemaReport {
    const from = this.cell.get();
    if (from === undefined) {
      throw new Error('no schema version stored: the canister was never initialized by this code');
    }
    if (from > this.target) {
      throw new Error(`stored schema ${from} is newer than this code's ${this.target}: downgrades are not supported`);
    }
    const applied: string[] = [];
    for (const step of this.migrations.filter((m) => m.version > from)) {
      step.migrate();
      this.cell.set(step.version);
      applied.push(`${step.version}: ${step.description}`);
    }
    return { from, to: this.target, applied };
  }
}

function checkMigrationList(target: number, migrations: readonly Migration[]): void {
  if (!Number.isInteger(target) || target < 1) {
    throw new Error(`schema target must be a positive integer, got ${target}`);
  }
  migrations.forEach((step, i) => {
    if (step.version !== i + 2) {
      throw new Error(`migration #${i} has version ${step.version}, expected ${i + 2} (versions run 2, 3, ...)`);
    }
  });
  const last = migrations.length + 1;
  if (last !== target) {
    throw new Error(`migrations end at version ${last} but the schema target is ${target}`);
  }
}
