import type { Logger } from '../infra/logger.js';
import type { DeviceKeyEntry, TelemetryClient } from '../relay/telemetry-client.js';

/** Unknown device ids trigger at most one early refresh per this period, so a flood of them cannot flood telemetry. */
const MISS_REFRESH_MIN_INTERVAL_MS = 1_000;

/**
 * The bridge's cache of telemetry's device registry (id -> key, status). It follows the registry by version:
 * each refresh asks for the entries changed since the version it has, page by page, until it reaches the head.
 */
export class DeviceRegistryCache {
  private readonly devices = new Map<string, DeviceKeyEntry>();
  private version = 0n;
  private refreshing: Promise<void> | undefined;
  private missRefresh: Promise<void> | undefined;
  private lastMissRefreshMs = 0;
  loaded = false;

  constructor(
    private readonly telemetry: TelemetryClient,
    private readonly pageSize: number,
    private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.devices.size;
  }

  get currentVersion(): bigint {
    return this.version;
  }

  get(deviceId: string): DeviceKeyEntry | undefined {
    return this.devices.get(deviceId);
  }

  /** Brings the cache up to the registry head; concurrent callers share one refresh. */
  refresh(): Promise<void> {
    this.refreshing ??= this.pull().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /**
   * The entry for a device the cache does not know, after an early refresh (a device registered since the last
   * periodic refresh should not wait for the next one); undefined if telemetry does not know it either. Misses
   * share one refresh, at most one per MISS_REFRESH_MIN_INTERVAL_MS, so a flood of unknown ids costs telemetry
   * one query a second.
   */
  async lookupMissing(deviceId: string): Promise<DeviceKeyEntry | undefined> {
    this.missRefresh ??= (async () => {
      const waitMs = this.lastMissRefreshMs + MISS_REFRESH_MIN_INTERVAL_MS - Date.now();
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
      this.lastMissRefreshMs = Date.now();
      await this.refresh().catch((error) => this.logger.warn('registry refresh for an unknown device failed', { deviceId, error }));
    })().finally(() => (this.missRefresh = undefined));
    await this.missRefresh;
    return this.devices.get(deviceId);
  }

  private async pull(): Promise<void> {
    for (;;) {
      const page = await this.telemetry.deviceKeysSince(this.version, this.pageSize);
      for (const entry of page.entries) this.devices.set(entry.deviceId, entry);
      this.version = page.nextVersion;
      if (page.nextVersion >= page.headVersion) break;
    }
    this.loaded = true;
  }
}
