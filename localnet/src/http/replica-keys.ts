import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bls12_381 } from '@noble/curves/bls12-381';
import { ed25519 } from '@noble/curves/ed25519';
import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils';
import { Principal } from '@dfinity/principal';

/** DER prefix of the IC's BLS12-381 G2 public key (the root key the agent fetches from /api/v2/status). */
const BLS_DER_PREFIX = hexToBytes('308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100');
/** DER prefix of an Ed25519 public key (RFC 8410), how node keys appear in the state tree. */
export const ED25519_DER_PREFIX = hexToBytes('302a300506032b6570032100');
const KEY_FILE = 'http-interface-keys.json';

interface StoredKeys {
  blsSecretKey: string;
  nodeSecretKey: string;
}

/**
 * The replica's key material: the BLS key that signs certificates (its public half is the root key) and the
 * Ed25519 key of the one node, which signs query responses. Kept in the state folder because browsers and
 * tools cache the root key: a new one after a restart would make every client distrust the replica.
 */
export class ReplicaKeys {
  readonly rootKeyDer: Uint8Array;
  readonly nodeKeyDer: Uint8Array;
  readonly nodeId: Principal;
  /** A single-subnet replica's subnet id is derived from the root key, as for the IC's root subnet. */
  readonly subnetId: Principal;

  private constructor(
    private readonly blsSecretKey: Uint8Array,
    private readonly nodeSecretKey: Uint8Array,
  ) {
    const rootKey = bls12_381.shortSignatures.getPublicKey(blsSecretKey).toBytes(true);
    this.rootKeyDer = concatBytes(BLS_DER_PREFIX, rootKey);
    this.nodeKeyDer = concatBytes(ED25519_DER_PREFIX, ed25519.getPublicKey(nodeSecretKey));
    this.nodeId = Principal.selfAuthenticating(this.nodeKeyDer);
    this.subnetId = Principal.selfAuthenticating(this.rootKeyDer);
  }

  /** Loads the keys from `stateDir`, creating them on first use; without a folder they live for this process. */
  static load(stateDir?: string): ReplicaKeys {
    const file = stateDir ? join(stateDir, KEY_FILE) : undefined;
    if (file && existsSync(file)) {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredKeys;
      return new ReplicaKeys(hexToBytes(stored.blsSecretKey), hexToBytes(stored.nodeSecretKey));
    }
    const keys = new ReplicaKeys(bls12_381.utils.randomSecretKey(), ed25519.utils.randomSecretKey());
    if (file) {
      const stored: StoredKeys = { blsSecretKey: bytesToHex(keys.blsSecretKey), nodeSecretKey: bytesToHex(keys.nodeSecretKey) };
      writeFileSync(file, JSON.stringify(stored), { mode: 0o600 });
    }
    return keys;
  }

  /** BLS signature (48-byte G1 point, the "minimal signature size" variant) as certificates carry it. */
  signCertificate(message: Uint8Array): Uint8Array {
    const signatures = bls12_381.shortSignatures;
    return signatures.sign(signatures.hash(message), this.blsSecretKey).toBytes(true);
  }

  /** Ed25519 signature by the node key, as on query responses. */
  signAsNode(message: Uint8Array): Uint8Array {
    return ed25519.sign(message, this.nodeSecretKey);
  }
}
