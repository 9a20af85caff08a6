/** Turns a canister's CommonError variant into a sentence a person can act on. */
export function describeError(error: Record<string, unknown>): string {
  const [kind, detail] = Object.entries(error)[0] ?? ['Unknown', {}];
  const fields = detail as Record<string, unknown>;
  switch (kind) {
    case 'InvalidArgument':
      return `${String(fields.field)}: ${String(fields.reason)}`;
    case 'Unauthorized':
      return 'You are not allowed to do that.';
    case 'NotFound':
      return `No ${String(fields.kind)} found.`;
    case 'AlreadyExists':
      return `That ${String(fields.kind)} already exists.`;
    case 'Unavailable':
      return `Temporarily unavailable: ${String(fields.reason)}`;
    default:
      return kind;
  }
}
