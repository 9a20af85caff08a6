import { OrderedKey, rawCodec } from '@chargex/common';
import { StableBTreeMap } from 'azle';

const EMPTY = new Uint8Array();

/**
 * Batteries ordered by when their data last arrived (IC time, whole seconds), so the ones that went quiet are the
 * first keys: the missing-data sweep reads from the front and stops at the first battery heard from recently.
 * A battery whose silence was reported leaves the index until its data arrives again.
 */
export class ArrivalIndex {
  private readonly entries: StableBTreeMap<[bigint, bigint], Uint8Array>;

  constructor(memoryId: number) {
    this.entries = new StableBTreeMap(memoryId, OrderedKey.tuple(OrderedKey.u64, OrderedKey.u64), rawCodec);
  }

  /** Moves a battery from its previous arrival time (if any) to `arrivalMs`. */
  arrived(tokenId: bigint, previousMs: number, arrivalMs: number): void {
    if (!Number.isNaN(previousMs)) {
      this.entries.remove([seconds(previousMs), tokenId]);
    }
    this.entries.insert([seconds(arrivalMs), tokenId], EMPTY);
  }

  /** Batteries last heard from before `beforeMs`, oldest first, at most `limit`. */
  quietSince(beforeMs: number, limit: number): Array<{ tokenId: bigint; arrivalMs: number }> {
    const quiet: Array<{ tokenId: bigint; arrivalMs: number }> = [];
    for (const [[arrival, tokenId]] of this.entries.items(0, limit)) {
      if (Number(arrival) * 1_000 >= beforeMs) {
        break;
      }
      quiet.push({ tokenId, arrivalMs: Number(arrival) * 1_000 });
    }
    return quiet;
  }

  /** Takes a battery out of the index (its silence is being reported). */
  remove(tokenId: bigint, arrivalMs: number): void {
    this.entries.remove([seconds(arrivalMs), tokenId]);
  }

  count(): number {
    return this.entries.len();
  }
}

function seconds(ms: number): bigint {
  return BigInt(Math.floor(ms / 1_000));
}
