import { alreadyExists, candidCodec, CommonError, err, invalidArgument, isErr, notFound, ok, OrderedKey, PageBounds, Result } from '@chargex/common';
import { IDL, Principal, StableBTreeMap } from 'azle';

import {
  Chemistry,
  ChemistryIdl,
  Device,
  DeviceKey,
  DeviceKeyEntry,
  DeviceKeyIdl,
  DeviceKeysPage,
  DevicePage,
  DeviceRegistration,
  DeviceStatus,
  DeviceStatusIdl,
  DeviceUpdate
} from '../api/device';
import { TELEMETRY_MEMORY } from '../memory';
import { BatteryDirectory } from './battery_directory';
import { DeviceProgress } from './device_progress';
import { deviceIdProblem, validateRegistration, validateUpdate } from './device_validation';
import { OwnerIndex } from './owner_index';
import { RegistryChanges } from './registry_changes';

/** A device as stored: the public fields plus its number, its battery's number and its slot in its owner's list. */
export interface StoredDevice {
  number: number;
  device_id: string;
  key: DeviceKey;
  battery: number;
  battery_token_id: bigint;
  owner: Principal;
  owner_slot: number;
  chemistry: Chemistry;
  firmware_version: string;
  reporting_interval_s: number;
  status: DeviceStatus;
  registered_at: bigint;
  updated_at: bigint;
  version: bigint;
}

const StoredDeviceIdl = IDL.Record({
  number: IDL.Nat32,
  device_id: IDL.Text,
  key: DeviceKeyIdl,
  battery: IDL.Nat32,
  battery_token_id: IDL.Nat,
  owner: IDL.Principal,
  owner_slot: IDL.Nat32,
  chemistry: ChemistryIdl,
  firmware_version: IDL.Text,
  reporting_interval_s: IDL.Nat32,
  status: DeviceStatusIdl,
  registered_at: IDL.Nat64,
  updated_at: IDL.Nat64,
  version: IDL.Nat64
});

/** Most registry versions one `device_keys_since` call walks (superseded versions included). */
const MAX_VERSIONS_SCANNED = 1_000n;

/**
 * The device registry. Devices are numbered densely in registration order (u32 keys) and never deleted
 * (retiring is a status), so a listing of all devices is one lookup per device from the cursor on.
 */
export class DeviceRegistry {
  private readonly devices = new StableBTreeMap<number, StoredDevice>(TELEMETRY_MEMORY.devices, OrderedKey.u32, candidCodec(StoredDeviceIdl));
  private readonly numbers = new StableBTreeMap<string, number>(TELEMETRY_MEMORY.deviceNumbers, OrderedKey.text, OrderedKey.u32);
  private readonly owners = new OwnerIndex();
  private readonly changes = new RegistryChanges();
  readonly progress = new DeviceProgress();

  constructor(private readonly batteries: BatteryDirectory) {}

  /** Registers a new device, active from now on. */
  register(input: DeviceRegistration, now: bigint): Result<Device, CommonError> {
    const valid = validateRegistration(input);
    if (isErr(valid)) {
      return valid;
    }
    if (this.numbers.containsKey(input.device_id)) {
      return err(alreadyExists('device', input.device_id));
    }
    const number = this.devices.len();
    const device: StoredDevice = {
      number,
      device_id: input.device_id,
      key: input.key,
      battery: this.batteries.attach(input.battery_token_id, input.owner),
      battery_token_id: input.battery_token_id,
      owner: input.owner,
      owner_slot: this.owners.add(input.owner, number),
      chemistry: input.chemistry,
      firmware_version: input.firmware_version,
      reporting_interval_s: input.reporting_interval_s,
      status: { Active: null },
      registered_at: now,
      updated_at: now,
      version: this.changes.record(number, 0n)
    };
    this.numbers.insert(device.device_id, number);
    this.devices.insert(number, device);
    return ok(this.toPublic(device));
  }

  /** Changes the given fields of a device that is not retired. */
  update(deviceId: string, input: DeviceUpdate, now: bigint): Result<Device, CommonError> {
    const found = this.findChangeable(deviceId);
    if (isErr(found)) {
      return found;
    }
    const valid = validateUpdate(input);
    if (isErr(valid)) {
      return valid;
    }
    const current = this.reattach(found.Ok, input.owner[0] ?? found.Ok.owner, input.battery_token_id[0] ?? found.Ok.battery_token_id);
    return ok(
      this.save({
        ...current,
        key: input.key[0] ?? current.key,
        chemistry: input.chemistry[0] ?? current.chemistry,
        firmware_version: input.firmware_version[0] ?? current.firmware_version,
        reporting_interval_s: input.reporting_interval_s[0] ?? current.reporting_interval_s,
        updated_at: now
      })
    );
  }

  /** Suspends, reactivates or retires a device; a retired device stays retired. */
  setStatus(deviceId: string, status: DeviceStatus, now: bigint): Result<Device, CommonError> {
    const found = this.findChangeable(deviceId);
    return isErr(found) ? found : ok(this.save({ ...found.Ok, status, updated_at: now }));
  }

