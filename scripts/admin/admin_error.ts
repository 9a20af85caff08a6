/** A failure the admin command line reports as its one line of output (no stack trace), with exit code 1. */
export class AdminError extends Error {}

/** A canister's typed error as a sentence: the CommonError variants every ChargeX canister returns. */
export function describeCanisterError(error: unknown): string {
  const variant = error as Record<string, Record<string, unknown>>;
  const [tag, detail] = Object.entries(variant)[0] ?? ['Error', {}];
  switch (tag) {
    case 'Unauthorized': {
      const required = Object.keys((detail.required as object) ?? {})[0] ?? 'permission';
      const role = required === 'Role' ? `the ${Object.keys((detail.required as { Role: object }).Role)[0]} role` : required;
      return `The canister refused: ${String(detail.caller)} lacks ${role}.`;
    }
    case 'InvalidArgument':
      return `The canister refused ${String(detail.field)}: it ${String(detail.reason)}.`;
    case 'NotFound':
      return `No ${String(detail.kind)} ${String(detail.id)} exists.`;
    case 'AlreadyExists':
      return `The ${String(detail.kind)} ${String(detail.id)} already exists.`;
    case 'Unavailable':
      return `The canister cannot do this now: ${String(detail.reason)}.`;
    default:
      return `The canister refused: ${JSON.stringify(error, (_key, value) => (typeof value === 'bigint' ? value.toString() : value))}.`;
  }
}

/** The Ok value of a canister result, or an AdminError with the Err as a sentence. */
export function okOrFail<T>(result: { Ok: T } | { Err: unknown }): T {
  if ('Err' in result) {
    throw new AdminError(describeCanisterError(result.Err));
  }
  return result.Ok;
}
