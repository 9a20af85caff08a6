import type { Principal } from '@dfinity/principal';
import { utf8ToBytes } from '@noble/hashes/utils';
import type { Canister } from '../canister/canister.js';
import { encodeCbor } from './cbor.js';
import { LabeledTree } from './labeled-tree.js';
import type { RequestOutcome } from './request-status.js';
import { unsignedLeb128 } from './representation-hash.js';

/** `/request_status/<id>/...` for one call, with only the fields its status has. */
export function requestStatusTree(requestId: Uint8Array, outcome: RequestOutcome): LabeledTree {
  const at = (field: string) => ['request_status', requestId, field];
  const tree = new LabeledTree().set(at('status'), utf8ToBytes(outcome.status));
  if (outcome.status === 'replied') tree.set(at('reply'), outcome.reply);
  if (outcome.status === 'rejected') {
    tree.set(at('reject_code'), unsignedLeb128(BigInt(outcome.rejectCode)));
    tree.set(at('reject_message'), utf8ToBytes(outcome.rejectMessage));
    if (outcome.errorCode) tree.set(at('error_code'), utf8ToBytes(outcome.errorCode));
  }
  return tree;
}

/** `/canister/<id>/{module_hash, controllers}`; an empty canister has no module_hash. */
export function canisterTree(canister: Canister): LabeledTree {
  const id = canister.idBytes;
  const tree = new LabeledTree().set(
    ['canister', id, 'controllers'],
    encodeCbor(canister.settings.controllers.map((controller: Principal) => controller.toUint8Array())),
  );
  const moduleHash = canister.native?.moduleHash ?? canister.module?.hash;
  if (moduleHash) tree.set(['canister', id, 'module_hash'], moduleHash);
  return tree;
}

export interface CustomSection {
  visibility: 'public' | 'private';
  content: Uint8Array;
}

/** The `icp:public <name>` or `icp:private <name>` custom section of the canister's module, if it has one. */
export function canisterMetadata(canister: Canister, name: string): CustomSection | undefined {
  const module = canister.module;
  if (!module) return undefined;
  const known = module.metadata.get(name);
  if (known) return known;
  // The module only indexes the conventional names; any other name is looked up in the compiled module.
  for (const visibility of ['public', 'private'] as const) {
    const [section] = WebAssembly.Module.customSections(module.compiled, `icp:${visibility} ${name}`);
    if (section) return { visibility, content: new Uint8Array(section) };
  }
  return undefined;
}
