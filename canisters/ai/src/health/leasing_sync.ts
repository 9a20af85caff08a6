import { BackgroundTask, OrderedKey, rawCodec } from '@chargex/common';
import { Principal, StableBTreeMap } from 'azle';

import { BatteryState, equivalentCycles } from '../battery/battery_state';
import { BatteryStore } from '../battery/battery_store';
import { lifetimeCycles } from '../battery/fade_trend';
import { GeofenceStore } from '../geofence/geofence_store';
import { AI_MEMORY } from '../memory';
import { getBattery, LeasingBattery, updateBatteryState } from './leasing_api';
import { stateOfHealthBp } from './state_of_health';

const EMPTY = new Uint8Array();
/** Batteries handled per call round; each takes one inter-canister call, all of a round in parallel. */
const ROUND = 10;
/**
 * A new state of health is written once it moved this far from the written one, basis points; cycles once this
 * many accrued. Each write is a block in leasing's ICRC-3 log, so estimate noise must not become a write each.
 */
const WRITE_SOH_STEP_BP = 50;
const WRITE_CYCLES_STEP = 25;

/**
 * Keeps leasing's battery metadata in step with ai: reads each new battery's rating and cycle count from leasing
 * (`get_battery`), and writes state of health and cycle count back (`update_battery_state`, which leasing
 * accepts from its configured ai) when they moved enough. Both are queues in stable memory worked off by a
 * timer with backoff, so a leasing that is stopped or not configured delays them and loses nothing.
 */
export class LeasingSync {
  private readonly profileRequests = new StableBTreeMap<bigint, Uint8Array>(AI_MEMORY.profileRequests, OrderedKey.u64, rawCodec);
  private readonly writeRequests = new StableBTreeMap<bigint, Uint8Array>(AI_MEMORY.healthWrites, OrderedKey.u64, rawCodec);
  private readonly task = new BackgroundTask(() => this.work(), 5, 300);

  constructor(
    private readonly batteries: BatteryStore,
    private readonly geofences: GeofenceStore,
    private readonly leasing: () => Principal | undefined
  ) {}

  /** Asks leasing for a battery's rating (a battery seen for the first time). */
  requestProfile(tokenId: bigint): void {
    this.profileRequests.insert(tokenId, EMPTY);
    this.task.kick();
  }

  /** Schedules a write of the battery's health if it moved enough since the last one. */
  considerWrite(tokenId: bigint, writtenSohBp: number, writtenCycles: number, sohBp: number | undefined, cycles: number): void {
    const sohMoved = sohBp !== undefined && (Number.isNaN(writtenSohBp) || Math.abs(sohBp - writtenSohBp) >= WRITE_SOH_STEP_BP);
    const cyclesMoved = Number.isNaN(writtenCycles) ? cycles >= WRITE_CYCLES_STEP : cycles - writtenCycles >= WRITE_CYCLES_STEP;
    if ((sohMoved || cyclesMoved) && !this.writeRequests.containsKey(tokenId)) {
      this.writeRequests.insert(tokenId, EMPTY);
      this.task.kick();
    }
  }

  /** Call from @init and @postUpgrade: works off what was left. */
  resume(): void {
    if (this.profileRequests.len() > 0 || this.writeRequests.len() > 0) {
      this.task.kick();
    }
  }

  /** Reads and writes waiting. */
  pending(): { profiles: number; writes: number } {
    return { profiles: this.profileRequests.len(), writes: this.writeRequests.len() };
  }

