import { OrderedKey } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { AI_MEMORY } from '../memory';
import { BatteryState } from './battery_state';
import { batteryStateCodec } from './state_codec';

/** The state of every battery ai has heard of, by battery token id (u64). */
export class BatteryStore {
  private readonly states = new StableBTreeMap<bigint, BatteryState>(AI_MEMORY.batteries, OrderedKey.u64, batteryStateCodec);

  get(tokenId: bigint): BatteryState | undefined {
    return this.states.get(tokenId);
  }

  put(tokenId: bigint, state: BatteryState): void {
    this.states.insert(tokenId, state);
  }

  count(): number {
    return this.states.len();
  }

  /** Token ids in ascending order, `limit` from position `start`. */
  tokenIds(start: number, limit: number): bigint[] {
    return this.states.keys(start, limit);
  }
}
