import { CommonErrorIdl, named, resultIdl } from '@chargex/common';
import { IDL, Principal } from 'azle';

/** The wire contract of the device registry. */

export type KeyAlgorithm = { Ed25519: null } | { Secp256k1: null };
export const KeyAlgorithmIdl = named('KeyAlgorithm', IDL.Variant({ Ed25519: IDL.Null, Secp256k1: IDL.Null }));

/** Cell chemistry of the monitored battery: it sets the plausible cell voltage range (ingest/chemistry.ts). */
export type Chemistry = { LiFePO4: null } | { NMC: null } | { LTO: null };
export const ChemistryIdl = named('Chemistry', IDL.Variant({ LiFePO4: IDL.Null, NMC: IDL.Null, LTO: IDL.Null }));

/** Active devices report; suspended ones are refused until reactivated; retired is final. */
export type DeviceStatus = { Active: null } | { Suspended: null } | { Retired: null };
export const DeviceStatusIdl = named('DeviceStatus', IDL.Variant({ Active: IDL.Null, Suspended: IDL.Null, Retired: IDL.Null }));

/** The key a device signs its readings with (raw bytes: 32 for Ed25519, 33 or 65 SEC1 bytes for secp256k1). */
export interface DeviceKey {
  public_key: Uint8Array;
  algorithm: KeyAlgorithm;
}
export const DeviceKeyIdl = named('DeviceKey', IDL.Record({ public_key: IDL.Vec(IDL.Nat8), algorithm: KeyAlgorithmIdl }));

/** What a fleet operator sends to register a monitor. */
export interface DeviceRegistration {
  device_id: string;
  key: DeviceKey;
  battery_token_id: bigint;
  owner: Principal;
  chemistry: Chemistry;
  firmware_version: string;
  reporting_interval_s: number;
}
export const DeviceRegistrationIdl = named(
  'DeviceRegistration',
  IDL.Record({
    device_id: IDL.Text,
    key: DeviceKeyIdl,
    battery_token_id: IDL.Nat,
    owner: IDL.Principal,
    chemistry: ChemistryIdl,
    firmware_version: IDL.Text,
    reporting_interval_s: IDL.Nat32
  })
);

/** The fields to change on a device; absent fields stay as they are. */
export interface DeviceUpdate {
  key: [] | [DeviceKey];
  battery_token_id: [] | [bigint];
  owner: [] | [Principal];
  chemistry: [] | [Chemistry];
  firmware_version: [] | [string];
  reporting_interval_s: [] | [number];
}
export const DeviceUpdateIdl = named(
  'DeviceUpdate',
  IDL.Record({
    key: IDL.Opt(DeviceKeyIdl),
    battery_token_id: IDL.Opt(IDL.Nat),
    owner: IDL.Opt(IDL.Principal),
    chemistry: IDL.Opt(ChemistryIdl),
    firmware_version: IDL.Opt(IDL.Text),
    reporting_interval_s: IDL.Opt(IDL.Nat32)
  })
);

/**
 * A registered device. `version` is the registry version of its latest change (registry versions grow by one per
 * change of any device), which is what `device_keys_since` pages by.
 */
export interface Device {
  device_id: string;
  key: DeviceKey;
  battery_token_id: bigint;
  owner: Principal;
  chemistry: Chemistry;
  firmware_version: string;
  reporting_interval_s: number;
  status: DeviceStatus;
  last_sequence: [] | [bigint];
  registered_at: bigint;
  updated_at: bigint;
  version: bigint;
}
export const DeviceIdl = named(
  'Device',
  IDL.Record({
    device_id: IDL.Text,
    key: DeviceKeyIdl,
    battery_token_id: IDL.Nat,
    owner: IDL.Principal,
    chemistry: ChemistryIdl,
    firmware_version: IDL.Text,
    reporting_interval_s: IDL.Nat32,
    status: DeviceStatusIdl,
    last_sequence: IDL.Opt(IDL.Nat64),
    registered_at: IDL.Nat64,
    updated_at: IDL.Nat64,
    version: IDL.Nat64
  })
);

/** What the bridge caches per device to check signatures and refuse inactive devices before relaying. */
export interface DeviceKeyEntry {
  device_id: string;
  key: DeviceKey;
  status: DeviceStatus;
  battery_token_id: bigint;
  version: bigint;
}
export const DeviceKeyEntryIdl = named(
  'DeviceKeyEntry',
  IDL.Record({
    device_id: IDL.Text,
    key: DeviceKeyIdl,
    status: DeviceStatusIdl,
    battery_token_id: IDL.Nat,
    version: IDL.Nat64
  })
);

/**
 * Devices changed after a registry version. Ask again with `next_version` until it equals `head_version`; then
 * the cache is current as of `head_version`.
 */
export interface DeviceKeysPage {
  entries: DeviceKeyEntry[];
  next_version: bigint;
  head_version: bigint;
}
const DeviceKeysPageIdl = named(
  'DeviceKeysPage',
  IDL.Record({ entries: IDL.Vec(DeviceKeyEntryIdl), next_version: IDL.Nat64, head_version: IDL.Nat64 })
);

export interface DevicePage {
  devices: Device[];
  next_cursor: [] | [bigint];
}
const DevicePageIdl = named('DevicePage', IDL.Record({ devices: IDL.Vec(DeviceIdl), next_cursor: IDL.Opt(IDL.Nat64) }));

export const DeviceResultIdl = resultIdl(DeviceIdl, CommonErrorIdl);
export const DevicePageResultIdl = resultIdl(DevicePageIdl, CommonErrorIdl);
export const DeviceKeysPageResultIdl = resultIdl(DeviceKeysPageIdl, CommonErrorIdl);
