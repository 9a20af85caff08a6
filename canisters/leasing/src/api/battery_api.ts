import { CommonError, CommonErrorIdl, err, named, notFound, ok, Result, resultIdl } from '@chargex/common';
import { IDL, msgCaller, query, time, update } from 'azle';

import { requireHealthReporter } from '../access';
import { batteries, collection, foundation } from '../app';
import { Account, AccountIdl } from '../icrc3/account';
import { Battery, BatteryIdl, BatteryRegistration, BatteryRegistrationIdl, BatteryStateUpdate, BatteryStateUpdateIdl } from '../nft/battery';
import { Minted } from '../nft/battery_registry';

/** A battery token as get_battery shows it. */
interface BatteryView {
  token_id: bigint;
  owner: Account;
  battery: Battery;
}

const MintedIdl = named('Minted', IDL.Record({ token_id: IDL.Nat, block_index: IDL.Nat }));
const BatteryViewIdl = named('BatteryView', IDL.Record({ token_id: IDL.Nat, owner: AccountIdl, battery: BatteryIdl }));
const BlockIndexResultIdl = resultIdl(IDL.Nat, CommonErrorIdl);

/** Registering, updating and decommissioning batteries: minting, 7update_token and burning their tokens. */
export class BatteryApi {
  /** Registers a battery and mints its token (fleet operators). */
  @update([BatteryRegistrationIdl], resultIdl(MintedIdl, CommonErrorIdl))
  register_battery(input: BatteryRegistration): Result<Minted, CommonError> {
    const caller = msgCaller();
    return foundation.guard.requireRole(caller, 'fleet_operator') ?? batteries.register(caller, input, time());
  }

  /** Records a battery's cycle count and state of health (telemetry, ai, admins); returns the block index. */
  @update([IDL.Nat, BatteryStateUpdateIdl], BlockIndexResultIdl)
  update_battery_state(tokenId: bigint, update: BatteryStateUpdate): Result<bigint, CommonError> {
    const caller = msgCaller();
    return requireHealthReporter(caller) ?? batteries.updateState(caller, tokenId, update, time());
  }

  /** Burns the token of a battery taken out of service (its holder, or admins); returns the block index. */
  @update([IDL.Nat, IDL.Opt(IDL.Vec(IDL.Nat8))], BlockIndexResultIdl)
  decommission_battery(tokenId: bigint, fromSubaccount: [] | [Uint8Array]): Result<bigint, CommonError> {
    const caller = msgCaller();
    const { guard } = foundation;
    return guard.requireAuthenticated(caller) ?? batteries.decommission(caller, tokenId, fromSubaccount, guard.isAdmin(caller), time());
  }

  /** A battery token: its holder and the battery's description and live state. */
  @query([IDL.Nat], resultIdl(BatteryViewIdl, CommonErrorIdl))
  get_battery(tokenId: bigint): Result<BatteryView, CommonError> {
    const token = collection.tokens.get(tokenId);
    return token === undefined ? err(notFound('battery token', tokenId.toString())) : ok({ token_id: tokenId, ...token });
  }
}
