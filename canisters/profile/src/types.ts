import { Principal } from 'azle';

/** What a person sends to register or edit their profile. */
export interface ProfileInput {
  display_name: string;
  email: [] | [string];
  phone: [] | [string];
}

/** Per-channel switches for notifications. */
export interface NotificationChannels {
  in_app: boolean;
  email: boolean;
  webhook: boolean;
  sms: boolean;
}

/** A daily window without notifications, in the person's local time (minutes since midnight, UTC offset). */
export interface QuietHours {
  start_minute: number;
  end_minute: number;
  utc_offset_minutes: number;
}

/** How and when a person wants to be notified. */
export interface NotificationPreferences {
  channels: NotificationChannels;
  webhook_url: [] | [string];
  quiet_hours: [] | [QuietHours];
}

/** A person's profile as stored and returned. */
export interface Profile {
  owner: Principal;
  display_name: string;
  email: [] | [string];
  phone: [] | [string];
  notifications: NotificationPreferences;
  created_at: bigint;
  updated_at: bigint;
}

/** One page of profiles. */
export interface ProfilePage {
  profiles: Profile[];
  next_cursor: [] | [bigint];
}

/** One page of the holders of a role. */
export interface MemberPage {
  members: Principal[];
  next_cursor: [] | [bigint];
}
