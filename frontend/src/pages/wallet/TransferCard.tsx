import { useState, type FormEvent } from 'react';
import { Principal } from '@dfinity/principal';
import { useCanisterMutation } from '../../canisters/use-canister';
import { describeError, unwrap } from '../../errors/describe-error';
import { formatAmount, parseAmount } from '../../format/amount';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { TextField } from '../../ui/Field';
import { Notice } from '../../ui/Notice';

/** Sends ckBTC to a principal, after showing exactly what leaves the wallet. */
export function TransferCard({ fee, balance, symbol }: { fee: bigint; balance: bigint; symbol: string }) {
  const [recipient, setRecipient] = useState('');
  const [amountText, setAmountText] = useState('');
  const [errors, setErrors] = useState<{ recipient?: string; amount?: string }>({});
  const [confirming, setConfirming] = useState<{ to: Principal; amount: bigint }>();
  const send = useCanisterMutation(
    async (actors, { to, amount }: { to: Principal; amount: bigint }) =>
      unwrap(
        await actors.ledger.icrc1_transfer({
          to: { owner: to, subaccount: [] },
          amount,
          fee: [fee],
          memo: [],
          from_subaccount: [],
          created_at_time: [BigInt(Date.now()) * 1_000_000n],
        }),
      ),
    [['payment-position'], ['ledger-history']],
  );

  function review(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    let to: Principal | undefined;
    try {
      to = Principal.fromText(recipient.trim());
    } catch {
      next.recipient = 'Enter the recipient’s principal, e.g. from their profile page.';
    }
    const amount = parseAmount(amountText);
    if (amount === undefined || amount === 0n) next.amount = `Enter an amount in ${symbol} with at most 8 decimals.`;
    else if (amount + fee > balance) next.amount = `That is more than you have: at most ${formatAmount(balance > fee ? balance - fee : 0n, symbol)} after the fee.`;
    setErrors(next);
    if (to && amount && !next.amount && !next.recipient) setConfirming({ to, amount });
  }

  return (
    <Card title={`Send ${symbol}`}>
      {send.isSuccess ? (
        <Notice tone="success" action={<Button variant="secondary" onClick={() => { send.reset(); setConfirming(undefined); setAmountText(''); }}>Send more</Button>}>
          <p data-testid="transfer-done">Sent. Recorded as ledger block {send.data.toString()}.</p>
        </Notice>
      ) : confirming ? (
        <div className="stack">
          <p>
            Send <strong>{formatAmount(confirming.amount, symbol)}</strong> to <span className="mono">{confirming.to.toText()}</span>? The network fee of{' '}
            {formatAmount(fee, symbol)} comes on top: {formatAmount(confirming.amount + fee, symbol)} leaves your wallet.
          </p>
          {send.isError && (
            <Notice tone="error">
              <p>{describeError(send.error)}</p>
            </Notice>
          )}
          <div className="form-actions">
            <Button busy={send.isPending} onClick={() => send.mutate(confirming)}>
              Send now
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(undefined)} disabled={send.isPending}>
              Change
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={review} aria-label={`Send ${symbol}`} noValidate>
          <div className="form-grid">
            <TextField label="Recipient (principal)" value={recipient} onChange={(event) => setRecipient(event.target.value)} className="input mono" spellCheck={false} error={errors.recipient} />
            <TextField label={`Amount (${symbol})`} inputMode="decimal" value={amountText} onChange={(event) => setAmountText(event.target.value)} error={errors.amount} />
          </div>
          <div className="form-actions">
            <Button type="submit">Review transfer</Button>
          </div>
        </form>
      )}
    </Card>
  );
}