  private async work(): Promise<boolean> {
    const leasing = this.leasing();
    if (leasing === undefined) {
      return true;
    }
    while (this.profileRequests.len() > 0) {
      const round = this.profileRequests.keys(0, ROUND);
      const results = await Promise.all(round.map((tokenId) => this.fetchProfile(leasing, tokenId)));
      if (results.includes(false)) {
        return false;
      }
    }
    // Writes whose battery is not yet known to be in leasing stay queued behind its profile.
    let start = 0;
    while (start < this.writeRequests.len()) {
      const round = this.writeRequests.keys(start, ROUND);
      const results = await Promise.all(round.map((tokenId) => this.write(leasing, tokenId)));
      if (results.includes('failed')) {
        return false;
      }
      start += results.filter((result) => result === 'kept').length;
    }
    // A refused cycle count asks for leasing's count again: that read is left for the retry.
    return this.profileRequests.len() === 0;
  }

  private async fetchProfile(leasing: Principal, tokenId: bigint): Promise<boolean> {
    const outcome = await getBattery(leasing, tokenId);
    if ('failure' in outcome) {
      console.log(`ai: leasing.get_battery(${tokenId}) failed: ${outcome.failure}`);
      return false;
    }
    const state = this.batteries.get(tokenId);
    this.profileRequests.remove(tokenId);
    if (state === undefined) {
      return true;
    }
    if ('Ok' in outcome.answer) {
      applyProfile(state, outcome.answer.Ok.battery);
      this.geofences.setOwner(tokenId, outcome.answer.Ok.owner.owner);
    } else if ('NotFound' in outcome.answer.Err) {
      state.inLeasing = 0;
    } else {
      console.log(`ai: leasing refused get_battery(${tokenId}): ${Object.keys(outcome.answer.Err)[0]}`);
      this.profileRequests.insert(tokenId, EMPTY);
      this.batteries.put(tokenId, state);
      return false;
    }
    this.batteries.put(tokenId, state);
    return true;
  }

  /** One battery's write: done (or dropped), kept in the queue for later, or failed (retry with backoff). */
  private async write(leasing: Principal, tokenId: bigint): Promise<'done' | 'kept' | 'failed'> {
    const before = this.batteries.get(tokenId);
    if (before === undefined || before.inLeasing === 0) {
      this.writeRequests.remove(tokenId);
      return 'done';
    }
    if (before.inLeasing !== 1) {
      return 'kept';
    }
    const sohBp = stateOfHealthBp(before);
    const cycles = Math.floor(lifetimeCycles(before));
    const outcome = await updateBatteryState(leasing, tokenId, cycles, sohBp);
    if ('failure' in outcome) {
      console.log(`ai: leasing.update_battery_state(${tokenId}) failed: ${outcome.failure}`);
      return 'failed';
    }
    const state = this.batteries.get(tokenId);
    if (state === undefined) {
      return 'done';
    }
    const answer = outcome.answer;
    if ('Ok' in answer) {
      state.writtenSohBp = sohBp ?? state.writtenSohBp;
      state.writtenCycles = cycles;
      this.writeRequests.remove(tokenId);
    } else if ('NotFound' in answer.Err) {
      state.inLeasing = 0;
      this.writeRequests.remove(tokenId);
    } else if ('InvalidArgument' in answer.Err && answer.Err.InvalidArgument.field === 'cycle_count') {
      // Leasing counts more cycles than ai does (another reporter, or an edit): read its count again.
      state.inLeasing = Number.NaN;
      this.profileRequests.insert(tokenId, EMPTY);
    } else {
      console.log(`ai: leasing refused update_battery_state(${tokenId}): ${Object.keys(answer.Err)[0]}`);
      return 'failed';
    }
    this.batteries.put(tokenId, state);
    return 'done';
  }
}

/** Takes leasing's rating and cycle count: cycles before ai's count are leasing's count less what ai counted. */
function applyProfile(state: BatteryState, battery: LeasingBattery): void {
  if (battery.capacity_wh > 0 && battery.nominal_voltage_mv > 0) {
    state.ratedCapacityAh = (battery.capacity_wh * 1_000) / battery.nominal_voltage_mv;
  }
  state.baseCycles = Math.max(0, battery.cycle_count - equivalentCycles(state));
  state.inLeasing = 1;
}
