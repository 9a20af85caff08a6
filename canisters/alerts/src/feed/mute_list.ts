import { candidCodec, named, OrderedKey } from '@chargex/common';
import { IDL, Principal, StableBTreeMap } from 'azle';

import { ALERTS_MEMORY } from '../memory';

/** What a person can mute: one battery's alerts, or one kind of alert everywhere. */
export type Mute = { battery: bigint } | { kind: string };

/** Candid type of Mute. */
export const MuteIdl = named('Mute', IDL.Variant({ battery: IDL.Nat, kind: IDL.Text }));

/** Most mutes one person may keep. */
export const MAX_MUTES_PER_PERSON = 100;

/** Each person's mutes (a short list per person): a muted alert reaches neither their feed nor their webhooks. */
export class MuteList {
  private readonly mutes = new StableBTreeMap<Principal, Mute[]>(ALERTS_MEMORY.mutes, OrderedKey.principal, candidCodec(IDL.Vec(MuteIdl)));

  /** Adds a mute; false when the person already keeps the most allowed. */
  mute(person: Principal, mute: Mute): boolean {
    const current = this.of(person);
    if (current.some((kept) => sameMute(kept, mute))) {
      return true;
    }
    if (current.length >= MAX_MUTES_PER_PERSON) {
      return false;
    }
    this.mutes.insert(person, [...current, mute]);
    return true;
  }

  /** Removes a mute; false when it was not there. */
  unmute(person: Principal, mute: Mute): boolean {
    const current = this.of(person);
    const kept = current.filter((existing) => !sameMute(existing, mute));
    if (kept.length === current.length) {
      return false;
    }
    this.mutes.insert(person, kept);
    return true;
  }

  of(person: Principal): Mute[] {
    return this.mutes.get(person) ?? [];
  }

  /** Whether a person muted the alert's battery or its kind. */
  silences(person: Principal, kind: string, battery: [] | [bigint]): boolean {
    return this.of(person).some((mute) => ('kind' in mute ? mute.kind === kind : battery.length > 0 && mute.battery === battery[0]));
  }
}

function sameMute(a: Mute, b: Mute): boolean {
  return 'kind' in a ? 'kind' in b && a.kind === b.kind : 'battery' in b && a.battery === b.battery;
}
