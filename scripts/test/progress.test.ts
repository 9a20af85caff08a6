import { describe, expect, it } from 'vitest';

import { formatResult, formatSummary } from '../build/progress.js';

describe('progress lines', () => {
  it('says how long a build took and how big its wasm is', () => {
    expect(formatResult({ name: 'ai', status: 'built', durationMs: 2_940, wasmBytes: 3_470_460 }, 7)).toBe(
      'ai       built in 2.9 s  3.5 MB',
    );
  });

  it('says when a canister was skipped', () => {
    expect(formatResult({ name: 'leasing', status: 'unchanged' }, 7)).toBe('leasing  unchanged');
  });

  it('shows the output of a failed build, indented under its line', () => {
    const line = formatResult({ name: 'ai', status: 'failed', durationMs: 800, output: 'Azle BuildError\nline 2\n' }, 2);
    expect(line).toBe('ai  FAILED after 0.8 s\n    Azle BuildError\n    line 2');
  });

  it('sums up a run', () => {
    const results = [
      { name: 'a', status: 'unchanged' },
      { name: 'b', status: 'built', durationMs: 1, wasmBytes: 1 },
      { name: 'c', status: 'unchanged' },
    ] as const;
    expect(formatSummary(results, 3_140)).toBe('1 built, 2 unchanged, 0 failed in 3.1 s');
  });
});
