import { alreadyExists, CommonError, err, invalidArgument, notFound, ok, Result, unauthorized, unavailable } from '@chargex/common';
import { Principal } from 'azle';

import { accountOf, accountValue, canonicalAccount, sameAccount, validSubaccount } from '../icrc3/account';
import { map, nat } from '../icrc3/value';
import { Battery, BatteryRegistration, BatteryStateUpdate } from './battery';
import { metaField } from './battery_metadata';
import { registrationProblem, stateUpdateProblem, utcDate } from './battery_validation';
import { Collection } from './collection';

/** A freshly minted battery token and the block that records the mint. */
export interface Minted {
  token_id: bigint;
  block_index: bigint;
}

/**
 * Registering batteries (mint), keeping their live fields current (7update_token) and decommissioning them (burn).
 * Callers are checked by the endpoints; this class checks the arguments and the token.
 */
export class BatteryRegistry {
  constructor(private readonly collection: Collection) {}

  /** Mints the token of a newly registered battery, held by `input.owner` or else the operator. */
  register(operator: Principal, input: BatteryRegistration, now: bigint): Result<Minted, CommonError> {
    const problem = registrationProblem(input, utcDate(now));
    if (problem !== undefined) {
      return err(problem);
    }
    const existing = this.collection.tokens.idOfSerial(input.serial);
    if (existing !== undefined) {
      return err(alreadyExists('battery', `${input.serial} (token ${existing})`));
    }
    const owner = canonicalAccount(input.owner[0] ?? { owner: operator, subaccount: [] });
    const { owner: _ignored, ...description } = input;
    const battery: Battery = { ...description, registered_at: now, updated_at: now };
    const tokenId = this.collection.tokens.mint(owner, battery);
    const blockIndex = this.collection.log.append(
      '7mint',
      map([['tid', nat(tokenId)], ['to', accountValue(owner)], ['meta', metaField(battery)]]),
      now
    );
    return ok({ token_id: tokenId, block_index: blockIndex });
  }

  /** Records new cycle count and state of health readings (logged as 7update_token); returns the block index. */
  updateState(updater: Principal, tokenId: bigint, update: BatteryStateUpdate, now: bigint): Result<bigint, CommonError> {
    const current = this.collection.tokens.batteryOf(tokenId);
    if (current === undefined) {
      return err(notFound('battery token', tokenId.toString()));
    }
    const problem = stateUpdateProblem(update, current.cycle_count);
    if (problem !== undefined) {
      return err(problem);
    }
    const battery: Battery = {
      ...current,
      cycle_count: update.cycle_count[0] ?? current.cycle_count,
      state_of_health_bp: update.state_of_health_bp[0] ?? current.state_of_health_bp,
      updated_at: now
    };
    this.collection.tokens.updateBattery(tokenId, battery);
    return ok(
      this.collection.log.append(
        '7update_token',
        map([['tid', nat(tokenId)], ['from', accountValue(accountOf(updater, []))], ['meta', metaField(battery)]]),
        now
      )
    );
  }

  /**
   * Burns the token of a battery taken out of service. The holder (at `fromSubaccount`) may do it, and admins for
   * any holder; a battery under lease is refused. Returns the block index.
   */
  decommission(
    caller: Principal,
    tokenId: bigint,
    fromSubaccount: [] | [Uint8Array],
    callerIsAdmin: boolean,
    now: bigint
  ): Result<bigint, CommonError> {
    const owner = this.collection.tokens.ownerOf(tokenId);
    if (owner === undefined) {
      return err(notFound('battery token', tokenId.toString()));
    }
    if (!validSubaccount(fromSubaccount)) {
      return err(invalidArgument('from_subaccount', 'must be 32 bytes'));
    }
    if (!callerIsAdmin && !sameAccount(owner, accountOf(caller, fromSubaccount))) {
      return err(unauthorized(caller, { SelfOrAdmin: null }));
    }
    const refusal = this.collection.burnRefusal(tokenId);
    if (refusal !== undefined) {
      return err(unavailable(refusal));
    }
    this.collection.burn(tokenId);
    return ok(this.collection.log.append('7burn', map([['tid', nat(tokenId)], ['from', accountValue(owner)]]), now));
  }
}
