import { formatAmount } from '../format/amount';

/**
 * Sentences for everything that can go wrong in a call: the canisters' typed errors (CommonError, LeasingError,
 * the ICRC-1/2/7/37 error variants), rejections and network failures from the agent, and the identity provider's
 * answers. A person reads these: no variant names, no stack traces.
 */

/** A canister answered `Err`: the variant it sent, and its sentence as the message. */
export class CanisterError extends Error {
  override readonly name = 'CanisterError';
  constructor(readonly variant: Record<string, unknown>) {
    super(describeVariant(variant));
  }

  /** The variant's tag, e.g. `InsufficientFunds`. */
  get kind(): string {
    return Object.keys(this.variant)[0] ?? 'Unknown';
  }
}

/** The value of an `Ok` result, or a CanisterError carrying the `Err`. */
export function unwrap<T>(result: { Ok: T } | { Err: unknown }): T {
  if ('Ok' in result) return result.Ok;
  throw new CanisterError(result.Err as Record<string, unknown>);
}

/** What to tell a person about `error`, whatever threw it. */
export function describeError(error: unknown): string {
  if (error instanceof CanisterError) return error.message;
  if (typeof error === 'string') return describeMessage(error);
  if (error instanceof Error) return describeMessage(error.message);
  if (error && typeof error === 'object' && !Array.isArray(error)) return describeVariant(error as Record<string, unknown>);
  return 'Something went wrong. Please try again.';
}

const FIELD_LABELS: Record<string, string> = {
  display_name: 'Display name',
  email: 'Email',
  phone: 'Phone number',
  serial: 'Serial number',
  manufacturer: 'Manufacturer',
  model: 'Model',
  capacity_wh: 'Capacity',
  nominal_voltage_mv: 'Nominal voltage',
  manufactured_on: 'Manufacture date',
  monitor_device_id: 'Monitor device id',
  device_id: 'Device id',
  'key.public_key': 'Device public key',
  firmware_version: 'Firmware version',
  reporting_interval_s: 'Reporting interval',
  battery_token_id: 'Battery',
  duration_days: 'Lease length',
  listing_id: 'Offer',
  rate_per_day: 'Rate per day',
  billing_period_days: 'Billing period',
  min_days: 'Minimum term',
  max_days: 'Maximum term',
  grace_period_days: 'Grace period',
  max_soh_drop_bp: 'Allowed health drop',
  price: 'Price',
  to: 'Recipient',
  amount: 'Amount',
  principal: 'Principal',
  webhook_url: 'Webhook address',
};

/** What the canisters call things, in the words the app uses. */
const THING_NAMES: Record<string, string> = {
  'battery token': 'battery',
  batch: 'telemetry batch',
  device: 'monitor device',
  'parked payout': 'held payout',
};

/** Phrases a reason can start with that read on from the field's name ("Email must contain @."). */
const PREDICATE = /^(must|is|are|needs|need|may|cannot|can|has|have|should|was|already)\b/;

