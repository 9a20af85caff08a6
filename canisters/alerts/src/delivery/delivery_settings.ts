import { candidCodec, CommonError, err, invalidArgument, named, ok, OrderedKey, Result } from '@chargex/common';
import { IDL, Principal, StableBTreeMap } from 'azle';

import { ALERTS_MEMORY } from '../memory';

/** A daily span, in the person's local time, when only critical alerts are posted (the rest wait for its end). */
export interface QuietHours {
  utc_offset_minutes: number;
  start_minute: number;
  end_minute: number;
}

/** Candid type of QuietHours (the same record as the profile's). */
export const QuietHoursIdl = named('QuietHours', IDL.Record({ utc_offset_minutes: IDL.Int16, start_minute: IDL.Nat16, end_minute: IDL.Nat16 }));

/** How a person wants alerts posted to their webhooks. */
export interface DeliverySettings {
  quiet_hours: [] | [QuietHours];
  /** Most posts per hour across their endpoints; the rest wait for the next hour. */
  max_per_hour: number;
}

/** Candid type of DeliverySettings. */
export const DeliverySettingsIdl = named('DeliverySettings', IDL.Record({ quiet_hours: IDL.Opt(QuietHoursIdl), max_per_hour: IDL.Nat16 }));

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = { quiet_hours: [], max_per_hour: 30 };

const MINUTES_PER_DAY = 1440;
const MAX_OFFSET_MINUTES = 14 * 60;

/** Checks settings a person gives. */
export function validateDeliverySettings(settings: DeliverySettings): Result<null, CommonError> {
  if (settings.max_per_hour < 1 || settings.max_per_hour > 1000) {
    return err(invalidArgument('max_per_hour', 'must be from 1 to 1000'));
  }
  const quiet = settings.quiet_hours[0];
  if (quiet !== undefined) {
    if (Math.abs(quiet.utc_offset_minutes) > MAX_OFFSET_MINUTES) {
      return err(invalidArgument('quiet_hours.utc_offset_minutes', 'must be within 14 hours of UTC'));
    }
    if (quiet.start_minute >= MINUTES_PER_DAY || quiet.end_minute >= MINUTES_PER_DAY) {
      return err(invalidArgument('quiet_hours', 'start_minute and end_minute must be minutes of the day (0 to 1439)'));
    }
    if (quiet.start_minute === quiet.end_minute) {
      return err(invalidArgument('quiet_hours', 'must not start and end at the same minute'));
    }
  }
  return ok(null);
}

/** Each person's delivery settings. */
export class DeliverySettingsStore {
  private readonly settings = new StableBTreeMap<Principal, DeliverySettings>(ALERTS_MEMORY.deliverySettings, OrderedKey.principal, candidCodec(DeliverySettingsIdl));

  of(person: Principal): DeliverySettings {
    return this.settings.get(person) ?? DEFAULT_DELIVERY_SETTINGS;
  }

  set(person: Principal, settings: DeliverySettings): void {
    this.settings.insert(person, settings);
  }
}

/**
 * When quiet hours that hold `nowNs` end (Unix ns), or undefined when `nowNs` is outside them. Spans that cross
 * midnight (22:00 to 07:00) are quiet from the start to midnight and from midnight to the end.
 */
export function quietUntil(quiet: QuietHours, nowNs: bigint): bigint | undefined {
  const nowMinutes = Number(nowNs / 60_000_000_000n);
  const local = (((nowMinutes + quiet.utc_offset_minutes) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const { start_minute: start, end_minute: end } = quiet;
  const inside = start < end ? local >= start && local < end : local >= start || local < end;
  if (!inside) {
    return undefined;
  }
  const minutesLeft = (end - local + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  // The end minute starts when the current minute's remainder has passed.
  const startOfMinuteNs = BigInt(nowMinutes) * 60_000_000_000n;
  return startOfMinuteNs + BigInt(minutesLeft) * 60_000_000_000n;
}
