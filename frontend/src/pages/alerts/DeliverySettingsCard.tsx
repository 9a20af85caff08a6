import { useEffect, useState, type FormEvent } from 'react';
import { useCanisterMutation, useCanisterQuery } from '../../canisters/use-canister';
import type { DeliverySettings } from '../../canisters/types';
import { describeError, invalidField, unwrap } from '../../errors/describe-error';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { TextField } from '../../ui/Field';
import { Notice } from '../../ui/Notice';
import { QueryView } from '../../ui/States';
import { clockOfMinute, minuteOfClock } from '../../format/time';

/** Quiet hours (in the person's own time zone; critical alerts still go out) and the hourly limit of posts. */
export function DeliverySettingsCard() {
  const settings = useCanisterQuery(['alerts', 'delivery-settings'], async (actors) => actors.alerts.my_delivery_settings());
  return (
    <Card title="Quiet hours and limits">
      <QueryView query={settings}>{(current) => <SettingsForm current={current} />}</QueryView>
    </Card>
  );
}

function SettingsForm({ current }: { current: DeliverySettings }) {
  const quiet = current.quiet_hours[0];
  const [quietFrom, setQuietFrom] = useState(quiet ? clockOfMinute(quiet.start_minute) : '');
  const [quietTo, setQuietTo] = useState(quiet ? clockOfMinute(quiet.end_minute) : '');
  const [perHour, setPerHour] = useState(String(current.max_per_hour));
  useEffect(() => setPerHour(String(current.max_per_hour)), [current.max_per_hour]);
  const save = useCanisterMutation(async (actors, next: DeliverySettings) => unwrap(await actors.alerts.set_delivery_settings(next)), [['alerts', 'delivery-settings']]);
  const field = invalidField(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const offset = Math.round(-new Date().getTimezoneOffset() / 15) * 15;
    save.mutate({
      max_per_hour: Number(perHour),
      quiet_hours: quietFrom && quietTo ? [{ start_minute: minuteOfClock(quietFrom), end_minute: minuteOfClock(quietTo), utc_offset_minutes: offset }] : [],
    });
  }

  return (
    <form onSubmit={submit} aria-label="Quiet hours and limits" noValidate>
      <div className="form-grid">
        <TextField label="Quiet from" type="time" value={quietFrom} onChange={(event) => setQuietFrom(event.target.value)} hint="Your local time; critical alerts still go out" />
        <TextField
          label="Quiet until"
          type="time"
          value={quietTo}
          onChange={(event) => setQuietTo(event.target.value)}
          error={field?.startsWith('quiet_hours') ? describeError(save.error) : undefined}
        />
        <TextField
          label="Most posts per hour"
          type="number"
          min={1}
          max={1000}
          value={perHour}
          onChange={(event) => setPerHour(event.target.value)}
          error={field === 'max_per_hour' ? describeError(save.error) : undefined}
        />
      </div>
      {save.isError && !field && (
        <Notice tone="error">
          <p>{describeError(save.error)}</p>
        </Notice>
      )}
      {save.isSuccess && <Notice tone="success">Your delivery settings are saved.</Notice>}
      <div className="form-actions">
        <Button type="submit" busy={save.isPending}>
          Save settings
        </Button>
      </div>
    </form>
  );
}
