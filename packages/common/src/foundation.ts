import { CanisterConfig, ConfigStore } from './config';
import { CallerGuard } from './guard';
import { RoleReplica } from './roles/replica';
import { StableRoleReplicaStore } from './roles/stable_replica_store';
import { KeyValueStore } from './storage/codec';
import { metaStore } from './storage/memory';
import { Migration, SchemaReport, SchemaVersion, schemaVersionCodec } from './storage/schema';
import { StableCell } from './storage/stable_cell';
import { buildStatus, CanisterStatus } from './status';

/** What identifies a canister and its stored-data schema. */
export interface FoundationOptions {
  name: string;
  version: string;
  /** The schema this code writes; `migrations` must lead up to it. */
  schemaVersion: number;
  migrations: readonly Migration[];
}

/**
 * What every ChargeX canister is built on: its config, schema version, role replica and caller guard, all kept
 * in stable memory. A canister creates one as a class field and calls `init` / `postUpgrade` from its hooks.
 */
export class CanisterFoundation {
  readonly meta: KeyValueStore<string, Uint8Array> = metaStore();
  readonly config = new ConfigStore(this.meta);
  readonly roles = new RoleReplica(new StableRoleReplicaStore(this.meta));
  readonly guard = new CallerGuard(this.roles, this.config);
  readonly schema: SchemaVersion;

  constructor(private readonly options: FoundationOptions) {
    const cell = new StableCell(this.meta, 'common.schema_version', schemaVersionCodec);
    this.schema = new SchemaVersion(cell, options.schemaVersion, options.migrations);
  }

  /** Call from @init: stores the config and stamps the schema version. */
  init(arg: [] | [CanisterConfig]): SchemaReport {
    this.config.onInit(arg);
    return this.schema.initialize();
  }

  /** Call from @postUpgrade: replaces the config if one is given and migrates stored data. */
  postUpgrade(arg: [] | [CanisterConfig]): SchemaReport {
    this.config.onPostUpgrade(arg);
    const report = this.schema.migrate();
    if (report.applied.length > 0) {
      console.log(`${this.options.name}: schema ${report.from} -> ${report.to}: ${report.applied.join('; ')}`);
    }
    return report;
  }

  /** The status record, with the canister's own collection sizes in `counts`. */
  status(counts: Record<string, number | bigint>): CanisterStatus {
    return buildStatus({
      name: this.options.name,
      version: this.options.version,
      schemaVersion: this.schema.current(),
      counts: { ...counts, role_holders: this.roles.holders() },
      rolesSeq: this.roles.lastSeq(),
      config: this.config.get()
    });
  }
}
