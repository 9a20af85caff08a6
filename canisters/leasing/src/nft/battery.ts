import { named } from '@chargex/common';
import { IDL } from 'azle';

import { Account, AccountIdl } from '../icrc3/account';

/** Cell chemistries a registered battery can have. */
export const CHEMISTRIES = ['LFP', 'NMC', 'NCA', 'LTO', 'LMO', 'LCO', 'SodiumIon', 'LeadAcid'] as const;

/** A cell chemistry, as a candid variant. */
export type Chemistry = { [C in (typeof CHEMISTRIES)[number]]: { [K in C]: null } }[(typeof CHEMISTRIES)[number]];

/** Candid type of Chemistry. */
export const ChemistryIdl = named('Chemistry', IDL.Variant(Object.fromEntries(CHEMISTRIES.map((c) => [c, IDL.Null]))));

/** What a fleet operator gives to register a battery (and mint its token). */
export interface BatteryRegistration {
  /** Who receives the token; none: the registering operator's default account. */
  owner: [] | [Account];
  serial: string;
  manufacturer: string;
  model: string;
  chemistry: Chemistry;
  nominal_voltage_mv: number;
  capacity_wh: number;
  /** Calendar date `YYYY-MM-DD`. */
  manufactured_on: string;
  monitor_device_id: string;
  cycle_count: number;
  /** State of health in basis points (10000 = as new). */
  state_of_health_bp: number;
}

/** Candid type of BatteryRegistration. */
export const BatteryRegistrationIdl = named(
  'BatteryRegistration',
  IDL.Record({
    owner: IDL.Opt(AccountIdl),
    serial: IDL.Text,
    manufacturer: IDL.Text,
    model: IDL.Text,
    chemistry: ChemistryIdl,
    nominal_voltage_mv: IDL.Nat32,
    capacity_wh: IDL.Nat32,
    manufactured_on: IDL.Text,
    monitor_device_id: IDL.Text,
    cycle_count: IDL.Nat32,
    state_of_health_bp: IDL.Nat16
  })
);

/** A registered battery: what its token's metadata describes. */
export interface Battery {
  serial: string;
  manufacturer: string;
  model: string;
  chemistry: Chemistry;
  nominal_voltage_mv: number;
  capacity_wh: number;
  manufactured_on: string;
  monitor_device_id: string;
  cycle_count: number;
  state_of_health_bp: number;
  registered_at: bigint;
  updated_at: bigint;
}

/** Candid type of Battery (also its stored form). */
export const BatteryIdl = named(
  'Battery',
  IDL.Record({
    serial: IDL.Text,
    manufacturer: IDL.Text,
    model: IDL.Text,
    chemistry: ChemistryIdl,
    nominal_voltage_mv: IDL.Nat32,
    capacity_wh: IDL.Nat32,
    manufactured_on: IDL.Text,
    monitor_device_id: IDL.Text,
    cycle_count: IDL.Nat32,
    state_of_health_bp: IDL.Nat16,
    registered_at: IDL.Nat64,
    updated_at: IDL.Nat64
  })
);

/** New values of the fields telemetry and ai keep up to date; at least one must be given. */
export interface BatteryStateUpdate {
  cycle_count: [] | [number];
  state_of_health_bp: [] | [number];
}

/** Candid type of BatteryStateUpdate. */
export const BatteryStateUpdateIdl = named(
  'BatteryStateUpdate',
  IDL.Record({ cycle_count: IDL.Opt(IDL.Nat32), state_of_health_bp: IDL.Opt(IDL.Nat16) })
);

/** The chemistry's name. */
export function chemistryName(chemistry: Chemistry): string {
  return Object.keys(chemistry)[0] as string;
}
