import { useCanisterQuery } from '../../canisters/use-canister';
import { paymentPosition } from '../../canisters/payments';
import { formatAmount } from '../../format/amount';
import { useSignedIn } from '../../session/SessionProvider';
import { Card } from '../../ui/Card';
import { Stat } from '../../ui/Stat';
import { QueryView } from '../../ui/States';
import { AllowanceCard } from './AllowanceCard';
import { HistoryCard } from './HistoryCard';
import { TransferCard } from './TransferCard';

/** The person's ckBTC: balance and address, sending, the allowance leasing holds, and every transaction. */
export default function WalletPage() {
  const { principal } = useSignedIn();
  const position = useCanisterQuery(['payment-position'], (actors) => paymentPosition(actors, principal), { refetchIntervalMs: 15_000 });
  return (
    <div className="page">
      <div className="page-header">
        <h1>Wallet</h1>
        <p>Your ckBTC on the ledger. Payments to leasing go through an allowance you approve.</p>
      </div>
      <div className="stack">
        <Card title="Balance">
          <QueryView query={position} loading="Loading your balance…">
            {(data) => (
              <div className="stack">
                <div className="stats">
                  <Stat label="Balance" value={formatAmount(data.balance, data.symbol)} testId="wallet-balance" />
                  <Stat label="Network fee per transfer" value={formatAmount(data.fee, data.symbol)} />
                </div>
                <p>
                  To receive {data.symbol}, give the sender your principal: <span className="mono">{principal}</span>
                </p>
              </div>
            )}
          </QueryView>
        </Card>
        {position.data && <TransferCard fee={position.data.fee} balance={position.data.balance} symbol={position.data.symbol} />}
        {position.data && <AllowanceCard allowance={position.data.allowance} fee={position.data.fee} symbol={position.data.symbol} />}
        <HistoryCard />
      </div>
    </div>
  );
}
