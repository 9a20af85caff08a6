import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { call } from 'azle';

import { describeCallError } from '../call_error';
import { CommonError, invalidArgument } from '../errors';
import { CanisterFoundation } from '../foundation';
import { err, ok, Result } from '../result';
import { RetrySchedule } from '../retry';
import { OrderedKey } from '../storage/ordered_key';
import { StableCell } from '../storage/stable_cell';
import { RoleChange, RoleChangePage, RoleChangePageResultIdl, RolesSyncAck } from './change';

/** Most changes accepted in one `roles_sync` call and asked for in one `roles_since` pull. */
export const ROLE_BATCH_LIMIT = 200;

/**
 * The peer side of role replication: accepts pushes from profile (`roles_sync`), and pulls `roles_since` from
 * profile at start and whenever a push reveals a gap.
 */
export class RoleSyncPeer {
  private readonly source: StableCell<Principal>;
  private readonly retry = new RetrySchedule(() => this.pull(), 5, 300);
  private pulling = false;

  constructor(private readonly foundation: CanisterFoundation) {
    this.source = new StableCell(foundation.meta, 'common.roles.source', OrderedKey.principal);
  }

  /** Call from @init and @postUpgrade (after the foundation's): follows the configured profile and catches up. */
  start(): void {
    const profile = this.foundation.config.peer('profile');
    if (profile === undefined) {
      return;
    }
    const followed = this.source.get();
    if (followed === undefined || followed.compareTo(profile) !== 'eq') {
      // Sequence numbers belong to one profile's log: another profile's numbers mean nothing here.
      this.foundation.roles.reset();
      this.source.set(profile);
    }
    this.retry.runSoon();
  }

  /** Handles `roles_sync(changes)`: only the configured profile canister may push. */
  receive(caller: Principal, changes: RoleChange[]): Result<RolesSyncAck, CommonError> {
    const refused = this.foundation.guard.requireProfileCanister(caller);
    if (refused !== undefined) {
      return refused;
    }
    if (changes.length > ROLE_BATCH_LIMIT) {
      return err(invalidArgument('changes', `at most ${ROLE_BATCH_LIMIT} changes per call`));
    }
    const outcome = this.foundation.roles.apply(changes);
    if (outcome.gap !== undefined) {
      this.retry.runSoon();
    }
    return ok({ applied_seq: outcome.appliedThrough });
  }

  /** Pulls every change newer than the replica's from profile; retries later if profile cannot be reached. */
  async pull(): Promise<void> {
    const profile = this.foundation.config.peer('profile');
    if (profile === undefined || this.pulling) {
      return;
    }
    this.pulling = true;
    try {
      await this.catchUp(profile);
      this.retry.succeeded();
    } catch (error) {
      console.log(`roles pull from ${profile.toText()} failed: ${describeCallError(error)}`);
      this.retry.failed();
    } finally {
      this.pulling = false;
    }
  }

  private async catchUp(profile: Principal): Promise<void> {
    const { roles } = this.foundation;
    for (;;) {
      const page = await fetchPage(profile, roles.lastSeq());
      if (page.head < roles.lastSeq()) {
        // Profile's log is shorter than what was applied here: it was reinstalled and numbers from 1 again.
        roles.reset();
        continue;
      }
      const outcome = roles.apply(page.changes);
      if (outcome.gap !== undefined) {
        throw new Error(`profile returned a log with a hole at ${outcome.gap.expected}`);
      }
      if (outcome.applied === 0 || outcome.appliedThrough >= page.head) {
        return;
      }
    }
  }
}

async function fetchPage(profile: Principal, after: bigint): Promise<RoleChangePage> {
  const result = await call<[bigint, number], Result<RoleChangePage, CommonError>>(profile, 'roles_since', {
    paramIdlTypes: [IDL.Nat64, IDL.Nat32],
    returnIdlType: RoleChangePageResultIdl,
    args: [after, ROLE_BATCH_LIMIT]
  });
  if ('Err' in result) {
    throw new Error(`roles_since refused: ${Object.keys(result.Err).join()}`);
  }
  return result.Ok;
}
