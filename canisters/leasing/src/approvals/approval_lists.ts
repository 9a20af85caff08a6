import { candidCodec, KeyPart } from '@chargex/common';
import { IDL, StableBTreeMap } from 'azle';

import { Account, sameAccount, subaccountsEqual } from '../icrc3/account';
import { ApprovalInfo, ApprovalInfoIdl, compareApprovals, isActive } from './approval_info';

/**
 * Approvals grouped under one key (a token, or an owner principal for collection approvals), kept as one small
 * sorted list per key: the lists are capped at max_approvals_per_token_or_collection, so a whole list is cheaper
 * to read and write than one map entry per approval. Expired approvals are dropped whenever a list is written.
 */
export class ApprovalLists<K> {
  private readonly lists: StableBTreeMap<K, ApprovalInfo[]>;

  constructor(memoryId: number, key: KeyPart<K>) {
    this.lists = new StableBTreeMap<K, ApprovalInfo[]>(memoryId, key, candidCodec(IDL.Vec(ApprovalInfoIdl)));
  }

  /** The active approvals under `key`, in pagination order. */
  active(key: K, now: bigint): ApprovalInfo[] {
    return (this.lists.get(key) ?? []).filter((approval) => isActive(approval, now));
  }

  /** Number of active approvals under `key` once `approval` replaces any with the same spender and subaccount. */
  countWith(key: K, approval: ApprovalInfo, now: bigint): number {
    return this.active(key, now).filter((other) => !sameSlot(other, approval)).length + 1;
  }

  /** Stores `approval` (canonical), replacing the one with the same spender and subaccount. */
  put(key: K, approval: ApprovalInfo, now: bigint): void {
    const kept = this.active(key, now).filter((other) => !sameSlot(other, approval));
    this.lists.insert(key, [...kept, approval].sort(compareApprovals));
  }

  /** Removes the active approvals `matches` selects; returns how many were removed. */
  remove(key: K, matches: (approval: ApprovalInfo) => boolean, now: bigint): number {
    const active = this.active(key, now);
    const kept = active.filter((approval) => !matches(approval));
    if (kept.length === 0) {
      this.lists.remove(key);
    } else {
      this.lists.insert(key, kept);
    }
    return active.length - kept.length;
  }

  /** Removes every approval under `key`. */
  clear(key: K): void {
    this.lists.remove(key);
  }
}

/** Tells whether `approval` is for `spender` (any spender when undefined) out of `subaccount`. */
export function approvalMatches(approval: ApprovalInfo, subaccount: [] | [Uint8Array], spender: Account | undefined): boolean {
  return subaccountsEqual(approval.from_subaccount, subaccount) && (spender === undefined || sameAccount(approval.spender, spender));
}

function sameSlot(a: ApprovalInfo, b: ApprovalInfo): boolean {
  return approvalMatches(a, b.from_subaccount, b.spender);
}
