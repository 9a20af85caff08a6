import { Migration, OrderedKey, rawCodec } from '@chargex/common';
import { IDL, StableBTreeMap } from 'azle';

import { AI_MEMORY } from '../memory';
import { DEFAULT_MODEL } from './default_model';
import { ModelParamsV1Idl } from './model_params';
import { ModelVersion, ModelVersionIdl, modelVersionRecord } from './model_version';

/** The migrations of ai's stored data, schema 2 onwards. */
export const AI_MIGRATIONS: readonly Migration[] = [
  {
    version: 2,
    description: 'model versions gain the state-of-charge imbalance levels and the cell voltage noise (built-in values)',
    migrate: addImbalanceParameters
  }
];

function addImbalanceParameters(): void {
  // The map holds candid bytes: read them raw and decode with the parameter type they were written with.
  const stored = new StableBTreeMap<number, Uint8Array>(AI_MEMORY.models, OrderedKey.u32, rawCodec);
  const before = modelVersionRecord(ModelParamsV1Idl);
  for (const [version, bytes] of stored.items()) {
    const old = IDL.decode([before], bytes)[0] as unknown as Omit<ModelVersion, 'params'> & { params: object };
    const params = { ...old.params, cell_imbalance_soc: DEFAULT_MODEL.cell_imbalance_soc, cell_voltage_noise_mv: DEFAULT_MODEL.cell_voltage_noise_mv };
    stored.insert(version, new Uint8Array(IDL.encode([ModelVersionIdl], [{ ...old, params }])));
  }
}
