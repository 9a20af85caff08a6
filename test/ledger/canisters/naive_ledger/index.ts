/**
 * Benchmark baseline for the ledger: transfers with a fee and a hash-chained block log, stored the way Azle does
 * by default (tagged JSON for keys and values, whole records per entry). No deduplication, approvals or
 * certification: the ledger does strictly more work per transfer than this.
 */
import { sha256 } from '@noble/hashes/sha2';
import { IDL, msgCaller, Principal, query, StableBTreeMap, stableJson, time, update } from 'azle';

type Account = { owner: Principal; subaccount: [] | [Uint8Array] };

type BlockRecord = {
  kind: 'mint' | 'transfer';
  from: [] | [Account];
  to: Account;
  amount: bigint;
  fee: bigint;
  memo: [] | [Uint8Array];
  created_at_time: [] | [bigint];
  timestamp: bigint;
  phash: [] | [Uint8Array];
};

type TransferArg = {
  from_subaccount: [] | [Uint8Array];
  to: Account;
  amount: bigint;
  fee: [] | [bigint];
  memo: [] | [Uint8Array];
  created_at_time: [] | [bigint];
};

const FEE = 10n;

const AccountIdl = IDL.Record({ owner: IDL.Principal, subaccount: IDL.Opt(IDL.Vec(IDL.Nat8)) });

const TransferArgIdl = IDL.Record({
  from_subaccount: IDL.Opt(IDL.Vec(IDL.Nat8)),
  to: AccountIdl,
  amount: IDL.Nat,
  fee: IDL.Opt(IDL.Nat),
  memo: IDL.Opt(IDL.Vec(IDL.Nat8)),
  created_at_time: IDL.Opt(IDL.Nat64)
});

export default class NaiveLedger {
  balances = new StableBTreeMap<Account, bigint>(0);
  blocks = new StableBTreeMap<bigint, BlockRecord>(1);

  /** Credits `amount` to `to` as a mint block (anyone may call: this canister only exists to be measured). */
  @update([AccountIdl, IDL.Nat], IDL.Nat)
  mint(to: Account, amount: bigint): bigint {
    this.balances.insert(to, (this.balances.get(to) ?? 0n) + amount);
    return this.append({ kind: 'mint', from: [], to, amount, fee: 0n, memo: [], created_at_time: [] });
  }

  /** Moves `amount` from the caller's account to `to`, charging the fee. */
  @update([TransferArgIdl], IDL.Variant({ Ok: IDL.Nat, Err: IDL.Text }))
  transfer(arg: TransferArg): { Ok: bigint } | { Err: string } {
    if (arg.fee[0] !== undefined && arg.fee[0] !== FEE) {
      return { Err: 'bad fee' };
    }
    const from: Account = { owner: msgCaller(), subaccount: arg.from_subaccount };
    const balance = this.balances.get(from) ?? 0n;
    if (balance < arg.amount + FEE) {
      return { Err: 'insufficient funds' };
    }
    this.balances.insert(from, balance - arg.amount - FEE);
    this.balances.insert(arg.to, (this.balances.get(arg.to) ?? 0n) + arg.amount);
    const { to, amount, memo, created_at_time } = arg;
    return { Ok: this.append({ kind: 'transfer', from: [from], to, amount, fee: FEE, memo, created_at_time }) };
  }

  @query([AccountIdl], IDL.Nat)
  balance_of(account: Account): bigint {
    return this.balances.get(account) ?? 0n;
  }

  private append(block: Omit<BlockRecord, 'timestamp' | 'phash'>): bigint {
    const index = BigInt(this.blocks.len());
    const parent = index === 0n ? undefined : this.blocks.get(index - 1n);
    const phash: [] | [Uint8Array] = parent === undefined ? [] : [sha256(stableJson.toBytes(parent))];
    this.blocks.insert(index, { ...block, timestamp: time(), phash });
    return index;
  }
}
