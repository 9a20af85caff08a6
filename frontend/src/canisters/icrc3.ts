import type { Icrc3Value } from './types';

/** An ICRC-3 value as plain data: maps become objects, blobs stay bytes, numbers stay bigints. */
export type PlainValue = bigint | string | Uint8Array | PlainValue[] | { [key: string]: PlainValue };

export function toPlain(value: Icrc3Value): PlainValue {
  if ('Nat' in value) return value.Nat;
  if ('Int' in value) return value.Int;
  if ('Text' in value) return value.Text;
  if ('Blob' in value) return value.Blob;
  if ('Array' in value) return value.Array.map(toPlain);
  return Object.fromEntries(value.Map.map(([key, entry]) => [key, toPlain(entry)]));
}

/** A block's fields as ICRC-3 lays them out: the type, time, and the transaction (in `tx` or at top level). */
export interface Icrc3Block {
  index: bigint;
  type: string;
  timestampNs?: bigint;
  tx: { [key: string]: PlainValue };
}

export function toBlock(index: bigint, value: Icrc3Value): Icrc3Block {
  const plain = toPlain(value) as { [key: string]: PlainValue };
  const tx = (plain.tx as { [key: string]: PlainValue } | undefined) ?? plain;
  const op = typeof tx.op === 'string' ? tx.op : undefined;
  return {
    index,
    type: typeof plain.btype === 'string' ? plain.btype : (op ?? 'unknown'),
    timestampNs: typeof plain.ts === 'bigint' ? plain.ts : typeof tx.ts === 'bigint' ? tx.ts : undefined,
    tx,
  };
}

/** An account in a block: `[owner blob, subaccount blob?]` per ICRC-3. */
export function accountOwnerBytes(value: PlainValue | undefined): Uint8Array | undefined {
  if (!Array.isArray(value)) return undefined;
  const owner = value[0];
  return owner instanceof Uint8Array ? owner : undefined;
}

/** Reads the newest `count` blocks of a log (at most 100 per call, as the canisters serve them). */
export async function newestBlocks(
  getBlocks: (args: { start: bigint; length: bigint }[]) => Promise<{ log_length: bigint; blocks: { id: bigint; block: Icrc3Value }[] }>,
  count: number,
): Promise<Icrc3Block[]> {
  const { log_length } = await getBlocks([{ start: 0n, length: 0n }]);
  const blocks: Icrc3Block[] = [];
  const first = log_length > BigInt(count) ? log_length - BigInt(count) : 0n;
  for (let start = first; start < log_length; start += 100n) {
    const page = await getBlocks([{ start, length: 100n }]);
    blocks.push(...page.blocks.map(({ id, block }) => toBlock(id, block)));
  }
  return blocks.reverse();
}
