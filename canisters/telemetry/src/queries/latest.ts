import { LatestEntry, LatestPage, LatestReading } from '../api/query';
import { BatteryDirectory } from '../registry/battery_directory';
import { DeviceRegistry } from '../registry/device_registry';

/** Newest readings: of one battery, and of a page of devices (a fleet, or one owner's devices). */
export class LatestReadings {
  constructor(
    private readonly registry: DeviceRegistry,
    private readonly batteries: BatteryDirectory
  ) {}

  /** The newest reading of battery `number`, if it has one. */
  ofBattery(number: number): LatestReading | undefined {
    const record = this.batteries.get(number);
    const latest = record.latest[0];
    if (latest === undefined) {
      return undefined;
    }
    return { battery_token_id: record.token_id, device_id: this.registry.byNumber(latest.device).device_id, reading: latest.reading };
  }

  /** For each device of the page, its battery's newest reading. */
  page(deviceNumbers: number[], nextCursor: [] | [bigint]): LatestPage {
    const entries: LatestEntry[] = deviceNumbers.map((number) => {
      const device = this.registry.byNumber(number);
      const latest = this.batteries.get(device.battery).latest[0];
      return {
        device_id: device.device_id,
        battery_token_id: device.battery_token_id,
        status: device.status,
        latest: latest === undefined ? [] : [latest.reading]
      };
    });
    return { entries, next_cursor: nextCursor };
  }
}
