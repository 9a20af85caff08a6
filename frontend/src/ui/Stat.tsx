import type { ReactNode } from 'react';

/** One figure with its label, for summary rows. */
export function Stat({ label, value, testId }: { label: ReactNode; value: ReactNode; testId?: string }) {
  return (
    <div className="stat">
      <div className="stat__label">{label}</div>
      <div className="stat__value" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

/** A bar for a share (state of charge, health) with the number beside it. */
export function Meter({ label, percent }: { label: string; percent: number | undefined }) {
  if (percent === undefined) return <span className="muted">—</span>;
  const clamped = Math.max(0, Math.min(100, percent));
  return (
    <span className="meter">
      <span className="meter__bar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(clamped)}>
        <span className="meter__fill" style={{ width: `${clamped}%` }} />
      </span>
      <span>{clamped.toFixed(0)} %</span>
    </span>
  );
}
