import { Principal } from '@dfinity/principal';
import { accountOwnerBytes, newestBlocks, type Icrc3Block, type PlainValue } from '../../canisters/icrc3';
import { useCanisterQuery } from '../../canisters/use-canister';
import { canisterId } from '../../environment';
import { formatAmount } from '../../format/amount';
import { formatNs } from '../../format/time';
import { shortPrincipal } from '../../format/principal';
import { useSignedIn } from '../../session/SessionProvider';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { QueryView } from '../../ui/States';
import { TableScroll } from '../../ui/TableScroll';

/** How far back the wallet reads the ledger's log. */
const HISTORY_BLOCKS = 2000;

/** The person's transactions from the ledger's ICRC-3 log: transfers in and out, approvals, payments to leasing. */
export function HistoryCard() {
  const { principal } = useSignedIn();
  const me = Principal.fromText(principal).toUint8Array();
  const history = useCanisterQuery(['ledger-history'], async (actors) =>
    (await newestBlocks((args) => actors.ledger.icrc3_get_blocks(args), HISTORY_BLOCKS)).filter((block) =>
      ['from', 'to', 'spender'].some((field) => sameBytes(accountOwnerBytes(block.tx[field]), me)),
    ),
  );
  return (
    <Card title="Transactions">
      <QueryView query={history} loading="Reading the ledger…" isEmpty={(blocks) => blocks.length === 0} empty={<p className="muted">No transactions yet.</p>}>
        {(blocks) => (
          <TableScroll label="Transactions">
            <table data-testid="ledger-history">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">With</th>
                  <th scope="col" className="number">
                    Amount
                  </th>
                  <th scope="col" className="number">
                    Block
                  </th>
                </tr>
              </thead>
              <tbody>
                {blocks.map((block) => (
                  <HistoryRow key={block.index.toString()} block={block} me={me} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryView>
    </Card>
  );
}

function HistoryRow({ block, me }: { block: Icrc3Block; me: Uint8Array }) {
  const from = accountOwnerBytes(block.tx.from);
  const to = accountOwnerBytes(block.tx.to);
  const spender = accountOwnerBytes(block.tx.spender);
  const amount = typeof block.tx.amt === 'bigint' ? block.tx.amt : 0n;
  const outgoing = sameBytes(from, me) && block.type !== '2approve';
  const counterpart = block.type === '2approve' ? spender : outgoing ? to : from;
  return (
    <tr>
      <td>{block.timestampNs !== undefined ? formatNs(block.timestampNs) : '—'}</td>
      <td>
        <Badge tone={block.type === '2approve' ? 'info' : outgoing ? 'warning' : 'success'}>{describe(block, outgoing)}</Badge>
        {memoText(block.tx.memo) && <div className="muted">{memoText(block.tx.memo)}</div>}
      </td>
      <td className="mono">{counterpart ? partyName(counterpart) : '—'}</td>
      <td className="number">{block.type === '2approve' ? `allow ${formatAmount(amount)}` : `${outgoing ? '−' : '+'}${formatAmount(amount)}`}</td>
      <td className="number">{block.index.toString()}</td>
    </tr>
  );
}

function describe(block: Icrc3Block, outgoing: boolean): string {
  switch (block.type) {
    case '1mint':
      return 'Received (minted)';
    case '1burn':
      return 'Burned';
    case '2approve':
      return 'Approval';
    case '2xfer':
      return outgoing ? 'Paid (by allowance)' : 'Received (by allowance)';
    default:
      return outgoing ? 'Sent' : 'Received';
  }
}

/** Leasing's memos name what a payment was for. */
function memoText(memo: PlainValue | undefined): string | undefined {
  if (!(memo instanceof Uint8Array)) return undefined;
  const text = new TextDecoder().decode(memo);
  if (text.startsWith('cx:in:')) return 'Payment to leasing';
  if (text.startsWith('cx:pay:')) return 'Payout from leasing';
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

function partyName(owner: Uint8Array): string {
  const text = Principal.fromUint8Array(owner).toText();
  return text === canisterId('leasing') ? 'Leasing escrow' : shortPrincipal(text);
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return !!a && a.length === b.length && a.every((byte, index) => byte === b[index]);
}
