import type { Principal } from '@dfinity/principal';
import { concatBytes } from '@noble/hashes/utils';
import { omitUndefined } from '../cbor.js';
import { checkEffectiveCanisterId } from '../effective-canister.js';
import { decodeCallRequest } from '../envelope.js';
import { domainSeparator } from '../hash-tree.js';
import { toOutcome } from '../request-status.js';
import { hashOfMap } from '../representation-hash.js';
import { requireTarget } from '../sender-auth.js';
import { admit, cborReply, type HttpReply, type InterfaceContext } from './context.js';

const RESPONSE_DOMAIN = domainSeparator('ic-response');

/**
 * `/api/v{2,3}/canister/<ecid>/query`: runs the query on the committed state and returns its answer signed by
 * the node key, which agents verify against the node keys they read from `/subnet`.
 */
export function handleQuery(context: InterfaceContext, effective: Principal, body: Uint8Array): HttpReply {
  const request = decodeCallRequest(body, 'query');
  const { content, requestId } = request;
  checkEffectiveCanisterId(content, effective);
  requireTarget(admit(context, request), content.canisterId);

  const outcome = toOutcome(context.replica.query(content.canisterId, content.methodName, content.arg, content.sender));
  const answer =
    outcome.status === 'replied'
      ? { status: 'replied', reply: { arg: outcome.reply } }
      : omitUndefined({
          status: 'rejected',
          reject_code: outcome.rejectCode,
          reject_message: outcome.rejectMessage,
          error_code: outcome.errorCode,
        });
  const timestamp = context.nowNs();
  const signed = hashOfMap({ ...answer, timestamp, request_id: requestId });
  const signature = context.keys.signAsNode(concatBytes(RESPONSE_DOMAIN, signed));
  return cborReply({ ...answer, signatures: [{ timestamp, signature, identity: context.keys.nodeId.toUint8Array() }] });
}
