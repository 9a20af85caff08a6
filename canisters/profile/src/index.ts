/**
 * Profile canister: people's profiles and notification preferences, and the one place roles are granted and
 * revoked. Role changes are logged and pushed to the peer canisters, which check roles on their own replica.
 */
import {
  CanisterConfig,
  CanisterConfigArgIdl,
  CanisterFoundation,
  CanisterStatusIdl,
  CommonError,
  err,
  invalidArgument,
  isErr,
  ok,
  PageRequest,
  PageRequestIdl,
  Result,
  ROLE_BATCH_LIMIT,
  RoleChangePage,
  RoleChangePageResultIdl,
  RoleIdl,
  roleFromVariant,
  ROLES,
  roleToVariant,
  RoleVariant,
  validatePage
} from '@chargex/common';
import { IDL, init, msgCaller, postUpgrade, Principal, query, time, update } from 'azle';

import packageJson from '../package.json';
import {
  MemberPageResultIdl,
  NotificationPreferencesIdl,
  ProfileInputIdl,
  ProfilePageResultIdl,
  ProfileResultIdl,
  RoleChangeResultIdl,
  RolesResultIdl
} from './idl';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { ProfileDirectory } from './profiles/directory';
import { RoleAdmin } from './roles/role_admin';
import { RoleLog } from './roles/role_log';
import { RoleMembers } from './roles/role_members';
import { RoleOutbox } from './roles/role_outbox';
import { MemberPage, NotificationPreferences, Profile, ProfileInput, ProfilePage } from './types';

export default class ProfileCanister {
  foundation = new CanisterFoundation({
    name: 'profile',
    version: packageJson.version,
    schemaVersion: SCHEMA_VERSION,
    migrations: MIGRATIONS
  });
  directory = new ProfileDirectory();
  roleLog = new RoleLog();
  roleMembers = new RoleMembers();
  roleAdmin = new RoleAdmin(this.foundation.roles, this.roleLog, this.roleMembers);
  outbox = new RoleOutbox(this.roleLog, () => this.foundation.config.get());

  /** Install: stores where the peer canisters are. */
  @init([CanisterConfigArgIdl])
  init(config: [] | [CanisterConfig]): void {
    this.foundation.init(config);
    this.outbox.resume();
  }

  /** Upgrade: replaces the peer config if one is given, migrates stored data, resumes pending role pushes. */
  @postUpgrade([CanisterConfigArgIdl])
  postUpgrade(config: [] | [CanisterConfig]): void {
    this.foundation.postUpgrade(config);
    this.outbox.resume();
  }

  /** Creates the caller's profile. */
  @update([ProfileInputIdl], ProfileResultIdl)
  register(input: ProfileInput): Result<Profile, CommonError> {
    const caller = msgCaller();
    return this.foundation.guard.requireAuthenticated(caller) ?? this.directory.register(caller, input, time());
  }

  /** Replaces the caller's display name and contact details. */
  @update([ProfileInputIdl], ProfileResultIdl)
  update_profile(input: ProfileInput): Result<Profile, CommonError> {
    const caller = msgCaller();
    return this.foundation.guard.requireAuthenticated(caller) ?? this.directory.update(caller, input, time());
  }

  /** Replaces the caller's notification preferences. */
  @update([NotificationPreferencesIdl], ProfileResultIdl)
  set_notification_preferences(prefs: NotificationPreferences): Result<Profile, CommonError> {
    const caller = msgCaller();
    return this.foundation.guard.requireAuthenticated(caller) ?? this.directory.setNotifications(caller, prefs, time());
  }

  /** The caller's own profile. */
  @query([], ProfileResultIdl)
  get_my_profile(): Result<Profile, CommonError> {
    const caller = msgCaller();
    return this.foundation.guard.requireAuthenticated(caller) ?? this.directory.get(caller);
  }

  /** Anyone's profile, for admins. */
  @query([IDL.Principal], ProfileResultIdl)
  get_profile(owner: Principal): Result<Profile, CommonError> {
    return this.foundation.guard.requireAdmin(msgCaller()) ?? this.directory.get(owner);
  }

  /** Profiles in registration order, a page at a time, for admins. */
  @query([PageRequestIdl], ProfilePageResultIdl)
  list_profiles(page: PageRequest): Result<ProfilePage, CommonError> {
    const refused = this.foundation.guard.requireAdmin(msgCaller());
    const bounds = validatePage(page);
    return refused ?? (isErr(bounds) ? bounds : ok(this.directory.page(bounds.Ok)));
  }

  /** Gives a role (admins and controllers; a controller grants the first admin). */
  @update([IDL.Principal, RoleIdl], RoleChangeResultIdl)
  async grant_role(principal: Principal, role: RoleVariant) {
    const caller = msgCaller();
    const refused = this.foundation.guard.requireAdmin(caller);
    return this.deliver(refused ?? this.roleAdmin.grant(caller, principal, roleFromVariant(role), time()));
  }

  /** Takes a role away (admins and controllers). */
  @update([IDL.Principal, RoleIdl], RoleChangeResultIdl)
  async revoke_role(principal: Principal, role: RoleVariant) {
    const caller = msgCaller();
    const refused = this.foundation.guard.requireAdmin(caller);
    return this.deliver(refused ?? this.roleAdmin.revoke(caller, principal, roleFromVariant(role), time()));
  }

  /** Holders of a role, a page at a time, for admins. */
  @query([RoleIdl, PageRequestIdl], MemberPageResultIdl)
  list_role_members(role: RoleVariant, page: PageRequest): Result<MemberPage, CommonError> {
    const refused = this.foundation.guard.requireAdmin(msgCaller());
    const bounds = validatePage(page);
    return refused ?? (isErr(bounds) ? bounds : ok(this.roleMembers.page(roleFromVariant(role), bounds.Ok)));
  }

  /** The roles a principal holds: one's own, or anyone's for admins. */
  @query([IDL.Principal], RolesResultIdl)
  roles_of(principal: Principal): Result<RoleVariant[], CommonError> {
    const { guard, roles } = this.foundation;
    return guard.requireSelfOrAdmin(msgCaller(), principal) ?? ok(roles.rolesOf(principal).map(roleToVariant));
  }

  /** Role changes after `seq` (at most `limit`), for peer canisters catching up, admins and controllers. */
  @query([IDL.Nat64, IDL.Nat32], RoleChangePageResultIdl)
  roles_since(seq: bigint, limit: number): Result<RoleChangePage, CommonError> {
    const refused = this.foundation.guard.requirePeerOrAdmin(msgCaller());
    if (refused !== undefined) {
      return refused;
    }
    if (limit < 1 || limit > ROLE_BATCH_LIMIT) {
      return err(invalidArgument('limit', `must be from 1 to ${ROLE_BATCH_LIMIT}`));
    }
    return ok({ changes: this.roleLog.since(seq, limit), head: this.roleLog.head() });
  }

  /** Name, version, schema version, counts (profiles, role log, members per role, pending pushes) and cycles. */
  @query([], CanisterStatusIdl)
  status() {
    const memberCounts = Object.fromEntries(ROLES.map((role) => [`members.${role}`, this.roleMembers.count(role)]));
    return this.foundation.status({
      profiles: this.directory.count(),
      role_log: this.roleLog.head(),
      role_outbox_pending_peers: this.outbox.pendingPeers(),
      ...memberCounts
    });
  }

  /** Replies after the change has been pushed to the peers, so a revoke is in force there once it returns. */
  private async deliver<T>(result: Result<T, CommonError>): Promise<Result<T, CommonError>> {
    if (!isErr(result)) {
      await this.outbox.flush();
    }
    return result;
  }
}
