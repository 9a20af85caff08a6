import type { EventBus } from '../infra/event-bus.js';
import type { Logger } from '../infra/logger.js';
import type { Relayer } from '../relay/relayer.js';
import type { Spool } from '../spool/spool.js';
import type { Feature } from './feature.js';

/** At most one warning per this many milliseconds while the spool stays full. */
const WARN_EVERY_MS = 5_000;

/**
 * Says in the log when the bridge refuses batches because its spool is full, and what the relay is waiting on
 * (telemetry's failures, or simply how much is left to relay), so a full spool is never a silent stall.
 */
export class SpoolPressureLog implements Feature {
  private lastWarnMs = 0;
  private refusedSinceWarn = 0;

  constructor(
    private readonly bus: EventBus,
    private readonly spool: Spool,
    private readonly relayer: Relayer,
    private readonly logger: Logger
  ) {}

  async start(): Promise<void> {
    this.bus.on('batchRefused', this, ({ reason }) => {
      if (reason !== 'spool_full') return;
      this.refusedSinceWarn++;
      const now = Date.now();
      if (now - this.lastWarnMs < WARN_EVERY_MS) return;
      this.lastWarnMs = now;
      const waitingOn =
        this.relayer.failures > 0
          ? `telemetry: ${this.relayer.failures} failed calls in a row, the latest: ${this.relayer.lastError}`
          : 'telemetry to take the backlog (calls are succeeding)';
      this.logger.warn('spool full: refusing batches until the relay catches up', {
        refused: this.refusedSinceWarn,
        pendingBatches: this.spool.pendingBatches,
        pendingBytes: this.spool.pendingBytes,
        waitingOn
      });
      this.refusedSinceWarn = 0;
    });
  }

  async stop(): Promise<void> {
    this.bus.removeListeners(this);
  }
}
