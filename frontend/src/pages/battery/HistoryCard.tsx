import { newestBlocks, type PlainValue } from '../../canisters/icrc3';
import { useCanisterQuery } from '../../canisters/use-canister';
import { formatNs } from '../../format/time';
import { Card } from '../../ui/Card';
import { QueryView } from '../../ui/States';

/** How far back the history looks in leasing's log. */
const HISTORY_BLOCKS = 1000;

const BLOCK_LABELS: Record<string, string> = {
  '7mint': 'Registered (minted)',
  '7xfer': 'Transferred',
  '7burn': 'Decommissioned (burned)',
  '7update_token': 'Health or cycles updated',
  '37approve': 'Transfer approved',
  '37revoke': 'Approval revoked',
  '37xfer': 'Transferred by an approved party',
};

/** The battery token's ICRC-3 history: every block of leasing's log that names this token. */
export function HistoryCard({ tokenId }: { tokenId: bigint }) {
  const history = useCanisterQuery(['token-history', tokenId.toString()], async (actors) =>
    (await newestBlocks((args) => actors.leasing.icrc3_get_blocks(args), HISTORY_BLOCKS)).filter((block) => block.tx.tid === tokenId),
  );
  return (
    <Card title="Token history (ICRC-3)">
      <QueryView query={history} isEmpty={(blocks) => blocks.length === 0} empty={<p className="muted">No recorded transactions.</p>}>
        {(blocks) => (
          <ol className="timeline" data-testid="token-history">
            {blocks.map((block) => (
              <li key={block.index.toString()}>
                <strong>{BLOCK_LABELS[block.type] ?? block.type}</strong>
                <span className="muted">
                  {' '}
                  block {block.index.toString()}
                  {block.timestampNs !== undefined && ` · ${formatNs(block.timestampNs)}`}
                </span>
                {memoText(block.tx.memo) && <div className="muted">{memoText(block.tx.memo)}</div>}
              </li>
            ))}
          </ol>
        )}
      </QueryView>
    </Card>
  );
}

function memoText(memo: PlainValue | undefined): string | undefined {
  if (!(memo instanceof Uint8Array)) return undefined;
  const text = new TextDecoder().decode(memo);
  return /^[\x20-\x7e]+$/.test(text) ? `memo ${text}` : undefined;
}
