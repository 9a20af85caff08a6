import { CommonError, CommonErrorIdl, err, invalidArgument, notFound, ok, Result, resultIdl } from '@chargex/common';
import { IDL, msgCaller, query, time, update } from 'azle';

import { requireOperator } from '../access';
import { foundation, leases, outbox, payments } from '../app';
import { Account, AccountIdl, canonicalAccount, validSubaccount } from '../icrc3/account';
import { EscrowReport, EscrowReportIdl, reconcileEscrow } from '../payments/escrow_report';
import { Payout, PayoutIdl } from '../payments/payout';

/** The escrow, for fleet operators and admins: reconciliation with the ledger, pending and parked payouts, dust. */
export class EscrowApi {
  /** Compares the escrow's balance on the ledger with everything the canister owes out of it. */
  @update([], resultIdl(EscrowReportIdl, CommonErrorIdl))
  async reconcile_escrow(): Promise<Result<EscrowReport, CommonError>> {
    return requireOperator(msgCaller()) ?? (await reconcileEscrow(foundation.config.peer('ledger'), leases, outbox, payments));
  }

  /** Payouts not yet confirmed by the ledger, parked ones included. */
  @query([], resultIdl(IDL.Vec(PayoutIdl), CommonErrorIdl))
  pending_payouts(): Result<Payout[], CommonError> {
    return requireOperator(msgCaller()) ?? ok(outbox.all());
  }

  /**
   * Settles a parked payout after checking the ledger's blocks for its memo: `already_paid` drops it, otherwise it
   * is sent again (admins).
   */
  @update([IDL.Nat64, IDL.Bool], resultIdl(IDL.Null, CommonErrorIdl))
  resolve_parked_payout(payoutId: bigint, alreadyPaid: boolean): Result<null, CommonError> {
    return (
      foundation.guard.requireAdmin(msgCaller()) ??
      (outbox.resolve(payoutId, alreadyPaid, time()) ? ok(null) : err(notFound('parked payout', payoutId.toString())))
    );
  }

  /** Pays the accumulated dust (amounts too small to send) to `to` (admins). */
  @update([AccountIdl], resultIdl(IDL.Null, CommonErrorIdl))
  sweep_dust(to: Account): Result<null, CommonError> {
    const refused = foundation.guard.requireAdmin(msgCaller());
    if (refused !== undefined) {
      return refused;
    }
    if (!validSubaccount(to.subaccount)) {
      return err(invalidArgument('to', 'subaccount must be 32 bytes'));
    }
    return outbox.sweepDust(canonicalAccount(to), time()) ? ok(null) : err(invalidArgument('to', 'no more dust than one ledger fee'));
  }
}
