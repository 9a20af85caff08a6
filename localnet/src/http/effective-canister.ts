import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { MalformedRequestError } from './errors.js';
import type { CallContent } from './envelope.js';

/** Management methods that create canisters: any effective canister id will do for them. */
const CREATION_METHODS = new Set(['provisional_create_canister_with_cycles', 'create_canister']);

/**
 * Checks the `<effective_canister_id>` of the URL against the request (spec "Effective canister id"): the
 * target canister itself, or for `aaaaa-aa` the canister the argument names (`target_canister` of
 * install_chunked_code, else `canister_id`).
 */
export function checkEffectiveCanisterId(content: CallContent, effective: Principal): void {
  const expected = expectedEffectiveCanisterId(content);
  if (expected === 'any' || expected.compareTo(effective) === 'eq') return;
  throw new MalformedRequestError(
    `Specified CanisterId ${expected.toText()} does not match effective canister id in URL ${effective.toText()}`,
  );
}

function expectedEffectiveCanisterId(content: CallContent): Principal | 'any' {
  if (content.canisterId.compareTo(Principal.managementCanister()) !== 'eq') {
    return content.canisterId;
  }
  if (content.requestType === 'call' && CREATION_METHODS.has(content.methodName)) return 'any';
  const field = content.methodName === 'install_chunked_code' ? 'target_canister' : 'canister_id';
  try {
    // Candid record subtyping: decoding as a one-field record skips every other field of the argument.
    const [record] = IDL.decode([IDL.Record({ [field]: IDL.Principal })], content.arg) as unknown as [Record<string, Principal>];
    return record[field]!;
  } catch (error) {
    throw new MalformedRequestError(
      `Could not find the effective canister id: the argument of ${content.methodName} to the management canister has no \`${field}\` principal`,
      { cause: error },
    );
  }
}
