/**
 * ICRC-37 on the leasing canister's real wasm: token- and collection-level approvals and their errors, the per-token
 * limit, expiring approvals, transfer_from (approvals cleared by transfers, deduplication before ownership checks),
 * revocations with the per-call limit, and the paginated approval listings.
 */
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { account, type Account, type LeasingFixture, newIdentity, okOf, startLeasing, subaccount } from './support/fixture';

const HOUR_NS = 3_600_000_000_000n;

describe('leasing: ICRC-37 approvals', () => {
  let fx: LeasingFixture;
  const operator = newIdentity();
  const alice = newIdentity();
  const bob = newIdentity();
  const carol = newIdentity();
  const tokens: bigint[] = [];

  const approval = (spender: Account, extra: Partial<{ from_subaccount: [] | [Uint8Array]; expires_at: [] | [bigint]; created_at_time: bigint }> = {}) => ({
    spender,
    from_subaccount: [] as [] | [Uint8Array],
    expires_at: [] as [] | [bigint],
    memo: [] as [] | [Uint8Array],
    created_at_time: fx.net.now(),
    ...extra,
  });
  const transferFrom = (tokenId: bigint, from: Account, to: Account, extra: Partial<{ created_at_time: [] | [bigint]; spender_subaccount: [] | [Uint8Array] }> = {}) => ({
    token_id: tokenId,
    from,
    to,
    spender_subaccount: [] as [] | [Uint8Array],
    memo: [] as [] | [Uint8Array],
    created_at_time: [] as [] | [bigint],
    ...extra,
  });
  const revokeToken = (tokenId: bigint, spender?: Account) => ({
    token_id: tokenId,
    spender: spender === undefined ? ([] as []) : ([spender] as [Account]),
    from_subaccount: [] as [] | [Uint8Array],
    memo: [] as [] | [Uint8Array],
    created_at_time: [] as [] | [bigint],
  });
  const isApproved = (tokenId: bigint, spender: Account) => ({ token_id: tokenId, spender, from_subaccount: [] as [] | [Uint8Array] });
  const randomAccount = (): Account => account(Principal.fromUint8Array(crypto.getRandomValues(new Uint8Array(29))));

  beforeAll(async () => {
    fx = await startLeasing();
    await fx.grant(operator, { fleet_operator: null });
    for (let n = 1; n <= 6; n++) tokens.push(await fx.register(operator, `AP-${n}`, { owner: [account(alice)] }));
  });
  afterAll(() => fx?.net.stop());

  describe('icrc37_approve_tokens', () => {
    it('returns one result per item with the errors the standard names', async () => {
      const api = fx.leasing(alice);
      const results = await api.icrc37_approve_tokens([
        { token_id: tokens[0]!, approval_info: approval(account(bob)) },
        { token_id: tokens[0]!, approval_info: approval(account(alice, subaccount(1))) },
        { token_id: 999n, approval_info: approval(account(bob)) },
        { token_id: tokens[1]!, approval_info: approval(account(bob), { from_subaccount: [subaccount(2)] }) },
        { token_id: tokens[1]!, approval_info: approval(account(bob), { created_at_time: fx.net.now() - 25n * HOUR_NS }) },
        { token_id: tokens[1]!, approval_info: approval(account(bob), { created_at_time: fx.net.now() + HOUR_NS }) },
        { token_id: tokens[1]!, approval_info: approval(account(bob), { expires_at: [fx.net.now()] }) },
      ]);
      expect(results).toEqual([
        [{ Ok: expect.any(BigInt) }],
        [{ Err: { InvalidSpender: null } }],
        [{ Err: { NonExistingTokenId: null } }],
        [{ Err: { Unauthorized: null } }],
        [{ Err: { TooOld: null } }],
        [{ Err: { CreatedInFuture: { ledger_time: fx.net.now() } } }],
        [{ Err: { GenericError: { error_code: 3n, message: expect.any(String) } } }],
      ]);
      expect(await fx.leasing(bob).icrc37_approve_tokens([{ token_id: tokens[0]!, approval_info: approval(account(carol)) }])).toEqual([
        [{ Err: { Unauthorized: null } }],
      ]);
    });

    it('lets the approved spender (and nobody else) answer true in icrc37_is_approved, not the holder itself', async () => {
      expect(
        await fx.leasing().icrc37_is_approved([
          isApproved(tokens[0]!, account(bob)),
          isApproved(tokens[0]!, account(carol)),
          isApproved(tokens[0]!, account(alice)),
          isApproved(999n, account(bob)),
          { ...isApproved(tokens[0]!, account(bob)), from_subaccount: [subaccount(3)] },
        ]),
      ).toEqual([true, false, false, false, false]);
    });

    it('keeps one approval per spender and at most ten per token', async () => {
      const api = fx.leasing(alice);
      okOf((await api.icrc37_approve_tokens([{ token_id: tokens[0]!, approval_info: approval(account(bob)) }]))[0]![0]!);
      const spenders = Array.from({ length: 9 }, randomAccount);
      const more = await api.icrc37_approve_tokens(spenders.map((spender) => ({ token_id: tokens[0]!, approval_info: approval(spender) })));
      expect(more.every((result) => 'Ok' in result[0]!)).toBe(true);
      expect(await api.icrc37_approve_tokens([{ token_id: tokens[0]!, approval_info: approval(randomAccount()) }])).toEqual([
        [{ Err: { GenericError: { error_code: 2n, message: expect.any(String) } } }],
      ]);
      expect(await fx.leasing().icrc37_get_token_approvals(tokens[0]!, [], [100n])).toHaveLength(10);
    });

    it('pages through a token\'s approvals with prev and take', async () => {
      const all = await fx.leasing().icrc37_get_token_approvals(tokens[0]!, [], []);
      const first = await fx.leasing().icrc37_get_token_approvals(tokens[0]!, [], [4n]);
      const second = await fx.leasing().icrc37_get_token_approvals(tokens[0]!, [first[3]!], [4n]);
      const third = await fx.leasing().icrc37_get_token_approvals(tokens[0]!, [second[3]!], [4n]);
      expect([...first, ...second, ...third]).toEqual(all);
      expect(third).toHaveLength(2);
      expect(await fx.leasing().icrc37_get_token_approvals(999n, [], [])).toEqual([]);
    });
  });

  describe('icrc37_transfer_from', () => {
    it('lets an approved spender move the token, which clears every token-level approval', async () => {
      const results = await fx.leasing(bob).icrc37_transfer_from([transferFrom(tokens[0]!, account(alice), account(carol))]);
      expect(results).toEqual([[{ Ok: expect.any(BigInt) }]]);
      expect(await fx.leasing().icrc7_owner_of([tokens[0]!])).toEqual([[account(carol)]]);
      expect(await fx.leasing().icrc37_get_token_approvals(tokens[0]!, [], [])).toEqual([]);
      expect(await fx.leasing().icrc37_is_approved([isApproved(tokens[0]!, account(bob))])).toEqual([false]);
      expect(await fx.leasing(bob).icrc37_transfer_from([transferFrom(tokens[0]!, account(carol), account(bob))])).toEqual([
        [{ Err: { Unauthorized: null } }],
      ]);
    });

    it('refuses strangers, a wrong from account, a recipient equal to from, and unknown tokens', async () => {
      const api = fx.leasing(carol);
      expect(
        await api.icrc37_transfer_from([
          transferFrom(tokens[1]!, account(alice), account(carol)),
          transferFrom(tokens[0]!, account(alice), account(bob)),
          transferFrom(tokens[0]!, account(carol), account(carol)),
          transferFrom(999n, account(carol), account(bob)),
        ]),
      ).toEqual([
        [{ Err: { Unauthorized: null } }],
        [{ Err: { Unauthorized: null } }],
        [{ Err: { InvalidRecipient: null } }],
        [{ Err: { NonExistingTokenId: null } }],
      ]);
    });

    it('lets the holder use transfer_from on its own tokens, deduplicated before ownership checks', async () => {
      const arg = transferFrom(tokens[0]!, account(carol), account(bob), { created_at_time: [fx.net.now()] });
      const [[first]] = (await fx.leasing(carol).icrc37_transfer_from([arg])) as [[{ Ok: bigint }]];
      expect(await fx.leasing(carol).icrc37_transfer_from([arg])).toEqual([[{ Err: { Duplicate: { duplicate_of: first.Ok } } }]]);
      expect(await fx.leasing().icrc7_owner_of([tokens[0]!])).toEqual([[account(bob)]]);
    });
  });

  describe('expiring approvals', () => {
    it('stop counting once expires_at has passed', async () => {
      const expiresAt = fx.net.now() + HOUR_NS;
      okOf((await fx.leasing(alice).icrc37_approve_tokens([{ token_id: tokens[2]!, approval_info: approval(account(bob), { expires_at: [expiresAt] }) }]))[0]![0]!);
      expect(await fx.leasing().icrc37_is_approved([isApproved(tokens[2]!, account(bob))])).toEqual([true]);
      expect(await fx.leasing().icrc37_get_token_approvals(tokens[2]!, [], [])).toHaveLength(1);
      await fx.net.advanceTime(2 * 3_600_000);
      expect(await fx.leasing().icrc37_is_approved([isApproved(tokens[2]!, account(bob))])).toEqual([false]);
      expect(await fx.leasing().icrc37_get_token_approvals(tokens[2]!, [], [])).toEqual([]);
      expect(await fx.leasing(bob).icrc37_transfer_from([transferFrom(tokens[2]!, account(alice), account(bob))])).toEqual([
        [{ Err: { Unauthorized: null } }],
      ]);
      expect(await fx.leasing(alice).icrc37_revoke_token_approvals([revokeToken(tokens[2]!, account(bob))])).toEqual([
        [{ Err: { ApprovalDoesNotExist: null } }],
      ]);
    });
  });

  describe('collection-level approvals', () => {
    it('let the spender move any token held on the approved subaccount, and survive transfers', async () => {
      const results = await fx.leasing(alice).icrc37_approve_collection([
        { approval_info: approval(account(carol)) },
        { approval_info: approval(account(alice)) },
      ]);
      expect(results).toEqual([[{ Ok: expect.any(BigInt) }], [{ Err: { InvalidSpender: null } }]]);
      okOf((await fx.leasing(carol).icrc37_transfer_from([transferFrom(tokens[3]!, account(alice), account(carol))]))[0]![0]!);
      okOf((await fx.leasing(carol).icrc37_transfer_from([transferFrom(tokens[4]!, account(alice), account(bob))]))[0]![0]!);
      expect(await fx.leasing().icrc37_is_approved([isApproved(tokens[5]!, account(carol))])).toEqual([true]);
      expect(await fx.leasing().icrc37_get_collection_approvals(account(alice), [], [])).toHaveLength(1);
    });

    it('are refused to the anonymous principal, which can hold no tokens', async () => {
      expect(await fx.leasingAs(Principal.anonymous()).icrc37_approve_collection([{ approval_info: approval(account(carol)) }])).toEqual([
        [{ Err: { GenericError: { error_code: 5n, message: expect.any(String) } } }],
      ]);
    });

    it('apply to one subaccount only', async () => {
      okOf((await fx.leasing(alice).icrc7_transfer([{ token_id: tokens[5]!, to: account(alice, subaccount(5)), from_subaccount: [], memo: [], created_at_time: [] }]))[0]![0]!);
      expect(await fx.leasing(carol).icrc37_transfer_from([transferFrom(tokens[5]!, account(alice, subaccount(5)), account(carol))])).toEqual([
        [{ Err: { Unauthorized: null } }],
      ]);
    });

    it('page by spender and revoke, all spenders at once when none is named', async () => {
      const spenders = Array.from({ length: 4 }, randomAccount);
      await fx.leasing(alice).icrc37_approve_collection(spenders.map((spender) => ({ approval_info: approval(spender) })));
      const all = await fx.leasing().icrc37_get_collection_approvals(account(alice), [], []);
      expect(all).toHaveLength(5);
      const first = await fx.leasing().icrc37_get_collection_approvals(account(alice), [], [3n]);
      const rest = await fx.leasing().icrc37_get_collection_approvals(account(alice), [first[2]!], [3n]);
      expect([...first, ...rest]).toEqual(all);
      const revoke = (spender?: Account) => ({
        spender: spender === undefined ? ([] as []) : ([spender] as [Account]),
        from_subaccount: [] as [],
        memo: [] as [],
        created_at_time: [] as [],
      });
      expect(await fx.leasing(alice).icrc37_revoke_collection_approvals([revoke(account(carol))])).toEqual([[{ Ok: expect.any(BigInt) }]]);
      expect(await fx.leasing().icrc37_get_collection_approvals(account(alice), [], [])).toHaveLength(4);
      expect(await fx.leasing(alice).icrc37_revoke_collection_approvals([revoke(), revoke()])).toEqual([
        [{ Ok: expect.any(BigInt) }],
        [{ Err: { ApprovalDoesNotExist: null } }],
      ]);
      expect(await fx.leasing().icrc37_get_collection_approvals(account(alice), [], [])).toEqual([]);
    });
  });

  describe('icrc37_revoke_token_approvals', () => {
    it('revokes one spender or all, for the holder only', async () => {
      const token = tokens[1]!;
      await fx.leasing(alice).icrc37_approve_tokens([bob, carol].map((who) => ({ token_id: token, approval_info: approval(account(who)) })));
      expect(await fx.leasing(bob).icrc37_revoke_token_approvals([revokeToken(token)])).toEqual([[{ Err: { Unauthorized: null } }]]);
      expect(await fx.leasing(alice).icrc37_revoke_token_approvals([revokeToken(token, account(bob)), revokeToken(999n)])).toEqual([
        [{ Ok: expect.any(BigInt) }],
        [{ Err: { NonExistingTokenId: null } }],
      ]);
      expect(await fx.leasing().icrc37_is_approved([isApproved(token, account(bob)), isApproved(token, account(carol))])).toEqual([false, true]);
      expect(await fx.leasing(alice).icrc37_revoke_token_approvals([revokeToken(token), revokeToken(token)])).toEqual([
        [{ Ok: expect.any(BigInt) }],
        [{ Err: { ApprovalDoesNotExist: null } }],
      ]);
    });

    it('stops at max_revoke_approvals revoked approvals per call', async () => {
      const held: bigint[] = [];
      for (let n = 1; n <= 3; n++) held.push(await fx.register(operator, `RV-${n}`, { owner: [account(alice)] }));
      for (const token of held.slice(0, 3)) {
        await fx.leasing(alice).icrc37_approve_tokens(Array.from({ length: 8 }, () => ({ token_id: token, approval_info: approval(randomAccount()) })));
      }
      const results = await fx.leasing(alice).icrc37_revoke_token_approvals(held.slice(0, 3).map((token) => revokeToken(token)));
      expect(results).toEqual([[{ Ok: expect.any(BigInt) }], [{ Ok: expect.any(BigInt) }], [{ Err: { GenericBatchError: expect.objectContaining({ error_code: 100n }) } }]]);
      expect(await fx.leasing().icrc37_get_token_approvals(held[2]!, [], [])).toHaveLength(8);
    });
  });
});
