import { CommonError, CommonErrorIdl, err, notFound, ok, Result, resultIdl } from '@chargex/common';
import { IDL, msgCaller, query, time, update } from 'azle';

import { foundation, models } from '../app';
import { ModelInfo, ModelInfoIdl, ModelUpload, ModelUploadIdl, ModelVersion, ModelVersionIdl } from '../model/model_version';

const ModelInfoResultIdl = resultIdl(ModelInfoIdl, CommonErrorIdl);

/** Model versions: admins upload parameter sets, choose the one in use and roll back; anyone may read them. */
export class ModelApi {
  /** Stores a new model version, and uses it from the next hand-off when `activate` is set (admins). */
  @update([ModelUploadIdl], ModelInfoResultIdl)
  upload_model(upload: ModelUpload): Result<ModelInfo, CommonError> {
    const caller = msgCaller();
    return foundation.guard.requireAdmin(caller) ?? models.upload(upload, caller, time());
  }

  /** Makes a stored version the one in use (admins). */
  @update([IDL.Nat32], ModelInfoResultIdl)
  activate_model(version: number): Result<ModelInfo, CommonError> {
    return foundation.guard.requireAdmin(msgCaller()) ?? models.activate(version);
  }

  /** Returns to the version that was in use before the current one (admins). */
  @update([], ModelInfoResultIdl)
  rollback_model(): Result<ModelInfo, CommonError> {
    return foundation.guard.requireAdmin(msgCaller()) ?? models.rollback();
  }

  /** Every model version, newest first; `active` marks the one in use. */
  @query([], IDL.Vec(ModelInfoIdl))
  list_models(): ModelInfo[] {
    return models.list();
  }

  /** One model version with its parameters. */
  @query([IDL.Nat32], resultIdl(ModelVersionIdl, CommonErrorIdl))
  get_model(version: number): Result<ModelVersion, CommonError> {
    const stored = models.get(version);
    return stored === undefined ? err(notFound('model version', String(version))) : ok(stored);
  }

  /** The model version in use, with its parameters. */
  @query([], ModelVersionIdl)
  active_model(): ModelVersion {
    return models.active();
  }
}
