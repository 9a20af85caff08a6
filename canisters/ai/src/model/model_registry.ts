import { alreadyExists, candidCodec, CommonError, err, invalidArgument, KeyValueStore, notFound, ok, OrderedKey, Result, StableCell } from '@chargex/common';
import { IDL, Principal, StableBTreeMap } from 'azle';

import { AI_MEMORY } from '../memory';
import { DEFAULT_MODEL, DEFAULT_MODEL_LABEL } from './default_model';
import { modelParamsProblem } from './model_validation';
import { ModelInfo, ModelUpload, ModelVersion, ModelVersionIdl } from './model_version';

/** Activations remembered for rollback; older ones are forgotten (their versions stay stored). */
const MAX_ACTIVATIONS = 100;
const MAX_LABEL_CHARS = 100;

/**
 * Every uploaded model version, and the stack of activations: the top is the version in use, `rollback` pops it
 * and returns to the one active before. The active version's parameters are cached on the heap (they are read
 * on every hand-off) and read again after an upgrade.
 */
export class ModelRegistry {
  private readonly versions = new StableBTreeMap<number, ModelVersion>(AI_MEMORY.models, OrderedKey.u32, candidCodec(ModelVersionIdl));
  private readonly activations: StableCell<number[]>;
  private cached: ModelVersion | undefined;

  constructor(meta: KeyValueStore<string, Uint8Array>) {
    this.activations = new StableCell(meta, 'ai.models.activations', candidCodec<number[]>(IDL.Vec(IDL.Nat32)));
  }

  /** Call from @init: stores the built-in model as version 1 and activates it. */
  installDefault(installer: Principal, now: bigint): void {
    if (this.versions.len() === 0) {
      this.versions.insert(1, { version: 1, label: DEFAULT_MODEL_LABEL, params: DEFAULT_MODEL, uploaded_at: now, uploaded_by: installer });
      this.activations.set([1]);
    }
  }

  /** The version in use. */
  active(): ModelVersion {
    const version = this.stack().at(-1);
    if (this.cached === undefined || this.cached.version !== version) {
      const stored = version === undefined ? undefined : this.versions.get(version);
      if (stored === undefined) {
        throw new Error('no active model version: the canister was not initialized');
      }
      this.cached = stored;
    }
    return this.cached;
  }

  /** Stores a new version (and activates it if asked); returns its info. */
  upload(upload: ModelUpload, by: Principal, now: bigint): Result<ModelInfo, CommonError> {
    const label = upload.label.trim();
    if (label.length === 0 || [...label].length > MAX_LABEL_CHARS) {
      return err(invalidArgument('label', `must be 1 to ${MAX_LABEL_CHARS} characters`));
    }
    const problem = modelParamsProblem(upload.params);
    if (problem !== undefined) {
      return err(problem);
    }
    const version = this.versions.len() + 1;
    this.versions.insert(version, { version, label, params: upload.params, uploaded_at: now, uploaded_by: by });
    if (upload.activate) {
      this.push(version);
    }
    return ok(this.info(version));
  }

  /** Makes a stored version the one in use. */
  activate(version: number): Result<ModelInfo, CommonError> {
    if (!this.versions.containsKey(version)) {
      return err(notFound('model version', String(version)));
    }
    if (this.active().version === version) {
      return err(alreadyExists('active model version', String(version)));
    }
    this.push(version);
    return ok(this.info(version));
  }

  /** Returns to the version active before the current one. */
  rollback(): Result<ModelInfo, CommonError> {
    const stack = this.stack();
    if (stack.length < 2) {
      return err(invalidArgument('rollback', 'no earlier activation is remembered to return to'));
    }
    stack.pop();
    this.activations.set(stack);
    return ok(this.info(stack[stack.length - 1]));
  }

  /** A stored version with its parameters. */
  get(version: number): ModelVersion | undefined {
    return this.versions.get(version);
  }

  /** Every version, newest first, without parameters. */
  list(): ModelInfo[] {
    const infos: ModelInfo[] = [];
    for (let version = this.versions.len(); version >= 1; version--) {
      infos.push(this.info(version));
    }
    return infos;
  }

  /** Number of stored versions. */
  count(): number {
    return this.versions.len();
  }

  private info(version: number): ModelInfo {
    const stored = this.versions.get(version) as ModelVersion;
    const { label, uploaded_at, uploaded_by } = stored;
    return { version, label, uploaded_at, uploaded_by, active: this.active().version === version };
  }

  private push(version: number): void {
    const stack = [...this.stack(), version];
    this.activations.set(stack.slice(-MAX_ACTIVATIONS));
  }

  private stack(): number[] {
    // Candid decodes a vec nat32 as a Uint32Array.
    return Array.from(this.activations.getOr([]));
  }
}
