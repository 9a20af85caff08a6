import { named } from '@chargex/common';
import { IDL, Principal } from 'azle';

import { ModelParams, ModelParamsIdl } from './model_params';

/** A stored model version: its parameters and who uploaded it when. Versions are numbered 1, 2, ... */
export interface ModelVersion {
  version: number;
  label: string;
  params: ModelParams;
  uploaded_at: bigint;
  uploaded_by: Principal;
}

/** The candid record of a model version whose parameters have type `params` (the current type, or a stored older one). */
export function modelVersionRecord(params: IDL.Type): IDL.RecordClass {
  return IDL.Record({ version: IDL.Nat32, label: IDL.Text, params, uploaded_at: IDL.Nat64, uploaded_by: IDL.Principal });
}

/** Candid type of ModelVersion. */
export const ModelVersionIdl = named('ModelVersion', modelVersionRecord(ModelParamsIdl));

/** A version without its parameters, as listings show it; `active` marks the one predictions use now. */
export interface ModelInfo {
  version: number;
  label: string;
  uploaded_at: bigint;
  uploaded_by: Principal;
  active: boolean;
}

/** Candid type of ModelInfo. */
export const ModelInfoIdl = named(
  'ModelInfo',
  IDL.Record({ version: IDL.Nat32, label: IDL.Text, uploaded_at: IDL.Nat64, uploaded_by: IDL.Principal, active: IDL.Bool })
);

/** What an admin uploads: the parameters, a label for people, and whether to use them at once. */
export interface ModelUpload {
  label: string;
  params: ModelParams;
  activate: boolean;
}

/** Candid type of ModelUpload. */
export const ModelUploadIdl = named('ModelUpload', IDL.Record({ label: IDL.Text, params: ModelParamsIdl, activate: IDL.Bool }));

/** The version tag predictions and anomalies carry, e.g. "v3". */
export function versionTag(version: number): string {
  return `v${version}`;
}
