import {
  ALERT_SIGNAL_KINDS,
  AlertSignal,
  AlertSignalSource,
  CommonError,
  err,
  invalidArgument,
  MAX_SIGNALS_PER_CALL,
  ok,
  Result
} from '@chargex/common';

const MAX_ID_CHARS = 64;
const MAX_DETAIL_CHARS = 500;
const MAX_UNIT_CHARS = 16;

/**
 * Checks a source's call before anything is stored: the call is taken whole or refused whole, so a source's
 * outbox never has to work out which of its signals went in.
 */
export function validateSignals(source: AlertSignalSource, signals: AlertSignal[]): Result<null, CommonError> {
  if (signals.length > MAX_SIGNALS_PER_CALL) {
    return err(invalidArgument('signals', `must hold at most ${MAX_SIGNALS_PER_CALL} signals per call`));
  }
  const kinds: readonly string[] = ALERT_SIGNAL_KINDS[source];
  for (const [index, signal] of signals.entries()) {
    const problem = problemOf(signal, kinds, source);
    if (problem !== undefined) {
      return err(invalidArgument(`signals[${index}].${problem[0]}`, problem[1]));
    }
  }
  return ok(null);
}

function problemOf(signal: AlertSignal, kinds: readonly string[], source: string): [string, string] | undefined {
  if (!kinds.includes(signal.kind)) {
    return ['kind', `is not a kind ${source} reports (it reports ${kinds.join(', ')})`];
  }
  if (signal.signal_id.length === 0 || signal.signal_id.length > MAX_ID_CHARS) {
    return ['signal_id', `must be 1 to ${MAX_ID_CHARS} characters`];
  }
  for (const [field, value] of [['device_id', signal.device_id[0]], ['subject_id', signal.subject_id[0]], ['model_version', signal.model_version[0]]] as const) {
    if (value !== undefined && (value.length === 0 || value.length > MAX_ID_CHARS)) {
      return [field, `must be 1 to ${MAX_ID_CHARS} characters when given`];
    }
  }
  const { evidence } = signal;
  if (evidence.from_ms > evidence.to_ms) {
    return ['evidence.from_ms', 'must not be after evidence.to_ms'];
  }
  if (evidence.detail.length > MAX_DETAIL_CHARS) {
    return ['evidence.detail', `must be at most ${MAX_DETAIL_CHARS} characters`];
  }
  if (evidence.unit.length > MAX_UNIT_CHARS) {
    return ['evidence.unit', `must be at most ${MAX_UNIT_CHARS} characters`];
  }
  for (const [field, value] of [['value', evidence.value[0]], ['threshold', evidence.threshold[0]]] as const) {
    if (value !== undefined && !Number.isFinite(value)) {
      return [`evidence.${field}`, 'must be a finite number'];
    }
  }
  return undefined;
}
