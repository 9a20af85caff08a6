import { CommonError, CommonErrorIdl, describeCallError, Result, resultIdl } from '@chargex/common';
import { call, IDL, Principal } from 'azle';

/** The people a battery's alerts concern, as leasing knows them. */
export interface BatteryParties {
  owner: Principal | undefined;
  /** The lessee of the lease in force (active or overdue), if any. */
  lessee: Principal | undefined;
}

// Candid decoding ignores the fields a reader does not name: alerts names only what it uses.
const AccountIdl = IDL.Record({ owner: IDL.Principal });
const GetBatteryResultIdl = resultIdl(IDL.Record({ owner: AccountIdl }), CommonErrorIdl);
const LeaseStatusIdl = IDL.Variant({ Active: IDL.Null, Overdue: IDL.Null, Defaulted: IDL.Reserved, Returned: IDL.Reserved });
const LeaseIdl = IDL.Record({ lessee: AccountIdl, status: LeaseStatusIdl });

type Lease = { lessee: { owner: Principal }; status: { Active: null } | { Overdue: null } | { Defaulted: unknown } | { Returned: unknown } };

/**
 * Asks leasing who owns a battery and who leases it now, or says why it could not (the router tries again
 * later); a battery leasing does not know has no parties.
 */
export async function readBatteryParties(leasing: Principal, tokenId: bigint): Promise<BatteryParties | string> {
  try {
    const battery = await call<[bigint], Result<{ owner: { owner: Principal } }, CommonError>>(leasing, 'get_battery', {
      paramIdlTypes: [IDL.Nat],
      returnIdlType: GetBatteryResultIdl,
      args: [tokenId]
    });
    if ('Err' in battery) {
      return { owner: undefined, lessee: undefined };
    }
    const lease = await call<[bigint], [] | [Lease]>(leasing, 'lease_of_battery', {
      paramIdlTypes: [IDL.Nat],
      returnIdlType: IDL.Opt(LeaseIdl),
      args: [tokenId]
    });
    const current = lease[0] !== undefined && ('Active' in lease[0].status || 'Overdue' in lease[0].status) ? lease[0].lessee.owner : undefined;
    return { owner: battery.Ok.owner.owner, lessee: current };
  } catch (error) {
    return `leasing could not be asked about battery ${tokenId}: ${describeCallError(error)}`;
  }
}
