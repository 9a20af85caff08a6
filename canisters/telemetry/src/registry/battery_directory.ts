import { candidCodec, OrderedKey } from '@chargex/common';
import { IDL, Principal, StableBTreeMap } from 'azle';

import { TELEMETRY_MEMORY } from '../memory';

/**
 * A battery's identity here: its leasing token id and the owner of the device last attached, the person allowed
 * to read the battery's telemetry besides fleet operators and admins. What changes at every ingest is kept apart
 * (storage/battery_progress.ts), so ingest never rewrites this record.
 */
export interface BatteryRecord {
  token_id: bigint;
  owner: Principal;
}

const BatteryRecordIdl = IDL.Record({ token_id: IDL.Nat, owner: IDL.Principal });

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
    this.records.insert(number, { token_id: tokenId, owner });
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

  /** Number of batteries known. */
  count(): number {
    return this.records.len();
  }
}
