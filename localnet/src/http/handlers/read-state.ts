import { Principal } from '@dfinity/principal';
import { bytesToHex } from '@noble/hashes/utils';
import { decodeReadStateRequest, type ReadStateContent } from '../envelope.js';
import { ForbiddenPathError, HttpRequestError, MalformedRequestError } from '../errors.js';
import { LabeledTree } from '../labeled-tree.js';
import { requireTarget, type TargetScope } from '../sender-auth.js';
import { canisterMetadata, canisterTree, requestStatusTree } from '../state-view.js';
import { subnetTree } from '../subnet.js';
import { admit, cborReply, type HttpReply, type InterfaceContext } from './context.js';

/** Where a read_state request was sent: `/api/v2/canister/<ecid>/read_state` or `/api/v2/subnet/<sid>/read_state`. */
export type ReadStateTarget = { canister: Principal } | { subnet: Principal };

const MAX_PATHS = 1000;
const MAX_PATH_LABELS = 127;

/**
 * `read_state`: checks every path against the spec's access rules, gathers what they name into a small state
 * tree and returns it certified (with `/time`, which every certificate reveals).
 */
export function handleReadState(context: InterfaceContext, target: ReadStateTarget, body: Uint8Array): HttpReply {
  const request = decodeReadStateRequest(body);
  const { content } = request;
  const scope = admit(context, request);
  if (content.paths.length > MAX_PATHS || content.paths.some((path) => path.length > MAX_PATH_LABELS)) {
    throw new MalformedRequestError(`at most ${MAX_PATHS} paths of at most ${MAX_PATH_LABELS} labels each`);
  }
  const visible = new LabeledTree();
  let requestId: string | undefined;
  for (const path of content.paths) {
    const [first, second, third, fourth] = path.map((label) => new TextDecoder().decode(label));
    switch (first) {
      case 'time':
      case 'api_boundary_nodes':
        break;
      case 'subnet':
        visible.graft([], subnetTree(context.keys));
        break;
      case 'request_status': {
        if (!('canister' in target) || second === undefined) throw invalidPath();
        const id = bytesToHex(path[1]!);
        if (requestId !== undefined && requestId !== id) {
          throw new MalformedRequestError('Request IDs must be the same for requested paths with /request_status.');
        }
        requestId = id;
        addRequestStatus(context, visible, path[1]!, content, target.canister, scope);
        break;
      }
      case 'canister': {
        if (!('canister' in target) || second === undefined || third === undefined) throw invalidPath();
        addCanister(context, visible, Principal.fromUint8Array(path[1]!), third, fourth, content, target.canister);
        break;
      }
      default:
        throw invalidPath();
    }
  }
  const tree = visible.select(content.paths);
  return cborReply({ certificate: context.certifier.certify(tree) });
}

function addRequestStatus(
  context: InterfaceContext,
  visible: LabeledTree,
  requestId: Uint8Array,
  content: ReadStateContent,
  effective: Principal,
  scope: TargetScope,
): void {
  const record = context.requests.get(requestId);
  if (!record) return;
  if (record.sender.compareTo(content.sender) !== 'eq' || record.effectiveCanisterId.compareTo(effective) !== 'eq') {
    throw new ForbiddenPathError('The user tries to access Request ID not signed by the caller.');
  }
  try {
    requireTarget(scope, record.canisterId);
  } catch (error) {
    throw new ForbiddenPathError((error as Error).message);
  }
  visible.graft([], requestStatusTree(requestId, record.outcome));
}

function addCanister(
  context: InterfaceContext,
  visible: LabeledTree,
  canisterId: Principal,
  field: string,
  metadataName: string | undefined,
  content: ReadStateContent,
  effective: Principal,
): void {
  if (canisterId.compareTo(effective) !== 'eq') {
    throw new MalformedRequestError(
      `Effective principal id in URL ${effective.toText()} does not match requested principal id: ${canisterId.toText()}.`,
    );
  }
  if (field !== 'module_hash' && field !== 'controllers' && !(field === 'metadata' && metadataName !== undefined)) {
    throw invalidPath();
  }
  const canister = context.replica.getCanister(canisterId);
  if (!canister) return;
  visible.graft([], canisterTree(canister));
  if (field !== 'metadata' || metadataName === undefined) return;
  const section = canisterMetadata(canister, metadataName);
  if (!section) return;
  if (section.visibility === 'private' && !canister.isController(content.sender.toUint8Array())) {
    throw new ForbiddenPathError(`Custom section ${metadataName} can only be requested by the controllers of the canister.`);
  }
  visible.set(['canister', canister.idBytes, 'metadata', metadataName], section.content);
}

function invalidPath(): HttpRequestError {
  return new HttpRequestError(404, 'Invalid path requested.');
}
