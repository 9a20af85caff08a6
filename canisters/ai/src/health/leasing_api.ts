import { CommonError, CommonErrorIdl, describeCallError, Result, resultIdl } from '@chargex/common';
import { call, IDL, Principal } from 'azle';

/** The part of leasing's battery record ai reads: its rating and what leasing knows of its life so far. */
export interface LeasingBattery {
  nominal_voltage_mv: number;
  capacity_wh: number;
  cycle_count: number;
  state_of_health_bp: number;
}

// Candid decoding ignores the record fields a reader does not name, so ai names only those it uses.
const LeasingBatteryIdl = IDL.Record({
  nominal_voltage_mv: IDL.Nat32,
  capacity_wh: IDL.Nat32,
  cycle_count: IDL.Nat32,
  state_of_health_bp: IDL.Nat16
});
const GetBatteryResultIdl = resultIdl(IDL.Record({ battery: LeasingBatteryIdl, owner: IDL.Record({ owner: IDL.Principal }) }), CommonErrorIdl);
const BatteryStateUpdateIdl = IDL.Record({ cycle_count: IDL.Opt(IDL.Nat32), state_of_health_bp: IDL.Opt(IDL.Nat16) });

/** What a call to leasing came to: its answer, or the reason there was none (rejected, trapped, stopped). */
export type LeasingOutcome<T> = { answer: Result<T, CommonError> } | { failure: string };

async function attempt<T>(run: () => Promise<Result<T, CommonError>>): Promise<LeasingOutcome<T>> {
  try {
    return { answer: await run() };
  } catch (error) {
    return { failure: describeCallError(error) };
  }
}

/** What ai reads of leasing's battery view: the battery and who owns it (its fleet). */
export interface LeasingBatteryView {
  battery: LeasingBattery;
  owner: { owner: Principal };
}

/** leasing.get_battery(token): the battery's rating and life so far, and its owner. */
export function getBattery(leasing: Principal, tokenId: bigint): Promise<LeasingOutcome<LeasingBatteryView>> {
  return attempt(() =>
    call<[bigint], Result<LeasingBatteryView, CommonError>>(leasing, 'get_battery', {
      paramIdlTypes: [IDL.Nat],
      returnIdlType: GetBatteryResultIdl,
      args: [tokenId]
    })
  );
}

/** leasing.update_battery_state(token, update): records the cycle count, and the state of health when known. */
export function updateBatteryState(
  leasing: Principal,
  tokenId: bigint,
  cycles: number,
  stateOfHealthBp: number | undefined
): Promise<LeasingOutcome<bigint>> {
  const update = { cycle_count: [cycles] as [number], state_of_health_bp: (stateOfHealthBp === undefined ? [] : [stateOfHealthBp]) as [] | [number] };
  return attempt(() =>
    call<[bigint, typeof update], Result<bigint, CommonError>>(leasing, 'update_battery_state', {
      paramIdlTypes: [IDL.Nat, BatteryStateUpdateIdl],
      returnIdlType: resultIdl(IDL.Nat, CommonErrorIdl),
      args: [tokenId, update]
    })
  );
}
