import { CommonError, invalidArgument } from '@chargex/common';

import { validSubaccount } from '../icrc3/account';
import { BatteryRegistration, BatteryStateUpdate } from './battery';

const MAX_TEXT_CHARS = 64;
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_NOMINAL_VOLTAGE_MV = 2_000_000;
const MAX_CAPACITY_WH = 100_000_000;
const FIRST_YEAR = 1990;
/** State of health is in basis points: 10000 is a new battery. */
export const FULL_HEALTH_BP = 10_000;

/** Checks a registration; `today` is the current UTC date `YYYY-MM-DD`. Returns the first problem found. */
export function registrationProblem(input: BatteryRegistration, today: string): CommonError | undefined {
  const owner = input.owner[0];
  if (owner !== undefined && (owner.owner.isAnonymous() || !validSubaccount(owner.subaccount))) {
    return invalidArgument('owner', 'must be a non-anonymous account with no subaccount or a 32-byte one');
  }
  return (
    identifierProblem('serial', input.serial) ??
    nameProblem('manufacturer', input.manufacturer) ??
    nameProblem('model', input.model) ??
    rangeProblem('nominal_voltage_mv', input.nominal_voltage_mv, 1, MAX_NOMINAL_VOLTAGE_MV) ??
    rangeProblem('capacity_wh', input.capacity_wh, 1, MAX_CAPACITY_WH) ??
    dateProblem('manufactured_on', input.manufactured_on, today) ??
    identifierProblem('monitor_device_id', input.monitor_device_id) ??
    rangeProblem('state_of_health_bp', input.state_of_health_bp, 0, FULL_HEALTH_BP)
  );
}

/** Checks a live-state update against the battery's current cycle count (counts never go down). */
export function stateUpdateProblem(update: BatteryStateUpdate, currentCycles: number): CommonError | undefined {
  const cycles = update.cycle_count[0];
  const health = update.state_of_health_bp[0];
  if (cycles === undefined && health === undefined) {
    return invalidArgument('update', 'give cycle_count, state_of_health_bp or both');
  }
  if (cycles !== undefined && cycles < currentCycles) {
    return invalidArgument('cycle_count', `must not go down (now ${currentCycles})`);
  }
  return health === undefined ? undefined : rangeProblem('state_of_health_bp', health, 0, FULL_HEALTH_BP);
}

/** The UTC calendar date of an IC time in nanoseconds, `YYYY-MM-DD`. */
export function utcDate(nowNs: bigint): string {
  return new Date(Number(nowNs / 1_000_000n)).toISOString().slice(0, 10);
}

function identifierProblem(field: string, value: string): CommonError | undefined {
  if (value.length === 0 || value.length > MAX_TEXT_CHARS || !IDENTIFIER.test(value)) {
    return invalidArgument(field, `must be 1 to ${MAX_TEXT_CHARS} letters, digits or . _ : - (starting with a letter or digit)`);
  }
  return undefined;
}

function nameProblem(field: string, value: string): CommonError | undefined {
  const length = [...value].length;
  if (length === 0 || length > MAX_TEXT_CHARS || value.trim() !== value || CONTROL_CHARS.test(value)) {
    return invalidArgument(field, `must be 1 to ${MAX_TEXT_CHARS} characters, no surrounding spaces or control characters`);
  }
  return undefined;
}

function rangeProblem(field: string, value: number, min: number, max: number): CommonError | undefined {
  return value < min || value > max ? invalidArgument(field, `must be from ${min} to ${max}`) : undefined;
}

function dateProblem(field: string, value: string, today: string): CommonError | undefined {
  const match = ISO_DATE.exec(value);
  if (match === null) {
    return invalidArgument(field, 'must be a date YYYY-MM-DD');
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
    return invalidArgument(field, `${value} is not a calendar date`);
  }
  if (year < FIRST_YEAR || value > today) {
    return invalidArgument(field, `must be from ${FIRST_YEAR}-01-01 to today (${today})`);
  }
  return undefined;
}
