import { LatestEntry, LatestPage, LatestReading } from '../api/query';
import { toStoredReading } from '../api/reading';
import { BatteryDirectory } from '../registry/battery_directory';
import { DeviceRegistry } from '../registry/device_registry';
import { BatteryProgressStore } from '../storage/battery_progress';

/** Newest readings: of one battery, and of a page of devices (a fleet, or one owner's devices). */
export class LatestReadings {
  constructor(
    private readonly registry: DeviceRegistry,
    private readonly batteries: BatteryDirectory,
    private readonly progress: BatteryProgressStore
  ) {}

  /** The newest reading of battery `number`, if it has one. */
  ofBattery(number: number): LatestReading | undefined {
    const latest = this.progress.get(number).latest;
    if (latest === undefined) {
      return undefined;
    }
    return {
      battery_token_id: this.batteries.get(number).token_id,
      device_id: this.registry.byNumber(latest.device).device_id,
      reading: toStoredReading(latest.reading)
    };
  }

  /** For each device of the page, its battery's newest reading. */
  page(deviceNumbers: number[], nextCursor: [] | [bigint]): LatestPage {
    const entries: LatestEntry[] = deviceNumbers.map((number) => {
      const device = this.registry.byNumber(number);
      const latest = this.progress.get(device.battery).latest;
      return {
        device_id: device.device_id,
        battery_token_id: device.battery_token_id,
        status: device.status,
        latest: latest === undefined ? [] : [toStoredReading(latest.reading)]
      };
    });
    return { entries, next_cursor: nextCursor };
  }
}
