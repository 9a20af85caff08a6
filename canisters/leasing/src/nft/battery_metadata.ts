import { Value } from '@chargex/common';

import { nat, text, ValueMap } from '../icrc3/value';
import { Battery, chemistryName } from './battery';

/** Metadata keys of a battery token; the `chargex` namespace marks them as this collection's own. */
export const BATTERY_KEYS = {
  serial: 'chargex:serial',
  manufacturer: 'chargex:manufacturer',
  model: 'chargex:model',
  chemistry: 'chargex:chemistry',
  nominalVoltage: 'chargex:nominal_voltage_mv',
  capacity: 'chargex:capacity_wh',
  manufacturedOn: 'chargex:manufactured_on',
  monitorDevice: 'chargex:monitor_device_id',
  cycleCount: 'chargex:cycle_count',
  stateOfHealth: 'chargex:state_of_health_bp'
} as const;

/** A battery's token metadata, as icrc7_token_metadata returns it. */
export function batteryMetadata(battery: Battery): ValueMap {
  return [
    [BATTERY_KEYS.serial, text(battery.serial)],
    [BATTERY_KEYS.manufacturer, text(battery.manufacturer)],
    [BATTERY_KEYS.model, text(battery.model)],
    [BATTERY_KEYS.chemistry, text(chemistryName(battery.chemistry))],
    [BATTERY_KEYS.nominalVoltage, nat(battery.nominal_voltage_mv)],
    [BATTERY_KEYS.capacity, nat(battery.capacity_wh)],
    [BATTERY_KEYS.manufacturedOn, text(battery.manufactured_on)],
    [BATTERY_KEYS.monitorDevice, text(battery.monitor_device_id)],
    [BATTERY_KEYS.cycleCount, nat(battery.cycle_count)],
    [BATTERY_KEYS.stateOfHealth, nat(battery.state_of_health_bp)]
  ];
}

/**
 * The `meta` field of 7mint and 7update_token blocks: the full metadata under `icrc7:token_metadata`, as ICRC-7
 * recommends, so the collection's state can be rebuilt from the log alone.
 */
export function metaField(battery: Battery): Value {
  return { Map: [['icrc7:token_metadata', { Map: batteryMetadata(battery) }]] };
}
