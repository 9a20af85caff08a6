import { concatBytes } from '@noble/hashes/utils';
import { encodeCbor } from './cbor.js';
import { digest, domainSeparator } from './hash-tree.js';
import type { LabeledTree } from './labeled-tree.js';
import type { ReplicaKeys } from './replica-keys.js';
import { unsignedLeb128 } from './representation-hash.js';

const STATE_ROOT_DOMAIN = domainSeparator('ic-state-root');

/**
 * Signs state trees into certificates. Every certificate is a fresh minimal tree holding only what its reader
 * asked for plus `/time`: agents check a certificate's signature and time, not that trees of different
 * responses fit together, so there is no need to keep one big tree and prune it.
 */
export class Certifier {
  constructor(
    private readonly keys: ReplicaKeys,
    private readonly nowNs: () => bigint,
  ) {}

  /** A CBOR certificate `{tree, signature}` over `tree` with `/time` set to now. */
  certify(tree: LabeledTree): Uint8Array {
    const hashTree = tree.set(['time'], unsignedLeb128(this.nowNs())).toHashTree();
    const signature = this.keys.signCertificate(concatBytes(STATE_ROOT_DOMAIN, digest(hashTree)));
    return encodeCbor({ tree: hashTree, signature });
  }
}
