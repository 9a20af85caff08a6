import { candidCodec, OrderedKey, rawCodec, StableCell, metaStore } from '@chargex/common';
import { StableBTreeMap } from 'azle';

import { accountKeyCodec } from './accounts/account_key';
import { AllowanceBook } from './allowances/allowance_book';
import { BalanceBook } from './balances/balance_book';
import { blockCodec } from './blocks/block_codec';
import { BlockLog } from './blocks/block_log';
import { DedupIndex } from './dedup/dedup_index';
import { Account, AccountIdl } from './idl/account';
import { LEDGER_MEMORY } from './memory';
import { Ledger, LedgerListener } from './operations/ledger';

/**
 * Most transactions remembered for deduplication at once (about 23 a second for a whole day), which bounds the
 * index; past it a request with created_at_time gets TemporarilyUnavailable until the window moves on.
 */
const DEDUP_CAPACITY = 2_000_000;

/** Opens the ledger's stable maps and cells (every key and value in a compact fixed layout, none as JSON). */
export function openLedger(listener: LedgerListener): Ledger {
  const meta = metaStore();
  const balances = new BalanceBook(
    new StableBTreeMap(LEDGER_MEMORY.balances, accountKeyCodec, OrderedKey.u64),
    new StableCell(meta, 'ledger.total_supply', OrderedKey.u64)
  );
  const allowances = new AllowanceBook(
    new StableBTreeMap(LEDGER_MEMORY.allowances, rawCodec, rawCodec),
    new StableBTreeMap(LEDGER_MEMORY.allowanceExpiries, rawCodec, rawCodec)
  );
  const log = new BlockLog(new StableBTreeMap(LEDGER_MEMORY.blocks, OrderedKey.u64, blockCodec));
  const dedup = new DedupIndex(
    new StableBTreeMap(LEDGER_MEMORY.dedup, rawCodec, OrderedKey.u64),
    new StableBTreeMap(LEDGER_MEMORY.dedupExpiries, rawCodec, rawCodec),
    DEDUP_CAPACITY
  );
  const minting = new StableCell<Account>(meta, 'ledger.minting_account', candidCodec(AccountIdl));
  return new Ledger(balances, allowances, log, dedup, minting, listener);
}
