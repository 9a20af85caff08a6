import { bytesToHex } from '@noble/hashes/utils';
import type { Canister } from '../canister/canister.js';
import type { Certifier } from './certifier.js';
import { LabeledTree } from './labeled-tree.js';

/**
 * Reuse a canister's data certificate this long while its certified data is unchanged. Signing costs a few
 * milliseconds and the replica asks for one on every query; the IC too certifies state only once a round.
 */
const REUSE_NS = 10n * 1_000_000_000n;

/**
 * The `dataCertificate` hook of the replica: a certificate of `/canister/<id>/certified_data` and `/time`,
 * signed with the root key, for `ic0.data_certificate_copy` in non-replicated queries.
 */
export function dataCertificates(certifier: Certifier, nowNs: () => bigint): (canister: Canister) => Uint8Array {
  const cache = new Map<string, { data: string; madeAtNs: bigint; certificate: Uint8Array }>();
  return (canister) => {
    const key = canister.id.toText();
    const data = bytesToHex(canister.certifiedData);
    const now = nowNs();
    const cached = cache.get(key);
    if (cached && cached.data === data && now - cached.madeAtNs < REUSE_NS) return cached.certificate;
    const certificate = certifier.certify(new LabeledTree().set(['canister', canister.idBytes, 'certified_data'], canister.certifiedData));
    cache.set(key, { data, madeAtNs: now, certificate });
    return certificate;
  };
}
