/**
 * The naive baseline of the leasing benchmark (bench/leasing.ts): NFTs the way a first attempt would keep them,
 * one StableBTreeMap entry per token with Azle's default serializer (tagged JSON) holding the owner and the
 * metadata as given, and a transfer that checks the owner and rewrites the entry. No block log, deduplication,
 * approvals, owner index or subaccounts.
 */
import { IDL, msgCaller, Principal, StableBTreeMap, update } from 'azle';

type Value = { Text: string } | { Nat: bigint };
type NaiveToken = { owner: Principal; metadata: Array<[string, Value]> };

const ValueIdl = IDL.Variant({ Text: IDL.Text, Nat: IDL.Nat });
const MetadataIdl = IDL.Vec(IDL.Tuple(IDL.Text, ValueIdl));

export default class NaiveNft {
  tokens = new StableBTreeMap<bigint, NaiveToken>(0);

  /** Creates token `id` held by `owner`. */
  @update([IDL.Nat, IDL.Principal, MetadataIdl], IDL.Bool)
  mint(id: bigint, owner: Principal, metadata: Array<[string, Value]>): boolean {
    if (this.tokens.containsKey(id)) {
      return false;
    }
    this.tokens.insert(id, { owner, metadata });
    return true;
  }

  /** Gives token `id` to `to` if the caller holds it. */
  @update([IDL.Nat, IDL.Principal], IDL.Bool)
  transfer(id: bigint, to: Principal): boolean {
    const token = this.tokens.get(id);
    if (token === undefined || token.owner.compareTo(msgCaller()) !== 'eq') {
      return false;
    }
    this.tokens.insert(id, { ...token, owner: to });
    return true;
  }
}
