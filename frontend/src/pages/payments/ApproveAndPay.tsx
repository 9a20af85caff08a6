import { useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { approveLeasing, paymentPosition } from '../../canisters/payments';
import { useCanisterQuery } from '../../canisters/use-canister';
import type { Actors } from '../../canisters/actors';
import { describeError } from '../../errors/describe-error';
import { formatAmount } from '../../format/amount';
import { useSignedIn } from '../../session/SessionProvider';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { Loading, ErrorState } from '../../ui/States';
import { Steps, type StepState } from '../../ui/Steps';

type Phase = 'idle' | 'approving' | 'paying' | 'done' | 'failed';

/**
 * Paying leasing through ICRC-2: the person approves leasing to take `allowance` (skipped when the allowance
 * already covers it), then `pay` makes leasing take what is due now with transfer_from. Shows the balance, the
 * allowance before and after, and the ledger's fees; each step's progress; and a sentence if one fails.
 */
export function ApproveAndPay<T>({
  allowanceFor,
  dueNow,
  payLabel,
  pay,
  onPaid,
  breakdown,
  large = false,
}: {
  /** What leasing must be allowed to take in all, given the ledger's fee (for a lease: deposit, all rent, a fee per charge). */
  allowanceFor: (fee: bigint) => bigint;
  /** What leaves the wallet at once, fees excluded. */
  dueNow: bigint;
  payLabel: string;
  pay: (actors: Actors) => Promise<T>;
  onPaid: (result: T) => void;
  breakdown?: (fee: bigint, symbol: string) => ReactNode;
  large?: boolean;
}) {
  const { actors, principal } = useSignedIn();
  const client = useQueryClient();
  const position = useCanisterQuery(['payment-position'], (each) => paymentPosition(each, principal));
  const [phase, setPhase] = useState<Phase>('idle');
  const [failedStep, setFailedStep] = useState<'approve' | 'pay'>();
  const [error, setError] = useState<unknown>();

  if (position.isPending) return <Loading label="Checking your wallet…" />;
  if (position.isError) return <ErrorState error={position.error} retry={() => void position.refetch()} />;
  const { balance, fee, allowance: current, symbol } = position.data;
  const allowance = allowanceFor(fee);
  const needsApproval = current < allowance;
  const approvalFee = needsApproval ? fee : 0n;
  const needed = dueNow + fee + approvalFee;
  const tooPoor = balance < needed;

  async function run() {
    setError(undefined);
    setFailedStep(undefined);
    try {
      if (needsApproval) {
        setPhase('approving');
        await approveLeasing(actors, allowance, fee, current);
      }
      setPhase('paying');
      let result: T;
      try {
        result = await pay(actors);
      } catch (failure) {
        setFailedStep('pay');
        throw failure;
      }
      setPhase('done');
      // Everything the payment touched (balances, listings, leases) is read again in the background.
      void client.invalidateQueries({ queryKey: [principal] });
      onPaid(result);
    } catch (failure) {
      setFailedStep((step) => step ?? 'approve');
      setError(failure);
      setPhase('failed');
      void position.refetch();
    }
  }

  const approveState: StepState = !needsApproval && phase === 'idle' ? 'skipped' : phase === 'approving' ? 'active' : phase === 'failed' && failedStep === 'approve' ? 'failed' : phase === 'idle' ? 'pending' : 'done';
  const payState: StepState = phase === 'paying' ? 'active' : phase === 'done' ? 'done' : phase === 'failed' && failedStep === 'pay' ? 'failed' : 'pending';
  const busy = phase === 'approving' || phase === 'paying';

  return (
    <div className="stack payment">
      {breakdown?.(fee, symbol)}
      <dl className="facts" data-testid="payment-position">
        <dt>Your balance</dt>
        <dd data-testid="wallet-balance">{formatAmount(balance, symbol)}</dd>
        <dt>Leasing may take now</dt>
        <dd data-testid="current-allowance">{formatAmount(current, symbol)}</dd>
        <dt>Allowance this needs</dt>
        <dd data-testid="needed-allowance">{formatAmount(allowance, symbol)}</dd>
        <dt>Network fees now</dt>
        <dd>
          {formatAmount(fee + approvalFee, symbol)} ({needsApproval ? 'approval and payment' : 'payment'}, {formatAmount(fee, symbol)} each)
        </dd>
        <dt>Leaves your wallet now</dt>
        <dd>
          <strong>{formatAmount(needed, symbol)}</strong>
        </dd>
      </dl>
      <Steps
        steps={[
          { label: `Approve leasing to take up to ${formatAmount(allowance, symbol)}`, state: approveState, detail: approveState === 'skipped' ? 'your allowance already covers it' : undefined },
          { label: payLabel, state: payState },
        ]}
      />
      {tooPoor && phase !== 'done' && (
        <Notice tone="warning">
          <p>
            Your balance is too low: this needs {formatAmount(needed, symbol)} and you have {formatAmount(balance, symbol)}. Top up your wallet first.
          </p>
        </Notice>
      )}
      {error !== undefined && (
        <Notice tone="error" title={failedStep === 'pay' ? 'The payment did not go through' : 'The approval did not go through'}>
          <p data-testid="payment-error">{describeError(error)}</p>
        </Notice>
      )}
      {phase !== 'done' && (
        <Button size={large ? 'large' : 'normal'} busy={busy} disabled={tooPoor} onClick={() => void run()}>
          {busy ? (phase === 'approving' ? 'Approving…' : 'Paying…') : needsApproval ? `Approve and ${payLabel.toLowerCase()}` : payLabel}
        </Button>
      )}
    </div>
  );
}
