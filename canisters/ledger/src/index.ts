/**
 * Ledger canister: an ICRC-1/ICRC-2/ICRC-3 ledger shaped like the ckBTC ledger (8 decimals, fee 10), the local
 * stand-in for ckBTC that leasing pays through with icrc2_transfer_from. Every transaction is a block in a hash
 * chain whose tip is certified. Profile does not push roles here (on mainnet this slot is the real ckBTC ledger):
 * the role replica is pulled from profile at install and upgrade.
 */
import {
  BlockRange,
  blockIndicesToServe,
  CanisterFoundation,
  CanisterStatusIdl,
  CommonErrorIdl,
  encodeTree,
  err,
  GetBlocksResult,
  named,
  RoleChange,
  RoleChangeIdl,
  RoleIdl,
  RolesSyncResultIdl,
  RoleSyncPeer,
  roleToVariant,
  tipTree,
  treeDigest
} from '@chargex/common';
import {
  canisterSelf,
  certifiedDataSet,
  dataCertificate,
  IDL,
  init,
  msgCaller,
  postUpgrade,
  query,
  time,
  update
} from 'azle';

import packageJson from '../package.json';
import { subaccountProblem } from './accounts/account';
import { blockValue } from './blocks/block';
import { Account, AccountIdl } from './idl/account';
import { MetadataValueIdl, StandardRecordIdl, TransferArg, TransferArgIdl, TransferResultIdl } from './idl/icrc1';
import {
  AllowanceArgs,
  AllowanceArgsIdl,
  AllowanceIdl,
  ApproveArgs,
  ApproveArgsIdl,
  ApproveResultIdl,
  TransferFromArgs,
  TransferFromArgsIdl,
  TransferFromResultIdl
} from './idl/icrc2';
import { ICRC3_IDL } from './idl/icrc3';
import { configOf, LedgerArg, LedgerArgOptIdl, LocalMintArgs, LocalMintArgsIdl } from './idl/ledger_arg';
import { ExpiryPruner } from './maintenance/expiry_pruner';
import { executeApprove } from './operations/approve';
import { checkUpgradeArg, installLedger } from './operations/install';
import { mintForLocalDev } from './operations/local_mint';
import { refuseAnonymous, refuseBadSubaccounts } from './operations/request_checks';
import { transferFromRequest, transferRequest } from './operations/requests';
import { executeTransfer } from './operations/transfer';
import { openLedger } from './storage';
import { metadata, SUPPORTED_BLOCK_TYPES, SUPPORTED_STANDARDS, TOKEN } from './token';

/** Most blocks one icrc3_get_blocks reply carries; clients ask again from where it stopped. */
const MAX_BLOCKS_PER_RESPONSE = 1000;

const LocalMintResultIdl = named('LocalMintResult', IDL.Variant({ Ok: IDL.Nat, Err: CommonErrorIdl }));

export default class LedgerCanister {
  foundation = new CanisterFoundation({ name: 'ledger', version: packageJson.version, schemaVersion: 1, migrations: [] });
  roleSync = new RoleSyncPeer(this.foundation);
  ledger = openLedger({
    onTip: (tip) => certifiedDataSet(treeDigest(tipTree(tip))),
    onExpiringEntry: (at) => this.pruner.notice(at)
  });
  pruner = new ExpiryPruner([this.ledger.dedup, this.ledger.allowances]);

  /** Install: peer config, minting account (default: this canister) and initial balances (as mint blocks). */
  @init([LedgerArgOptIdl])
  init(arg: [] | [LedgerArg]): void {
    this.foundation.init(arg[0] === undefined ? [] : [configOf(arg[0])]);
    installLedger(this.ledger, arg[0], canisterSelf(), time());
    this.start();
  }

  /** Upgrade: replaces the peer config if one is given (the minting account stays), migrates, re-arms timers. */
  @postUpgrade([LedgerArgOptIdl])
  postUpgrade(arg: [] | [LedgerArg]): void {
    this.foundation.postUpgrade(arg[0] === undefined ? [] : [configOf(arg[0])]);
    checkUpgradeArg(this.ledger, arg[0]);
    this.start();
  }

  /** The token's name. */
  @query([], IDL.Text)
  icrc1_name(): string {
    return TOKEN.name;
  }

  /** The token's symbol. */
  @query([], IDL.Text)
  icrc1_symbol(): string {
    return TOKEN.symbol;
  }

  /** Decimals of the token (8: amounts are in satoshi). */
  @query([], IDL.Nat8)
  icrc1_decimals(): number {
    return TOKEN.decimals;
  }

  /** The transfer fee (also the approval fee). */
  @query([], IDL.Nat)
  icrc1_fee(): bigint {
    return TOKEN.fee;
  }

  /** The `icrc1:` metadata entries. */
  @query([], IDL.Vec(IDL.Tuple(IDL.Text, MetadataValueIdl)))
  icrc1_metadata() {
    return metadata();
  }

  /** Tokens on every account but the minting account. */
  @query([], IDL.Nat)
  icrc1_total_supply(): bigint {
    return this.ledger.balances.totalSupply();
  }

  /** The minting account: transfers from it mint, transfers to it burn. */
  @query([], IDL.Opt(AccountIdl))
  icrc1_minting_account(): [Account] {
    return [this.ledger.mintingAccount()];
  }

  /** The balance of an account (a subaccount that is not 32 bytes is rejected). */
  @query([AccountIdl], IDL.Nat)
  icrc1_balance_of(account: Account): bigint {
    const problem = subaccountProblem(account.subaccount);
    if (problem !== undefined) {
      throw new Error(`icrc1_balance_of: ${problem}`);
    }
    return this.ledger.balances.balanceOf(account);
  }

