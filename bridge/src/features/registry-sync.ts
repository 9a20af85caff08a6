import type { Logger } from '../infra/logger.js';
import { WakeSignal } from '../infra/wake-signal.js';
import type { DeviceRegistryCache } from '../registry/device-registry.js';
import type { Feature } from './feature.js';

/** Keeps the device registry cache current: a refresh at start (retried until telemetry answers), then periodically. */
export class RegistrySync implements Feature {
  private readonly signal = new WakeSignal();
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly registry: DeviceRegistryCache,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.stopping = false;
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.signal.wake();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const before = this.registry.currentVersion;
      try {
        await this.registry.refresh();
        if (this.registry.currentVersion !== before) {
          this.logger.info('device registry updated', { version: this.registry.currentVersion, devices: this.registry.size });
        }
      } catch (error) {
        this.logger.warn('device registry refresh failed', { error, loaded: this.registry.loaded });
      }
      // Until the first refresh succeeds devices are refused as not_ready, so retry that one sooner.
      await this.signal.sleep(this.registry.loaded ? this.intervalMs : Math.min(this.intervalMs, 1_000));
    }
  }
}
