import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ed25519KeyIdentity } from '@dfinity/identity';

const FILE = 'bridge-identity.json';

/**
 * The bridge's own identity: an Ed25519 key made on first start and kept in the data dir (mode 0600). Its
 * principal needs the `relayer` role (profile.grant_role) before telemetry takes its ingest calls.
 */
export function loadOrCreateIdentity(dataDir: string): Ed25519KeyIdentity {
  const path = join(dataDir, FILE);
  if (existsSync(path)) return Ed25519KeyIdentity.fromJSON(readFileSync(path, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const identity = Ed25519KeyIdentity.generate();
  writeFileSync(path, JSON.stringify(identity.toJSON()), { mode: 0o600, flag: 'wx' });
  return identity;
}
