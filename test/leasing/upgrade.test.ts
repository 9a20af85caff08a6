/**
 * Upgrades on the real wasm: everything the leasing canister holds (tokens and their indexes, approvals, the
 * ICRC-3 log and its certified tip, deduplication, listings, leases) survives an upgrade of leasing; the timers
 * come back from stable state (rent charged on schedule, owed payouts sent); a payment whose answer an upgrade cut
 * off is found and refunded; and an upgrade of the ledger keeps balances and allowances, with leases still charging.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Cbor, Certificate, lookupResultToBuffer, reconstruct, type HashTree } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { leasingInit, ledgerInit } from '@chargex/client';
import { startHttpServer, type HttpServer } from 'localnet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { account, DAY_MS, FEE, type Lease, type LeasingFixture, leaseTerms, newIdentity, okOf, ROOT, startLeasing } from './support/fixture';

describe('leasing: upgrades', () => {
  let fx: LeasingFixture;
  let server: HttpServer;
  const operator = newIdentity();
  const owner = newIdentity();
  const lessee = newIdentity();
  const spender = newIdentity();
  const tokens: bigint[] = [];
  let lease: Lease;
  let dedupArg: Parameters<ReturnType<LeasingFixture['leasing']>['icrc7_transfer']>[0][number];
  let dedupIndex: bigint;

  const wasm = (name: string) => new Uint8Array(readFileSync(join(ROOT, '.azle', name, `${name}.wasm`)));
  const upgradeLeasing = () =>
    fx.net.installCode({ canisterId: fx.ids.leasing!, wasm: wasm('leasing'), arg: new Uint8Array(IDL.encode(leasingInit({ IDL }), [[]])), mode: 'upgrade' });
  const upgradeLedger = () =>
    fx.net.installCode({ canisterId: fx.ids.ledger!, wasm: wasm('ledger'), arg: new Uint8Array(IDL.encode(ledgerInit({ IDL }), [[]])), mode: 'upgrade' });

  /** Everything a client can read about the canister's NFT, market and lease state. */
  async function snapshot() {
    const api = fx.leasing();
    const { log_length } = await api.icrc3_get_blocks([]);
    return {
      supply: await api.icrc7_total_supply(),
      owners: await api.icrc7_owner_of(tokens),
      metadata: await api.icrc7_token_metadata(tokens),
      held: await api.icrc7_tokens_of(account(owner), [], []),
      balances: await api.icrc7_balance_of([account(owner), account(lessee)]),
      tokenApprovals: await api.icrc37_get_token_approvals(tokens[1]!, [], []),
      collectionApprovals: await api.icrc37_get_collection_approvals(account(owner), [], []),
      blocks: (await api.icrc3_get_blocks([{ start: 0n, length: log_length }])).blocks,
      listing: await api.get_listing(tokens[2]!),
      lease: await api.get_lease(lease.id),
      counts: (await api.status()).counts,
    };
  }

  async function verifiedTip(): Promise<string> {
    const [tip] = await fx.leasing().icrc3_get_tip_certificate();
    const certificate = await Certificate.create({ certificate: Uint8Array.from(tip!.certificate), rootKey: server.rootKey, canisterId: fx.ids.leasing! });
    const certified = lookupResultToBuffer(certificate.lookup_path(['canister', fx.ids.leasing!.toUint8Array(), 'certified_data']))!;
    expect(Buffer.from(certified).equals(Buffer.from(await reconstruct(Cbor.decode<HashTree>(Uint8Array.from(tip!.hash_tree)))))).toBe(true);
    return Buffer.from(certified).toString('hex');
  }

  beforeAll(async () => {
    fx = await startLeasing();
    server = await startHttpServer(fx.net, { port: 0 });
    await fx.grant(operator, { fleet_operator: null });
    for (let n = 1; n <= 3; n++) tokens.push(await fx.register(operator, `U-${n}`, { owner: [account(owner)] }));
    const info = { spender: account(spender), from_subaccount: [] as [], expires_at: [] as [], memo: [] as [], created_at_time: fx.net.now() };
    okOf((await fx.leasing(owner).icrc37_approve_tokens([{ token_id: tokens[1]!, approval_info: info }]))[0]![0]!);
    okOf((await fx.leasing(owner).icrc37_approve_collection([{ approval_info: info }]))[0]![0]!);
    const extra = await fx.register(operator, 'U-dedup', { owner: [account(owner)] });
    dedupArg = { token_id: extra, to: account(spender), from_subaccount: [], memo: [], created_at_time: [fx.net.now()] };
    dedupIndex = okOf((await fx.leasing(owner).icrc7_transfer([dedupArg]))[0]![0]!);
    okOf(await fx.leasing(owner).list_for_sale(tokens[2]!, [], 100_000n));
    const offer = okOf(await fx.leasing(owner).list_for_lease(tokens[0]!, [], leaseTerms()));
    await fx.fund(lessee, 1_000_000n);
    await fx.approve(lessee, 1_000_000n);
    lease = okOf(await fx.leasing(lessee).request_lease({ token_id: tokens[0]!, listing_id: offer.listing_id, duration_days: 28 }));
    await fx.settle();
  });
  afterAll(async () => {
    await server?.close();
    await fx?.net.stop();
  });

  it('keeps tokens, approvals, the certified log, deduplication, listings and leases', async () => {
    const before = await snapshot();
    const tipBefore = await verifiedTip();
    await upgradeLeasing();
    expect(await snapshot()).toEqual(before);
    expect(await verifiedTip()).toBe(tipBefore);
    expect(await fx.leasing(owner).icrc7_transfer([dedupArg])).toEqual([[{ Err: { Duplicate: { duplicate_of: dedupIndex } } }]]);
  });

  it('re-arms the lease timer from stable state: rent is charged on schedule', async () => {
    const ownerBefore = await fx.balance(owner);
    await fx.net.advanceTime(7 * DAY_MS);
    expect(okOf(await fx.leasing().get_lease(lease.id)).rent_paid).toBe(14_000n);
    expect(await fx.balance(owner)).toBe(ownerBefore + 7_000n - FEE);
  });

  it('sends payouts that were owed before the upgrade', async () => {
    const [ownerBefore, lesseeBefore] = [await fx.balance(owner), await fx.balance(lessee)];
    await fx.setLedgerRunning(false);
    okOf(await fx.leasing(owner).return_lease(lease.id));
    await fx.settle();
    expect(okOf(await fx.leasing(operator).pending_payouts())).toHaveLength(1);
    await upgradeLeasing();
    await fx.setLedgerRunning(true);
    await fx.settle();
    expect(okOf(await fx.leasing(operator).pending_payouts())).toEqual([]);
    expect(await fx.balance(lessee)).toBe(lesseeBefore + 50_000n - FEE);
    expect(await fx.balance(owner)).toBe(ownerBefore);
  });

  it('refunds a payment whose answer an upgrade cut off', async () => {
    const buyer = newIdentity();
    await fx.fund(buyer, 1_000_000n);
    await fx.approve(buyer, 1_000_000n);
    const listing = (await fx.leasing().get_listing(tokens[2]!))[0]!;
    const buying = fx.leasing(buyer).buy_battery({ token_id: tokens[2]!, listing_id: listing.listing_id }).catch((error: unknown) => error);
    await upgradeLeasing();
    await buying;
    await fx.settle();
    // The ledger took the price; the canister, finding the payment again after the upgrade, gave it back.
    expect(await fx.balance(buyer)).toBe(1_000_000n - 3n * FEE);
    expect(await fx.leasing().icrc7_owner_of([tokens[2]!])).toEqual([[account(owner)]]);
    expect(okOf(await fx.leasing(operator).reconcile_escrow())).toMatchObject({ surplus: 0n, unresolved_payments: 0n });
  });

  it('keeps the ledger\'s balances and allowances across its upgrade, and leases keep charging', async () => {
    const offer = okOf(await fx.leasing(owner).list_for_lease(tokens[0]!, [], leaseTerms()));
    const second = okOf(await fx.leasing(lessee).request_lease({ token_id: tokens[0]!, listing_id: offer.listing_id, duration_days: 28 }));
    await fx.settle();
    const balances = async () => Promise.all([fx.balance(owner), fx.balance(lessee), fx.balance('escrow')]);
    const allowance = () => fx.ledger().icrc2_allowance({ account: account(lessee), spender: account(fx.ids.leasing!) });
    const [before, allowanceBefore] = [await balances(), await allowance()];
    await upgradeLedger();
    expect(await balances()).toEqual(before);
    expect(await allowance()).toEqual(allowanceBefore);
    await fx.net.advanceTime(7 * DAY_MS);
    expect(okOf(await fx.leasing().get_lease(second.id)).rent_paid).toBe(14_000n);
    expect(okOf(await fx.leasing(operator).reconcile_escrow())).toMatchObject({ surplus: 0n, deposits_held: 50_000n });
  });
});