  /** Transfers from the caller's account; a transfer from the minting account mints, one to it burns. */
  @update([TransferArgIdl], TransferResultIdl)
  icrc1_transfer(arg: TransferArg) {
    const checked = transferRequest(msgCaller(), arg);
    return 'refusal' in checked ? err(checked.refusal) : executeTransfer(this.ledger, checked.request, time());
  }

  /** The standards this ledger implements. */
  @query([], IDL.Vec(StandardRecordIdl))
  icrc1_supported_standards() {
    return SUPPORTED_STANDARDS;
  }

  /** Lets a spender move tokens from the caller's account; the caller pays the fee. */
  @update([ApproveArgsIdl], ApproveResultIdl)
  icrc2_approve(args: ApproveArgs) {
    const caller = msgCaller();
    const refused =
      refuseAnonymous(caller) ??
      refuseBadSubaccounts({ from_subaccount: args.from_subaccount, 'spender.subaccount': args.spender.subaccount });
    if (refused !== undefined) {
      return err(refused);
    }
    return executeApprove(this.ledger, { owner: caller, subaccount: args.from_subaccount }, args, time());
  }

  /** Moves tokens from `from` on the strength of the caller's allowance; `from` pays the fee. */
  @update([TransferFromArgsIdl], TransferFromResultIdl)
  icrc2_transfer_from(args: TransferFromArgs) {
    const checked = transferFromRequest(msgCaller(), args);
    return 'refusal' in checked ? err(checked.refusal) : executeTransfer(this.ledger, checked.request, time());
  }

  /** The live allowance of `spender` on `account` (zero and no expiry when none or expired). */
  @query([AllowanceArgsIdl], AllowanceIdl)
  icrc2_allowance(args: AllowanceArgs) {
    const problem = subaccountProblem(args.account.subaccount) ?? subaccountProblem(args.spender.subaccount);
    if (problem !== undefined) {
      throw new Error(`icrc2_allowance: ${problem}`);
    }
    const { amount, expiresAt } = this.ledger.allowances.allowance(args.account, args.spender, time());
    return { allowance: amount, expires_at: expiresAt === undefined ? [] : [expiresAt] };
  }

  /** Blocks by index ranges, as ICRC-3 Values. This ledger keeps every block itself: nothing is archived. */
  @query([ICRC3_IDL.GetBlocksArgsIdl], ICRC3_IDL.GetBlocksResultIdl)
  icrc3_get_blocks(ranges: BlockRange[]): GetBlocksResult {
    const { log } = this.ledger;
    const indices = blockIndicesToServe(ranges, log.length(), MAX_BLOCKS_PER_RESPONSE);
    return {
      log_length: log.length(),
      blocks: indices.map((id) => ({ id, block: blockValue(this.requireBlock(id)) })),
      archived_blocks: []
    };
  }

  /** No archives: every block stays in this canister. */
  @query([ICRC3_IDL.GetArchivesArgsIdl], ICRC3_IDL.GetArchivesResultIdl)
  icrc3_get_archives() {
    return [];
  }

  /** The certificate of the tip (`last_block_index`, `last_block_hash`); none when called as a replicated query. */
  @query([], IDL.Opt(ICRC3_IDL.DataCertificateIdl))
  icrc3_get_tip_certificate() {
    const certificate = dataCertificate();
    if (certificate === undefined) {
      return [];
    }
    return [{ certificate, hash_tree: encodeTree(tipTree(this.ledger.log.tip())) }];
  }

  /** Every block type this ledger writes. */
  @query([], IDL.Vec(ICRC3_IDL.SupportedBlockTypeIdl))
  icrc3_supported_block_types() {
    return SUPPORTED_BLOCK_TYPES;
  }

  /** The standards this ledger implements (ICRC-10). */
  @query([], IDL.Vec(StandardRecordIdl))
  icrc10_supported_standards() {
    return SUPPORTED_STANDARDS;
  }

  /** Controllers only, for local development: mints to `to` as a `1mint` block from the minting account. */
  @update([LocalMintArgsIdl], LocalMintResultIdl)
  mint_for_local_dev(args: LocalMintArgs) {
    return this.foundation.guard.requireController(msgCaller()) ?? mintForLocalDev(this.ledger, args, time());
  }

  /** Receives role changes pushed by the profile canister. */
  @update([IDL.Vec(RoleChangeIdl)], RolesSyncResultIdl)
  roles_sync(changes: RoleChange[]) {
    return this.roleSync.receive(msgCaller(), changes);
  }

  /** The caller's roles as this canister's replica knows them (what its role checks will see). */
  @query([], IDL.Vec(RoleIdl))
  my_roles() {
    return this.foundation.roles.rolesOf(msgCaller()).map(roleToVariant);
  }

  /** Name, version, schema version, counts (accounts, allowances, blocks, dedup entries) and cycles. */
  @query([], CanisterStatusIdl)
  status() {
    const { balances, allowances, log, dedup } = this.ledger;
    return this.foundation.status({
      accounts: balances.holders(),
      allowances: allowances.count(),
      blocks: log.length(),
      dedup_entries: dedup.count()
    });
  }

  /** Certifies the current tip, follows profile's roles and arms the pruning timer (all lost or reset on upgrade). */
  private start(): void {
    certifiedDataSet(treeDigest(tipTree(this.ledger.log.tip())));
    this.roleSync.start();
    this.pruner.start();
  }

  private requireBlock(index: bigint) {
    const block = this.ledger.log.get(index);
    if (block === undefined) {
      throw new Error(`invariant: block ${index} is below the log length but not stored`);
    }
    return block;
  }
}
