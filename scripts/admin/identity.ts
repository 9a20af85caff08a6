import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Identity } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Secp256k1KeyIdentity } from '@dfinity/identity-secp256k1';

import { AdminError } from './admin_error.js';

/**
 * The identity the admin command line calls with: a dfx-style PEM (`dfx identity export`: Ed25519 as PKCS#8,
 * secp256k1 as an EC PRIVATE KEY), or on localnet by default its controller (`<state dir>/controller-identity.json`,
 * which `npm start` creates: the local admin, since controllers may act as admins in every canister).
 */
export function loadIdentity(pemFile: string | undefined, stateDir: string, network: 'local' | 'ic'): Identity {
  if (pemFile !== undefined) {
    return fromPem(readPem(pemFile));
  }
  if (network === 'ic') {
    throw new AdminError('On the IC, give the identity to act as: --identity <file.pem> (dfx identity export <name> > file.pem).');
  }
  const file = join(stateDir, 'controller-identity.json');
  if (!existsSync(file)) {
    throw new AdminError(`There is no localnet controller identity at ${file}: start localnet with \`npm start\` first, or pass --state-dir.`);
  }
  return Ed25519KeyIdentity.fromJSON(readFileSync(file, 'utf8'));
}

function readPem(file: string): string {
  if (!existsSync(file)) {
    throw new AdminError(`The identity file ${file} does not exist.`);
  }
  return readFileSync(file, 'utf8');
}

function fromPem(pem: string): Identity {
  if (pem.includes('BEGIN EC PRIVATE KEY')) {
    return Secp256k1KeyIdentity.fromPem(pem);
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType === 'ed25519') {
      const seed = Buffer.from(key.export({ format: 'jwk' }).d!, 'base64url');
      return Ed25519KeyIdentity.fromSecretKey(new Uint8Array(seed));
    }
    if (key.asymmetricKeyType === 'ec') {
      return Secp256k1KeyIdentity.fromSecretKey(new Uint8Array(Buffer.from(key.export({ format: 'jwk' }).d!, 'base64url')));
    }
  } catch {
    // fall through to the sentence below
  }
  throw new AdminError('The identity file is not an Ed25519 or secp256k1 private key in PEM form (as `dfx identity export` writes).');
}
