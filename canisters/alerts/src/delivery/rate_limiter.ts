import { candidCodec, OrderedKey } from '@chargex/common';
import { IDL, Principal, StableBTreeMap } from 'azle';

import { ALERTS_MEMORY } from '../memory';

const HOUR_NS = 3_600_000_000_000n;

interface RateWindow {
  start_ns: bigint;
  sent: number;
}

const RateWindowIdl = IDL.Record({ start_ns: IDL.Nat64, sent: IDL.Nat32 });

/** Posts per person per clock hour: within the limit a post goes now; past it, it waits for the next hour. */
export class RateLimiter {
  private readonly windows = new StableBTreeMap<Principal, RateWindow>(ALERTS_MEMORY.rateWindows, OrderedKey.principal, candidCodec(RateWindowIdl));

  /** Takes one post from the person's hour, or says when the next hour starts if none is left. */
  take(person: Principal, maxPerHour: number, nowNs: bigint): bigint | undefined {
    const hourStart = nowNs - (nowNs % HOUR_NS);
    const window = this.windows.get(person);
    const sent = window !== undefined && window.start_ns === hourStart ? window.sent : 0;
    if (sent >= maxPerHour) {
      return hourStart + HOUR_NS;
    }
    this.windows.insert(person, { start_ns: hourStart, sent: sent + 1 });
    return undefined;
  }
}
