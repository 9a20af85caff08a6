import type { EventBus } from '../infra/event-bus.js';
import type { Logger } from '../infra/logger.js';
import { WakeSignal } from '../infra/wake-signal.js';
import type { Feature } from '../features/feature.js';
import type { Batch } from '../protocol/batch.js';
import { decodeFrame } from '../protocol/frame.js';
import type { Outcome } from '../spool/records.js';
import type { PendingEntry, Spool } from '../spool/spool.js';
import { retryDelayMs } from './backoff.js';
import { TelemetryCallError, type IngestLimits, type IngestOutcome, type TelemetryClient } from './telemetry-client.js';

export interface RelayOptions {
  maxBatchesPerCall: number;
  maxCallBytes: number;
  lingerMs: number;
  retryInitialMs: number;
  retryMaxMs: number;
}

/**
 * Candid carries readings as float64 where frames carry 16-bit integers, so a call's argument is up to ~3.5x its
 * frames (see telemetry's ingest/limits.ts); frames are budgeted at a quarter of the call size.
 */
const CANDID_EXPANSION = 4;
/** How long an idle relay sleeps before looking at the spool anyway (appends wake it sooner). */
const IDLE_POLL_MS = 1_000;

/**
 * Relays the spool to telemetry in order, one ingest call at a time: up to maxBatchesPerCall batches and as many
 * batches and readings as telemetry's ingest_limits allow, waiting up to lingerMs to fill a call. A failed call is retried with exponential backoff, whole and unchanged, which is
 * safe because telemetry deduplicates by (device, sequence). Telemetry's answers go back to the spool as `done`.
 */
export class Relayer implements Feature {
  private readonly signal = new WakeSignal();
  private running: Promise<void> | undefined;
  private stopping = false;
  /** Telemetry's size limits of one call, asked for before the first call. */
  private limits: IngestLimits | undefined;
  /** Consecutive failed calls; 0 while telemetry answers. */
  failures = 0;
  lastError: string | undefined;

  constructor(
    private readonly spool: Spool,
    private readonly telemetry: TelemetryClient,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly options: RelayOptions,
  ) {}

  async start(): Promise<void> {
    this.stopping = false;
    this.bus.on('batchAccepted', this, ({ duplicate }) => {
      if (!duplicate) this.signal.wake();
    });
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.bus.removeListeners(this);
    this.signal.wake();
    await this.running;
  }

  private async loop(): Promise<void> {
    const maxFrameBytes = Math.floor(this.options.maxCallBytes / CANDID_EXPANSION);
    while (!this.stopping) {
      const maxBatches = Math.min(this.options.maxBatchesPerCall, this.limits?.maxBatchesPerCall ?? 1);
      let entries = this.spool.pending(maxBatches, maxFrameBytes);
      if (entries.length === 0) {
        await this.signal.sleep(IDLE_POLL_MS);
        continue;
      }
      if (!this.limits) {
        await this.attempt(entries.length, async () => {
          this.limits = await this.telemetry.ingestLimits();
        });
        continue;
      }
      // Linger: let a call fill up, but no longer than lingerMs after its first batch was there.
      const deadline = Date.now() + this.options.lingerMs;
      while (!this.stopping && entries.length < maxBatches && Date.now() < deadline) {
        await this.signal.sleep(deadline - Date.now());
        entries = this.spool.pending(maxBatches, maxFrameBytes);
      }
      const call = this.withinReadingLimit(entries.map((entry) => ({ entry, batch: decodeFrame(entry.frame).batch })));
      await this.attempt(call.length, () => this.relay(call));
    }
  }

  /** The leading entries whose readings fit one call (at least one: a batch alone always fits). */
  private withinReadingLimit<T extends { batch: Batch }>(entries: T[]): T[] {
    let readings = 0;
    const fitting = entries.findIndex(({ batch }) => (readings += batch.readings.length) > this.limits!.maxReadingsPerCall);
    return fitting < 0 ? entries : entries.slice(0, Math.max(1, fitting));
  }

  /** Runs one call to telemetry; a failure is counted, reported, and waited out with backoff. */
  private async attempt(batches: number, call: () => Promise<void>): Promise<void> {
    try {
      await call();
      this.failures = 0;
      this.lastError = undefined;
    } catch (error) {
      this.failures++;
      this.lastError = (error as Error).message;
      const retryInMs = retryDelayMs(this.failures, this.options.retryInitialMs, this.options.retryMaxMs);
      this.bus.emit('relayCallFailed', { batches, attempt: this.failures, retryInMs, error: this.lastError });
      this.logger.warn('relay call failed; retrying', { batches, attempt: this.failures, retryInMs, error: this.lastError });
      await this.sleepUnlessStopping(retryInMs);
    }
  }

  private async relay(call: Array<{ entry: PendingEntry; batch: Batch }>): Promise<void> {
    const started = performance.now();
    const outcomes = await this.telemetry.ingest(call.map(({ batch }) => batch));
    if (outcomes.length !== call.length) throw new TelemetryCallError(`ingest answered ${outcomes.length} outcomes for ${call.length} batches`);
    const entries = call.map(({ entry }) => entry);
    await this.spool.complete(entries.map((entry, i) => ({ id: entry.id, outcome: outcomeOf(outcomes[i]!) })));
    this.report(entries, outcomes, (performance.now() - started) / 1000);
  }

  private report(entries: PendingEntry[], outcomes: IngestOutcome[], seconds: number): void {
    let stored = 0;
    let duplicates = 0;
    let refused = 0;
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === 'refused') {
        refused++;
        const entry = entries[i]!;
        this.logger.warn('telemetry refused a batch; it is dropped from the spool', { deviceId: entry.deviceId, sequence: entry.sequence, reason: outcome.reason });
      } else if (outcome.duplicate) duplicates++;
      else stored++;
    });
    this.bus.emit('relayCallSucceeded', { batches: entries.length, stored, duplicates, refused, seconds });
  }

  private async sleepUnlessStopping(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.stopping && Date.now() < deadline) await this.signal.sleep(deadline - Date.now());
  }
}

function outcomeOf(outcome: IngestOutcome): Outcome {
  if (outcome.kind === 'refused') return 'refused';
  return outcome.duplicate ? 'duplicate' : 'stored';
}
