import { concatBytes, OrderedKey } from '@chargex/common';

const textEncoder = new TextEncoder();

/**
 * Memos of the canister's own transactions: a prefix naming the kind (`cx:pay:` for payouts and `cx:in:` for
 * payments taken on the ledger, `cx:sale:` for a sale's token transfer in the NFT log) and the entry's id. Each
 * ledger entry has its own memo, so the ledger's deduplication recognises a retry of that entry and nothing else.
 */
export function entryMemo(kind: 'pay' | 'in' | 'sale', id: bigint): Uint8Array {
  return concatBytes([textEncoder.encode(`cx:${kind}:`), OrderedKey.u64.write(id)]);
}