  /** The public record of a device. */
  get(deviceId: string): Result<Device, CommonError> {
    const device = this.find(deviceId);
    return device === undefined ? err(notFound('device', deviceId)) : ok(this.toPublic(device));
  }

  /** The stored record of a device, by id (none for an id no device could have, whatever its length). */
  find(deviceId: string): StoredDevice | undefined {
    const number = deviceIdProblem(deviceId) === undefined ? this.numbers.get(deviceId) : undefined;
    return number === undefined ? undefined : this.byNumber(number);
  }

  /** The stored record of device `number` (which must exist). */
  byNumber(number: number): StoredDevice {
    const device = this.devices.get(number);
    if (device === undefined) {
      throw new Error(`device ${number} is referenced but has no record`);
    }
    return device;
  }

  /** Devices in registration order, or one owner's devices, from `bounds.start`. */
  page(bounds: PageBounds, owner: Principal | undefined): DevicePage {
    const numbers = this.numbersPage(bounds, owner);
    return { devices: numbers.items.map((number) => this.toPublic(this.byNumber(number))), next_cursor: numbers.next };
  }

  /** Device numbers in registration order, or in `owner`'s list, from `bounds.start`. */
  numbersPage(bounds: PageBounds, owner: Principal | undefined): { items: number[]; next: [] | [bigint] } {
    const total = owner === undefined ? this.devices.len() : this.owners.count(owner);
    const start = Number(bounds.start < BigInt(total) ? bounds.start : BigInt(total));
    const end = Math.min(start + bounds.limit, total);
    const items: number[] = [];
    for (let position = start; position < end; position++) {
      const number = owner === undefined ? position : this.owners.at(owner, position);
      if (number === undefined) {
        throw new Error(`owner device list of ${owner?.toText()} broken at slot ${position}`);
      }
      items.push(number);
    }
    return { items, next: end < total ? [BigInt(end)] : [] };
  }

  /** Key entries of devices changed after registry version `after`, at most `limit` of them. */
  keysSince(after: bigint, limit: number): DeviceKeysPage {
    const head = this.changes.headVersion();
    const entries: DeviceKeyEntry[] = [];
    let version = after < head ? after : head;
    const last = version + MAX_VERSIONS_SCANNED < head ? version + MAX_VERSIONS_SCANNED : head;
    while (version < last && entries.length < limit) {
      version++;
      const number = this.changes.deviceAt(version);
      if (number !== undefined) {
        const device = this.byNumber(number);
        entries.push({
          device_id: device.device_id,
          key: device.key,
          status: device.status,
          battery_token_id: device.battery_token_id,
          version: device.version
        });
      }
    }
    return { entries, next_version: version, head_version: head };
  }

  /** Number of registered devices. */
  count(): number {
    return this.devices.len();
  }

  /** The public form of a stored device. */
  toPublic(device: StoredDevice): Device {
    const lastSequence = this.progress.get(device.number);
    return {
      device_id: device.device_id,
      key: device.key,
      battery_token_id: device.battery_token_id,
      owner: device.owner,
      chemistry: device.chemistry,
      firmware_version: device.firmware_version,
      reporting_interval_s: device.reporting_interval_s,
      status: device.status,
      last_sequence: lastSequence === undefined ? [] : [lastSequence],
      registered_at: device.registered_at,
      updated_at: device.updated_at,
      version: device.version
    };
  }

  private findChangeable(deviceId: string): Result<StoredDevice, CommonError> {
    const problem = deviceIdProblem(deviceId);
    const device = problem === undefined ? this.find(deviceId) : undefined;
    if (problem !== undefined || device === undefined) {
      return err(problem ?? notFound('device', deviceId));
    }
    return 'Retired' in device.status ? err(invalidArgument('device_id', 'the device is retired; retiring is final')) : ok(device);
  }

  /** The device moved to `owner`'s list and to battery `tokenId` (whose owner becomes `owner`), where they differ. */
  private reattach(device: StoredDevice, owner: Principal, tokenId: bigint): StoredDevice {
    const ownerChanged = owner.compareTo(device.owner) !== 'eq';
    if (!ownerChanged && tokenId === device.battery_token_id) {
      return device;
    }
    let ownerSlot = device.owner_slot;
    if (ownerChanged) {
      const moved = this.owners.remove(device.owner, device.owner_slot);
      if (moved !== undefined) {
        this.devices.insert(moved, { ...this.byNumber(moved), owner_slot: device.owner_slot });
      }
      ownerSlot = this.owners.add(owner, device.number);
    }
    const battery = this.batteries.attach(tokenId, owner);
    return { ...device, owner, owner_slot: ownerSlot, battery, battery_token_id: tokenId };
  }

  private save(device: StoredDevice): Device {
    const saved = { ...device, version: this.changes.record(device.number, device.version) };
    this.devices.insert(device.number, saved);
    return this.toPublic(saved);
  }
}
