import type { Principal } from '@dfinity/principal';
import type { Response } from '../../execution/execution.js';
import { omitUndefined } from '../cbor.js';
import { checkEffectiveCanisterId } from '../effective-canister.js';
import { decodeCallRequest, type CallContent } from '../envelope.js';
import { PayloadTooLargeError } from '../errors.js';
import { toOutcome, type RequestRecord } from '../request-status.js';
import { requireTarget } from '../sender-auth.js';
import { requestStatusTree } from '../state-view.js';
import { ACCEPTED, admit, cborReply, type HttpReply, type InterfaceContext } from './context.js';

/** The IC's limit on one ingress message (max_ingress_bytes_per_message of application subnets). */
const MAX_INGRESS_BYTES = 2 * 1024 * 1024;
/** How long a synchronous call waits for its answer before it gives up with 202 and lets the client poll. */
const SYNC_CALL_TIMEOUT_MS = 10_000;

/**
 * `/api/v{2,3,4}/canister/<ecid>/call`. v2 accepts the call (202) and the client polls read_state; v3 and v4
 * wait for the answer and return it certified. A request id already known is not executed again.
 */
export async function handleCall(context: InterfaceContext, version: number, effective: Principal, body: Uint8Array): Promise<HttpReply> {
  if (body.length > MAX_INGRESS_BYTES) throw new PayloadTooLargeError(body.length, MAX_INGRESS_BYTES);
  const request = decodeCallRequest(body, 'call');
  const { content, requestId } = request;
  checkEffectiveCanisterId(content, effective);
  requireTarget(admit(context, request), content.canisterId);

  let record = context.requests.get(requestId);
  if (!record) {
    const refused = context.replica.inspectMessage(content.canisterId, content.methodName, content.arg, content.sender);
    if (refused) return nonReplicatedRejection(version, refused);
    record = submit(context, requestId, content, effective);
  }
  if (version === 2) return ACCEPTED;
  if (!(await settledWithin(record, SYNC_CALL_TIMEOUT_MS))) return ACCEPTED;
  return cborReply({
    status: 'replied',
    certificate: context.certifier.certify(requestStatusTree(requestId, record.outcome)),
  });
}

function submit(context: InterfaceContext, requestId: Uint8Array, content: CallContent, effective: Principal): RequestRecord {
  const record = context.requests.add(
    requestId,
    { sender: content.sender, canisterId: content.canisterId, effectiveCanisterId: effective, expiryNs: content.ingressExpiry },
    context.nowNs(),
  );
  // The replica queues the message at once: from here on the call will take effect, which is "processing".
  const answer = context.replica.enqueueIngress(content.canisterId, content.methodName, content.arg, content.sender);
  context.requests.markProcessing(requestId);
  void answer.then((response) => context.requests.complete(requestId, response));
  return record;
}

/** A call refused before it was accepted (inspect_message said no): 200 with the reject, nothing certified. */
function nonReplicatedRejection(version: number, response: Response): HttpReply {
  const outcome = toOutcome(response);
  if (outcome.status !== 'rejected') throw new Error('inspect_message can only refuse');
  const reject = { reject_code: outcome.rejectCode, reject_message: outcome.rejectMessage, error_code: outcome.errorCode };
  return cborReply(version === 2 ? omitUndefined(reject) : omitUndefined({ status: 'non_replicated_rejection', ...reject }));
}

async function settledWithin(record: RequestRecord, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([record.settled.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
