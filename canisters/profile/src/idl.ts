import { CommonErrorIdl, named, resultIdl, RoleChangeIdl, RoleIdl } from '@chargex/common';
import { IDL } from 'azle';

/** Candid type of ProfileInput. */
export const ProfileInputIdl = named(
  'ProfileInput',
  IDL.Record({ display_name: IDL.Text, email: IDL.Opt(IDL.Text), phone: IDL.Opt(IDL.Text) })
);

const NotificationChannelsIdl = named(
  'NotificationChannels',
  IDL.Record({ in_app: IDL.Bool, email: IDL.Bool, webhook: IDL.Bool, sms: IDL.Bool })
);

const QuietHoursIdl = named(
  'QuietHours',
  IDL.Record({ start_minute: IDL.Nat16, end_minute: IDL.Nat16, utc_offset_minutes: IDL.Int16 })
);

/** Candid type of NotificationPreferences. */
export const NotificationPreferencesIdl = named(
  'NotificationPreferences',
  IDL.Record({ channels: NotificationChannelsIdl, webhook_url: IDL.Opt(IDL.Text), quiet_hours: IDL.Opt(QuietHoursIdl) })
);

/** Candid type of Profile (also its stored form: candid tolerates added `opt` fields when reading old bytes). */
export const ProfileIdl = named(
  'Profile',
  IDL.Record({
    owner: IDL.Principal,
    display_name: IDL.Text,
    email: IDL.Opt(IDL.Text),
    phone: IDL.Opt(IDL.Text),
    notifications: NotificationPreferencesIdl,
    created_at: IDL.Nat64,
    updated_at: IDL.Nat64
  })
);

const ProfilePageIdl = named('ProfilePage', IDL.Record({ profiles: IDL.Vec(ProfileIdl), next_cursor: IDL.Opt(IDL.Nat64) }));

const MemberPageIdl = named('MemberPage', IDL.Record({ members: IDL.Vec(IDL.Principal), next_cursor: IDL.Opt(IDL.Nat64) }));

/** Reply types of the profile methods. */
export const ProfileResultIdl = resultIdl(ProfileIdl, CommonErrorIdl);
export const ProfilePageResultIdl = resultIdl(ProfilePageIdl, CommonErrorIdl);
export const MemberPageResultIdl = resultIdl(MemberPageIdl, CommonErrorIdl);
export const RoleChangeResultIdl = resultIdl(RoleChangeIdl, CommonErrorIdl);
export const RolesResultIdl = resultIdl(IDL.Vec(RoleIdl), CommonErrorIdl);
