export type StepState = 'pending' | 'active' | 'done' | 'failed' | 'skipped';

/** A numbered list of steps with their state in words as well as in colour, announced as it changes. */
export function Steps({ steps }: { steps: { label: string; state: StepState; detail?: string }[] }) {
  return (
    <ol className="steps" aria-live="polite">
      {steps.map((step, index) => (
        <li key={step.label} data-state={step.state}>
          <span className="steps__mark" aria-hidden="true">
            {step.state === 'done' || step.state === 'skipped' ? '✓' : step.state === 'failed' ? '!' : index + 1}
          </span>
          <span>
            {step.label}
            <span className="visually-hidden"> ({STATE_WORDS[step.state]})</span>
            {step.detail && <span className="muted"> — {step.detail}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

const STATE_WORDS: Record<StepState, string> = {
  pending: 'not started',
  active: 'in progress',
  done: 'done',
  failed: 'failed',
  skipped: 'not needed',
};
