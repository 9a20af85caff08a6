import { encodeCborUntagged } from './cbor.js';
import { LabeledTree } from './labeled-tree.js';
import type { ReplicaKeys } from './replica-keys.js';

/** The lowest and highest principals: one range covering every canister id (and then some). */
const ALL_PRINCIPALS: [Uint8Array, Uint8Array] = [new Uint8Array(), new Uint8Array(29).fill(0xff)];

/**
 * The `/subnet/<subnet_id>` part of the state tree of a one-subnet, one-node replica: its public key (the root
 * key), its canister ranges and its node's public key. Agents read it to verify query signatures.
 */
export function subnetTree(keys: ReplicaKeys): LabeledTree {
  const subnet = keys.subnetId.toUint8Array();
  return new LabeledTree()
    .set(['subnet', subnet, 'public_key'], keys.rootKeyDer)
    .set(['subnet', subnet, 'canister_ranges'], encodeCborUntagged([ALL_PRINCIPALS]))
    .set(['subnet', subnet, 'node', keys.nodeId.toUint8Array(), 'public_key'], keys.nodeKeyDer);
}