function describeVariant(variant: Record<string, unknown>): string {
  const [kind = 'Unknown', detail] = Object.entries(variant)[0] ?? [];
  const fields = (detail ?? {}) as Record<string, unknown>;
  switch (kind) {
    case 'InvalidArgument': {
      const field = String(fields.field);
      const label = FIELD_LABELS[field] ?? humanize(field);
      const reason = String(fields.reason).trim();
      return sentence(PREDICATE.test(reason) ? `${label} ${reason}` : `${label}: ${capitalize(reason)}`);
    }
    case 'Unauthorized':
      return describeRequirement(fields.required as Record<string, unknown> | undefined);
    case 'NotFound':
      return sentence(`This ${THING_NAMES[String(fields.kind)] ?? humanize(String(fields.kind))} does not exist (any more)`);
    case 'AlreadyExists':
      return sentence(`This ${humanize(String(fields.kind))} already exists`);
    case 'Unavailable':
      return sentence(`The service is unavailable for a moment: ${String(fields.reason)}. Please try again shortly`);
    case 'InsufficientFunds':
      return fields.balance !== undefined
        ? `Your balance is too low for this (you have ${units(fields.balance)}${fields.required !== undefined ? `, it needs ${units(fields.required)}` : ''}).`
        : 'Your balance is too low for this.';
    case 'InsufficientAllowance':
      return `The approved amount is too small (approved ${units(fields.allowance)}${fields.required !== undefined ? `, needed ${units(fields.required)}` : ''}). Approve the payment again.`;
    case 'PaymentFailed':
      return sentence(`The payment did not go through: ${String(fields.reason)}`);
    case 'PaymentPending':
      return 'A payment for this battery is still being processed. Please try again in a minute.';
    case 'BadFee':
      return `The network fee changed to ${units(fields.expected_fee)}. Please try again.`;
    case 'AllowanceChanged':
      return 'The approved amount changed in the meantime. Please try again.';
    case 'Expired':
      return 'The approval has expired. Approve the payment again.';
    case 'TooOld':
    case 'CreatedInFuture':
      return 'Your device clock seems to be off. Check the time settings and try again.';
    case 'Duplicate':
      return 'This was already done a moment ago.';
    case 'TemporarilyUnavailable':
      return 'The ledger is busy. Please try again in a moment.';
    case 'NonExistingTokenId':
      return 'This battery does not exist (any more).';
    case 'InvalidRecipient':
      return 'That recipient cannot receive this.';
    case 'InvalidSpender':
      return 'That account cannot be approved.';
    case 'ApprovalDoesNotExist':
      return 'There is no such approval.';
    case 'BadBurn':
      return 'The amount is too small to burn.';
    case 'GenericError':
    case 'GenericBatchError':
      return sentence(capitalize(String(fields.message ?? 'The request was refused')));
    default:
      return `The request was refused (${humanize(kind)}).`;
  }
}

function describeRequirement(required: Record<string, unknown> | undefined): string {
  const [kind, detail] = Object.entries(required ?? {})[0] ?? [];
  if (kind === 'Role') return `Only someone with the ${humanize(Object.keys(detail as object)[0] ?? '')} role can do this.`;
  if (kind === 'Authenticated') return 'Please sign in first.';
  if (kind === 'SelfOrAdmin') return 'Only the owner or an administrator can do this.';
  return 'You are not allowed to do this.';
}

/** Messages thrown by the agent, the auth client and the identity provider, turned into sentences. */
function describeMessage(message: string): string {
  if (/UserInterrupt|cancell?ed the sign-in/i.test(message)) return 'Sign-in was cancelled. You can try again whenever you are ready.';
  if (/Failed to fetch|NetworkError|ERR_CONNECTION|fetch failed/i.test(message)) {
    return 'Cannot reach the network. Check your connection and try again.';
  }
  if (/IC0508|is stopped|is stopping/i.test(message)) return 'This service is paused for maintenance. Please try again later.';
  if (/IC0503|trapped|ic0\.trap/i.test(message)) return 'The service hit an internal error and changed nothing. Please try again; if it keeps happening, tell an administrator.';
  if (/IC0301|not found/i.test(message) && /canister/i.test(message)) return 'This service is not deployed here.';
  if (/Invalid delegation|expired|Delegation/i.test(message)) return 'Your session has expired. Please sign in again.';
  if (/certificate|signature/i.test(message)) return 'The answer could not be verified. Please try again.';
  return 'Something went wrong. Please try again.';
}

function humanize(name: string): string {
  const words = name.replace(/\./g, ' ').replace(/_/g, ' ').replace(/\b(ms|s|bp|mv|wh)$/i, '').trim().toLowerCase();
  return words.replace(/\b(soh)\b/g, 'state of health');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? capitalize(trimmed) : `${capitalize(trimmed)}.`;
}

/** Amounts inside errors are in ledger units. */
function units(value: unknown): string {
  return formatAmount(typeof value === 'bigint' ? value : BigInt(String(value ?? 0)));
}

/** The field an InvalidArgument names, so a form can show the sentence under that field. */
export function invalidField(error: unknown): string | undefined {
  if (!(error instanceof CanisterError) || error.kind !== 'InvalidArgument') return undefined;
  return String((error.variant.InvalidArgument as { field: unknown }).field);
}
