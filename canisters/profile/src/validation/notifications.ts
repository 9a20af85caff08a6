import { CommonError, invalidArgument } from '@chargex/common';

import { NotificationPreferences, ProfileInput, QuietHours } from '../types';
import { webhookUrlProblem } from './text_formats';

const MINUTES_PER_DAY = 24 * 60;
// Real UTC offsets run from -12:00 to +14:00 and are all whole quarter hours.
const MIN_UTC_OFFSET_MINUTES = -12 * 60;
const MAX_UTC_OFFSET_MINUTES = 14 * 60;

/** Preferences for someone who has not chosen: the in-app feed only. */
export const DEFAULT_NOTIFICATIONS: NotificationPreferences = {
  channels: { in_app: true, email: false, webhook: false, sms: false },
  webhook_url: [],
  quiet_hours: []
};

/** Checks preferences on their own and against the contact details the profile holds. */
export function notificationsProblem(prefs: NotificationPreferences, contact: ProfileInput): CommonError | undefined {
  const url = prefs.webhook_url[0];
  const urlProblem = url === undefined ? undefined : webhookUrlProblem(url);
  if (urlProblem !== undefined) {
    return invalidArgument('webhook_url', urlProblem);
  }
  if (prefs.channels.webhook && url === undefined) {
    return invalidArgument('channels.webhook', 'needs a webhook_url');
  }
  const quiet = prefs.quiet_hours[0];
  return (quiet === undefined ? undefined : quietHoursProblem(quiet)) ?? contactProblem(prefs, contact, 'channels');
}

/**
 * Refuses an enabled email or sms channel with no address to send to. `blame` names the argument being changed:
 * the channel switches when preferences are set, the contact fields when the profile is edited.
 */
export function contactProblem(
  prefs: NotificationPreferences,
  contact: ProfileInput,
  blame: 'channels' | 'contact'
): CommonError | undefined {
  if (prefs.channels.email && contact.email.length === 0) {
    const field = blame === 'channels' ? 'channels.email' : 'email';
    return invalidArgument(field, 'email notifications need an email address on the profile');
  }
  if (prefs.channels.sms && contact.phone.length === 0) {
    const field = blame === 'channels' ? 'channels.sms' : 'phone';
    return invalidArgument(field, 'sms notifications need a phone number on the profile');
  }
  return undefined;
}

function quietHoursProblem(quiet: QuietHours): CommonError | undefined {
  if (quiet.start_minute >= MINUTES_PER_DAY) {
    return invalidArgument('quiet_hours.start_minute', `must be below ${MINUTES_PER_DAY}`);
  }
  if (quiet.end_minute >= MINUTES_PER_DAY) {
    return invalidArgument('quiet_hours.end_minute', `must be below ${MINUTES_PER_DAY}`);
  }
  if (quiet.start_minute === quiet.end_minute) {
    return invalidArgument('quiet_hours', 'start and end must differ (omit quiet_hours for none)');
  }
  const offset = quiet.utc_offset_minutes;
  if (offset < MIN_UTC_OFFSET_MINUTES || offset > MAX_UTC_OFFSET_MINUTES || offset % 15 !== 0) {
    return invalidArgument('quiet_hours.utc_offset_minutes', 'must be a multiple of 15 from -720 to 840');
  }
  return undefined;
}
