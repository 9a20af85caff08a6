const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

/** IC time (nanoseconds since the epoch) as a date and time. */
export function formatNs(ns: bigint): string {
  return dateTime.format(new Date(Number(ns / 1_000_000n)));
}

/** IC time as a date only. */
export function formatDateNs(ns: bigint): string {
  return date.format(new Date(Number(ns / 1_000_000n)));
}

/** Telemetry time (milliseconds) as a date and time. */
export function formatMs(ms: bigint | number): string {
  return dateTime.format(new Date(Number(ms)));
}

/** "3 minutes ago", "in 2 days": how far `ms` lies from now. */
export function formatRelativeMs(ms: number, now = Date.now()): string {
  const seconds = Math.round((ms - now) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(seconds, 'second');
}

/** A minute of the day (0-1439) as "HH:MM", as a time input shows it. */
export function clockOfMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** "HH:MM" from a time input as a minute of the day. */
export function minuteOfClock(time: string): number {
  const [hours = '0', mins = '0'] = time.split(':');
  return Number(hours) * 60 + Number(mins);
}
