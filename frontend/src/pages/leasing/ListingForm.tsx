import { useState, type FormEvent } from 'react';
import { useCanisterMutation } from '../../canisters/use-canister';
import type { LeaseTerms } from '../../canisters/types';
import { describeError, invalidField, unwrap } from '../../errors/describe-error';
import { parseAmount } from '../../format/amount';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { Notice } from '../../ui/Notice';

type Kind = 'lease' | 'sale';

const DEFAULT_TERMS = {
  rate: '0.0001',
  deposit: '0.001',
  billing: '7',
  minDays: '7',
  maxDays: '28',
  grace: '3',
  lateFee: '0.00001',
  maxDrop: '5',
  penalty: '0.000001',
};

/** Offers a battery for lease (with terms) or for sale (with a price); amounts in ckBTC. */
export function ListingForm({ tokenId, kind, onDone }: { tokenId: bigint; kind: Kind; onDone: () => void }) {
  const [terms, setTerms] = useState(DEFAULT_TERMS);
  const [price, setPrice] = useState('0.01');
  const [amountError, setAmountError] = useState<{ field: string; message: string }>();
  const list = useCanisterMutation(
    async (actors, input: { kind: 'lease'; terms: LeaseTerms } | { kind: 'sale'; price: bigint }) =>
      unwrap(await (input.kind === 'lease' ? actors.leasing.list_for_lease(tokenId, [], input.terms) : actors.leasing.list_for_sale(tokenId, [], input.price))),
    [['owned-batteries'], ['listings']],
  );
  const field = invalidField(list.error);
  const errorFor = (...names: string[]) =>
    amountError && names.includes(amountError.field) ? amountError.message : field && names.includes(field) ? describeError(list.error) : undefined;
  const set = (name: keyof typeof DEFAULT_TERMS) => (event: { target: { value: string } }) => setTerms({ ...terms, [name]: event.target.value });

  function amount(field: string, text: string): bigint {
    const value = parseAmount(text);
    if (value === undefined) {
      setAmountError({ field, message: 'Enter an amount in ckBTC with at most 8 decimals, e.g. 0.0005.' });
      throw new Error('invalid amount');
    }
    return value;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setAmountError(undefined);
    try {
      if (kind === 'sale') return list.mutate({ kind, price: amount('price', price) }, { onSuccess: onDone });
      list.mutate(
        {
          kind,
          terms: {
            rate_per_day: amount('rate_per_day', terms.rate),
            deposit: amount('deposit', terms.deposit),
            billing_period_days: Number(terms.billing),
            min_days: Number(terms.minDays),
            max_days: Number(terms.maxDays),
            grace_period_days: Number(terms.grace),
            late_fee_per_day: amount('late_fee_per_day', terms.lateFee),
            max_soh_drop_bp: Math.round(Number(terms.maxDrop) * 100),
            soh_penalty_per_bp: amount('soh_penalty_per_bp', terms.penalty),
          },
        },
        { onSuccess: onDone },
      );
    } catch {
      // The amount's message is on its field.
    }
  }

  return (
    <form onSubmit={submit} aria-label={kind === 'lease' ? 'Offer for lease' : 'Offer for sale'} className="spaced" noValidate>
      {kind === 'sale' ? (
        <TextField label="Price (ckBTC)" inputMode="decimal" value={price} onChange={(event) => setPrice(event.target.value)} error={errorFor('price')} />
      ) : (
        <div className="form-grid">
          <TextField label="Rent per day (ckBTC)" inputMode="decimal" value={terms.rate} onChange={set('rate')} error={errorFor('rate_per_day', 'terms')} />
          <TextField label="Deposit (ckBTC)" inputMode="decimal" value={terms.deposit} onChange={set('deposit')} error={errorFor('deposit')} />
          <TextField label="Billing period (days)" type="number" min="1" max="30" value={terms.billing} onChange={set('billing')} error={errorFor('billing_period_days')} />
          <TextField label="Minimum term (days)" type="number" min="1" value={terms.minDays} onChange={set('minDays')} error={errorFor('min_days')} />
          <TextField label="Maximum term (days)" type="number" min="1" value={terms.maxDays} onChange={set('maxDays')} error={errorFor('max_days')} />
          <TextField label="Grace period (days)" type="number" min="0" value={terms.grace} onChange={set('grace')} error={errorFor('grace_period_days')} />
          <TextField label="Late fee per day (ckBTC)" inputMode="decimal" value={terms.lateFee} onChange={set('lateFee')} error={errorFor('late_fee_per_day')} />
          <TextField label="Allowed health drop (%)" type="number" min="0" max="100" value={terms.maxDrop} onChange={set('maxDrop')} error={errorFor('max_soh_drop_bp')} />
          <TextField label="Penalty per 0.01 % beyond (ckBTC)" inputMode="decimal" value={terms.penalty} onChange={set('penalty')} error={errorFor('soh_penalty_per_bp')} />
        </div>
      )}
      {list.isError && !field && (
        <Notice tone="error">
          <p>{describeError(list.error)}</p>
        </Notice>
      )}
      <div className="form-actions">
        <Button type="submit" busy={list.isPending}>
          {kind === 'lease' ? 'Publish lease offer' : 'Publish sale offer'}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
