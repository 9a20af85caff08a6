import { candidCodec, OrderedKey } from '@chargex/common';
import { IDL, Principal, StableBTreeMap } from 'azle';

import { StoredReading, StoredReadingIdl } from '../api/reading';
import { TELEMETRY_MEMORY } from '../memory';

/**
 * What telemetry keeps per battery. `open_window`/`open_part` point at the chunk part readings are appended to,
 * so an in-order append finds its part without probing. `owner` is the owner of the device last attached: the
 * person allowed to read the battery's telemetry besides fleet operators and admins.
 */
export interface BatteryRecord {
  token_id: bigint;
  owner: Principal;
  open_window: number;
  open_part: number;
  readings: bigint;
  latest: [] | [LatestReading];
}

/** A battery's newest reading by device timestamp, and the device (by number) that sent it. */
export interface LatestReading {
  device: number;
  reading: StoredReading;
}

const BatteryRecordIdl = IDL.Record({
  token_id: IDL.Nat,
  owner: IDL.Principal,
  open_window: IDL.Nat32,
  open_part: IDL.Nat16,
  readings: IDL.Nat64,
  latest: IDL.Opt(IDL.Record({ device: IDL.Nat32, reading: StoredReadingIdl }))
});

/**
 * Batteries by a dense number (u32, fixed-width in every chunk and rollup key) and by their leasing ICRC-7
 * token id. A battery gets its number when the first device monitoring it is registered.
 */
export class BatteryDirectory {
  private readonly records = new StableBTreeMap<number, BatteryRecord>(
    TELEMETRY_MEMORY.batteries,
    OrderedKey.u32,
    candidCodec(BatteryRecordIdl)
  );
  private readonly numbers = new StableBTreeMap<string, number>(TELEMETRY_MEMORY.batteryNumbers, OrderedKey.text, OrderedKey.u32);

  /** The number of the battery with `tokenId`, creating its record (owned by `owner`) if it is new. */
  attach(tokenId: bigint, owner: Principal): number {
    const existing = this.numberOf(tokenId);
    if (existing !== undefined) {
      const record = this.get(existing);
      this.records.insert(existing, { ...record, owner });
      return existing;
    }
    const number = this.records.len();
    this.records.insert(number, { token_id: tokenId, owner, open_window: 0, open_part: 0, readings: 0n, latest: [] });
    this.numbers.insert(tokenId.toString(), number);
    return number;
  }

  /** The number of the battery with `tokenId`, if any device ever monitored it. */
  numberOf(tokenId: bigint): number | undefined {
    return this.numbers.get(tokenId.toString());
  }

  /** The record of battery `number` (which must exist). */
  get(number: number): BatteryRecord {
    const record = this.records.get(number);
    if (record === undefined) {
      throw new Error(`battery ${number} is referenced but has no record`);
    }
    return record;
  }

  /** Replaces the record of battery `number`. */
  put(number: number, record: BatteryRecord): void {
    this.records.insert(number, record);
  }

  /** Number of batteries known. */
  count(): number {
    return this.records.len();
  }
}
