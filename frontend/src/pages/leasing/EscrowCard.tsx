import { useCanisterMutation } from '../../canisters/use-canister';
import type { Actors } from '../../canisters/actors';
import { describeError, unwrap } from '../../errors/describe-error';
import { formatAmount } from '../../format/amount';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Notice } from '../../ui/Notice';

/** Fleet operators compare the escrow's ledger balance with what leasing owes (an update call: it asks the ledger). */
export function EscrowCard() {
  const reconcile = useCanisterMutation(async (actors: Actors) => unwrap(await actors.leasing.reconcile_escrow()));
  const report = reconcile.data;
  return (
    <Card title="Escrow" actions={<Button variant="secondary" busy={reconcile.isPending} onClick={() => reconcile.mutate(undefined)}>Reconcile now</Button>}>
      {reconcile.isError && (
        <Notice tone="error">
          <p>{describeError(reconcile.error)}</p>
        </Notice>
      )}
      {report ? (
        <dl className="facts" data-testid="escrow-report">
          <dt>Ledger balance</dt>
          <dd>{formatAmount(report.ledger_balance)}</dd>
          <dt>Deposits held</dt>
          <dd>{formatAmount(report.deposits_held)}</dd>
          <dt>Payouts owed</dt>
          <dd>{formatAmount(report.payouts_owed)}</dd>
          <dt>Open leases</dt>
          <dd>{report.open_leases.toString()}</dd>
          <dt>Surplus</dt>
          <dd>{report.surplus < 0n ? <strong>{formatAmount(report.surplus)} — short, investigate</strong> : formatAmount(report.surplus)}</dd>
        </dl>
      ) : (
        <p className="muted">Reconcile to compare the escrow account with the deposits and payouts leasing owes.</p>
      )}
    </Card>
  );
}
