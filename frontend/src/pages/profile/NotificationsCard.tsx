import { useState, type FormEvent } from 'react';
import { useCanisterMutation } from '../../canisters/use-canister';
import type { Profile } from '../../canisters/types';
import { describeError, invalidField, unwrap } from '../../errors/describe-error';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { TextField } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { clockOfMinute, minuteOfClock } from '../../format/time';

type Channels = Profile['notifications']['channels'];
const CHANNELS: [keyof Channels, string][] = [
  ['in_app', 'In the app'],
  ['email', 'Email'],
  ['sms', 'Text message'],
  ['webhook', 'Webhook'],
];

/** Where alerts reach the person, and the hours they should stay quiet (in their own time zone). */
export function NotificationsCard({ profile }: { profile: Profile }) {
  const preferences = profile.notifications;
  const [channels, setChannels] = useState<Channels>(preferences.channels);
  const [webhookUrl, setWebhookUrl] = useState(preferences.webhook_url[0] ?? '');
  const quiet = preferences.quiet_hours[0];
  const [quietFrom, setQuietFrom] = useState(quiet ? clockOfMinute(quiet.start_minute) : '');
  const [quietTo, setQuietTo] = useState(quiet ? clockOfMinute(quiet.end_minute) : '');
  const save = useCanisterMutation(
    async (actors, next: Profile['notifications']) => unwrap(await actors.profile.set_notification_preferences(next)),
    [['profile']],
  );
  const field = invalidField(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const offset = -new Date().getTimezoneOffset();
    save.mutate({
      channels,
      webhook_url: webhookUrl.trim() ? [webhookUrl.trim()] : [],
      quiet_hours:
        quietFrom && quietTo ? [{ start_minute: minuteOfClock(quietFrom), end_minute: minuteOfClock(quietTo), utc_offset_minutes: Math.round(offset / 15) * 15 }] : [],
    });
  }

  return (
    <Card title="Notifications">
      <form onSubmit={submit} aria-label="Notification preferences" noValidate>
        <fieldset className="checks">
          <legend>Send alerts by</legend>
          {CHANNELS.map(([key, label]) => (
            <label key={key} className="check">
              <input type="checkbox" checked={channels[key]} onChange={(event) => setChannels({ ...channels, [key]: event.target.checked })} />
              {label}
            </label>
          ))}
        </fieldset>
        <div className="form-grid spaced">
          <TextField
            label="Webhook address"
            type="url"
            value={webhookUrl}
            onChange={(event) => setWebhookUrl(event.target.value)}
            hint="An https address that receives alerts as JSON"
            error={field === 'webhook_url' || field === 'channels.webhook' ? describeError(save.error) : undefined}
          />
          <TextField label="Quiet from" type="time" value={quietFrom} onChange={(event) => setQuietFrom(event.target.value)} hint="Your local time" />
          <TextField
            label="Quiet until"
            type="time"
            value={quietTo}
            onChange={(event) => setQuietTo(event.target.value)}
            error={field?.startsWith('quiet_hours') ? describeError(save.error) : undefined}
          />
        </div>
        {save.isError && !field && (
          <Notice tone="error">
            <p>{describeError(save.error)}</p>
          </Notice>
        )}
        {save.isSuccess && <Notice tone="success">Your notification preferences are saved.</Notice>}
        <div className="form-actions">
          <Button type="submit" busy={save.isPending}>
            Save preferences
          </Button>
        </div>
      </form>
    </Card>
  );
}
