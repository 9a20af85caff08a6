/** A readable one-line reason for what an inter-canister `call` threw (Azle throws plain objects, not Errors). */
export function describeCallError(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  if (typeof error === 'object' && error !== null) {
    const { type, rejectCode, rejectMessage } = error as { type?: unknown; rejectCode?: unknown; rejectMessage?: unknown };
    if (rejectMessage !== undefined) {
      return `${String(type ?? 'CallRejected')} (code ${String(rejectCode)}): ${String(rejectMessage)}`;
    }
    if (type !== undefined) {
      return String(type);
    }
  }
  return String(error);
}
