import { approveLeasing } from '../../canisters/payments';
import { useCanisterMutation } from '../../canisters/use-canister';
import { describeError } from '../../errors/describe-error';
import { formatAmount } from '../../format/amount';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Notice } from '../../ui/Notice';

/** What leasing may still take from the wallet (ICRC-2 allowance), and withdrawing it. */
export function AllowanceCard({ allowance, fee, symbol }: { allowance: bigint; fee: bigint; symbol: string }) {
  const revoke = useCanisterMutation((actors, expected: bigint) => approveLeasing(actors, 0n, fee, expected), [['payment-position']]);
  return (
    <Card title="Allowance for leasing">
      <p data-testid="leasing-allowance">
        Leasing may take up to <strong>{formatAmount(allowance, symbol)}</strong> for rent and deposits you agreed to.
      </p>
      {allowance > 0n && (
        <>
          <p className="muted">Withdrawing it stops future rent payments: your leases would fall overdue and cost late fees.</p>
          {revoke.isError && (
            <Notice tone="error">
              <p>{describeError(revoke.error)}</p>
            </Notice>
          )}
          <Button variant="danger" busy={revoke.isPending} onClick={() => revoke.mutate(allowance)}>
            Withdraw allowance ({formatAmount(fee, symbol)} fee)
          </Button>
        </>
      )}
    </Card>
  );
}
