/** What happened to one canister in a build run. */
export type BuildResult =
  | { name: string; status: 'built'; durationMs: number; wasmBytes: number }
  | { name: string; status: 'unchanged' }
  | { name: string; status: 'failed'; durationMs: number; output: string };

/** One progress line, e.g. `profile    built in 2.9 s  3.5 MB`; a failure is followed by azle's output. */
export function formatResult(result: BuildResult, nameWidth: number): string {
  const name = result.name.padEnd(nameWidth);
  switch (result.status) {
    case 'built':
      return `${name}  built in ${seconds(result.durationMs)}  ${(result.wasmBytes / 1e6).toFixed(1)} MB`;
    case 'unchanged':
      return `${name}  unchanged`;
    case 'failed':
      return `${name}  FAILED after ${seconds(result.durationMs)}\n${indent(result.output.trimEnd())}`;
  }
}

/** The closing line: counts per status and the wall time of the whole run. */
export function formatSummary(results: readonly BuildResult[], durationMs: number): string {
  const count = (status: BuildResult['status']) => results.filter((result) => result.status === status).length;
  return `${count('built')} built, ${count('unchanged')} unchanged, ${count('failed')} failed in ${seconds(durationMs)}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
