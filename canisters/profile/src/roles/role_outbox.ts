import {
  CanisterConfig,
  CommonError,
  describeCallError,
  OrderedKey,
  PEER_NAMES,
  Result,
  RetrySchedule,
  ROLE_BATCH_LIMIT,
  RoleChange,
  RoleChangeIdl,
  RolesSyncAck,
  RolesSyncResultIdl
} from '@chargex/common';
import { call, canisterSelf, IDL, Principal, StableBTreeMap } from 'azle';

import { PROFILE_MEMORY } from '../memory';
import { RoleLog } from './role_log';

// Enough rounds to bring a new peer level with a log of a few thousand changes in one flush; a longer backlog
// continues from the retry timer (and the peer also pulls by itself at start).
const MAX_ROUNDS_PER_FLUSH = 20;

/**
 * Pushes role changes to the peer canisters. The stable state is one delivery cursor per peer (the newest seq
 * it acknowledged) over the append-only log, so nothing is lost across upgrades and a push is just "send what
 * lies past the cursor". A peer that cannot be reached is retried by a timer with backoff.
 */
export class RoleOutbox {
  private readonly acked = new StableBTreeMap<Principal, bigint>(PROFILE_MEMORY.outbox, OrderedKey.principal, OrderedKey.u64);
  private readonly retry = new RetrySchedule(() => this.flush(), 5, 300);

  constructor(
    private readonly log: RoleLog,
    private readonly config: () => CanisterConfig
  ) {}

  /** Call from @init / @postUpgrade: deliver whatever was pending before the upgrade (or to new peers). */
  resume(): void {
    this.retry.runSoon();
  }

  /** Sends every peer the changes it has not acknowledged, all peers in parallel. */
  async flush(): Promise<void> {
    const delivered = await Promise.all(this.peers().map((peer) => this.flushPeer(peer)));
    if (delivered.every(Boolean)) {
      this.retry.succeeded();
    } else {
      this.retry.failed();
    }
  }

  /** Number of peers that have not acknowledged the newest change. */
  pendingPeers(): number {
    const head = this.log.head();
    return this.peers().filter((peer) => (this.acked.get(peer) ?? 0n) < head).length;
  }

  /**
   * Every configured canister except profile itself and the ledger: on mainnet the ledger is the ckBTC ledger,
   * which has no `roles_sync` (our local ledger stand-in pulls its replica when it starts instead).
   */
  private peers(): Principal[] {
    const config = this.config();
    const self = canisterSelf().toText();
    const ids = PEER_NAMES.filter((name) => name !== 'profile' && name !== 'ledger').flatMap((name) => config[name]);
    return [...new Map(ids.map((id) => [id.toText(), id])).values()].filter((id) => id.toText() !== self);
  }

  private async flushPeer(peer: Principal): Promise<boolean> {
    for (let round = 0; round < MAX_ROUNDS_PER_FLUSH; round++) {
      const from = this.acked.get(peer) ?? 0n;
      if (from >= this.log.head()) {
        return true;
      }
      const ack = await push(peer, this.log.since(from, ROLE_BATCH_LIMIT));
      if (ack === undefined) {
        return false;
      }
      // The peer's own cursor wins, even if lower: a reinstalled peer starts over from what it really has.
      this.acked.insert(peer, ack.applied_seq);
    }
    return false;
  }
}

async function push(peer: Principal, changes: RoleChange[]): Promise<RolesSyncAck | undefined> {
  try {
    const result = await call<[RoleChange[]], Result<RolesSyncAck, CommonError>>(peer, 'roles_sync', {
      paramIdlTypes: [IDL.Vec(RoleChangeIdl)],
      returnIdlType: RolesSyncResultIdl,
      args: [changes]
    });
    if ('Err' in result) {
      console.log(`roles_sync to ${peer.toText()} refused: ${Object.keys(result.Err).join()}`);
      return undefined;
    }
    return result.Ok;
  } catch (error) {
    console.log(`roles_sync to ${peer.toText()} failed: ${describeCallError(error)}`);
    return undefined;
  }
}
