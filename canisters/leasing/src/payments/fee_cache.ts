import { KeyValueStore, OrderedKey, StableCell } from '@chargex/common';
import { Principal } from 'azle';

import { ledgerFee } from './ledger_api';

/**
 * The ledger's transfer fee, asked once and kept; a BadFee answer replaces it. Payouts state the fee explicitly so
 * the escrow gives up exactly the amount it set aside (amount + fee), never more.
 */
export class FeeCache {
  private readonly cell: StableCell<bigint>;

  constructor(meta: KeyValueStore<string, Uint8Array>) {
    this.cell = new StableCell(meta, 'leasing.ledger_fee', OrderedKey.u64);
  }

  /** The fee, asking the ledger the first time. */
  async get(ledger: Principal): Promise<bigint> {
    const known = this.cell.get();
    if (known !== undefined) {
      return known;
    }
    const fee = await ledgerFee(ledger);
    this.cell.set(fee);
    return fee;
  }

  /** The fee if already known. */
  known(): bigint | undefined {
    return this.cell.get();
  }

  /** Replaces the fee with the one the ledger said it expects. */
  set(fee: bigint): void {
    this.cell.set(fee);
  }
}
