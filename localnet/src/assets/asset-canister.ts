import { createHash } from 'node:crypto';
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import type { NativeCanister } from '../canister/native-canister.js';
import { RejectCode } from '../errors.js';
import type { Response } from '../execution/execution.js';
import { AssetError, PermissionError } from './asset-errors.js';
import { assetCanisterService } from './asset-idl.js';
import { ASSET_METHODS, requireAllowed, type AssetMethod, type CallEnvironment } from './asset-methods.js';
import type { AssetPersistence } from './asset-persistence.js';
import { AssetCanisterState } from './asset-state.js';
import { AssetCertification } from './certification/asset-certification.js';
import { FALLBACK_KEY, type ResponseCertifier } from './http-serving.js';

const SIGNATURES = new Map(assetCanisterService._fields);

export interface AssetCanisterOptions {
  canisterId: Principal;
  /** Whether a principal controls the canister (read from the replica's canister record at each call). */
  isController: (principal: Principal) => boolean;
  nowNs: () => bigint;
  /** Where committed state goes; without it the canister lives in memory only. */
  persistence?: AssetPersistence;
  /** The state to start from (a restored one); empty otherwise. */
  state?: AssetCanisterState;
  /** Sets the canister's certified data (ic0.certified_data_set). */
  setCertifiedData?: (data: Uint8Array) => void;
  /** The subnet's certificate of the canister's certified data, when there is one (ic0.data_certificate_copy). */
  dataCertificate?: () => Uint8Array | undefined;
}

/**
 * dfx's asset canister implemented in the host (no wasm of it is available offline). Each update runs on a copy
 * of the state that replaces the current one only if the whole call succeeds and was saved, so a failing
 * commit_batch changes nothing, as a trap would on the IC.
 */
export class AssetCanister implements NativeCanister {
  /** A fixed stand-in for the module hash, so canister_status reports the same value across restarts. */
  readonly moduleHash = new Uint8Array(createHash('sha256').update('localnet built-in asset canister').digest());
  private state: AssetCanisterState;
  private certification!: AssetCertification;

  constructor(private readonly options: AssetCanisterOptions) {
    this.state = options.state ?? new AssetCanisterState();
    this.certify();
  }

  /** Grants Commit to principals (what the installer of dfx's canister gets); saved at once. */
  grantCommit(principals: Principal[]): void {
    const next = this.state.clone();
    for (const principal of principals) next.permissions.grant(principal, 'Commit');
    this.options.persistence?.save(next);
    this.state = next;
  }

  isQuery(method: string): boolean {
    return ASSET_METHODS[method]?.kind === 'query';
  }

  isUpdate(method: string): boolean {
    return ASSET_METHODS[method]?.kind === 'update';
  }

  query(method: string, arg: Uint8Array, caller: Principal): Response {
    return this.invoke(ASSET_METHODS[method]!, method, arg, caller, this.state);
  }

  update(method: string, arg: Uint8Array, caller: Principal): Response {
    const spec = ASSET_METHODS[method]!;
    if (spec.reads) return this.invoke(spec, method, arg, caller, this.state);
    const draft = this.state.clone();
    const response = this.invoke(spec, method, arg, caller, draft);
    if (response.kind === 'reply') {
      try {
        this.options.persistence?.save(draft);
      } catch (error) {
        return this.trap(`could not save the asset canister's state: ${(error as Error).message}`);
      }
      this.state = draft;
      // Only Commit methods change what is served; chunk uploads leave the tree alone.
      if (spec.guard === 'Commit') this.certify();
    }
    return response;
  }

  /** Rebuilds the certification tree from the assets and certifies its root, as dfx's canister does on commit. */
  private certify(): void {
    this.certification = AssetCertification.of(this.state.assets, FALLBACK_KEY);
    this.options.setCertifiedData?.(this.certification.rootHash);
  }

  private invoke(spec: AssetMethod, method: string, arg: Uint8Array, caller: Principal, state: AssetCanisterState): Response {
    const signature = SIGNATURES.get(method)!;
    const env: CallEnvironment = {
      caller,
      canisterId: this.options.canisterId,
      nowNs: this.options.nowNs(),
      isController: this.options.isController,
      certifier: this.certifier(spec),
    };
    try {
      if (spec.guard) requireAllowed(state, env, spec.guard);
      let args: unknown[];
      try {
        args = IDL.decode(signature.argTypes, arg);
      } catch (error) {
        throw new AssetError(`failed to decode call arguments: ${(error as Error).message}`);
      }
      const result = spec.run(state, args, env);
      const results = signature.retTypes.length === 0 ? [] : [result];
      return { kind: 'reply', data: new Uint8Array(IDL.encode(signature.retTypes, results)) };
    } catch (error) {
      if (error instanceof PermissionError) return { kind: 'reject', code: RejectCode.CanisterReject, message: error.message };
      return this.trap(error instanceof Error ? error.message : String(error));
    }
  }

  /** Queries get the data certificate, as `ic0.data_certificate_copy` is only available to them. */
  private certifier(spec: AssetMethod): ResponseCertifier | undefined {
    if (spec.kind !== 'query') return undefined;
    const certificate = this.options.dataCertificate?.();
    return certificate && { certification: this.certification, certificate };
  }

  /** Rejects like a trapping canister does on the IC. */
  private trap(message: string): Response {
    return {
      kind: 'reject',
      code: RejectCode.CanisterError,
      message: `IC0503: Error from Canister ${this.options.canisterId.toText()}: Canister called \`ic0.trap\` with message: '${message}'`,
    };
  }
}
