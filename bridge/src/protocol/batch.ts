/**
 * A batch of readings as a monitor signs it. Units are the fixed-point integers the device measures in, so the
 * signed bytes never depend on float formatting: millivolts per cell, centiamperes (positive while charging),
 * tenths of a degree Celsius, tenths of a percent of charge, GPS in 1e-7 degrees, milliseconds since the epoch.
 */
export interface Batch {
  deviceId: string;
  /** Grows by at least one per batch a device sends; telemetry deduplicates by (deviceId, sequence). */
  sequence: bigint;
  /** The device's clock when it signed the batch. */
  sentAtMs: number;
  readings: Reading[];
}

export interface Reading {
  timestampMs: number;
  cellsMv: number[];
  currentCa: number;
  temperaturesDc: number[];
  socPermille: number;
  gps?: GpsFix;
}

export interface GpsFix {
  latE7: number;
  lonE7: number;
}

/** The limits of the encoding itself (counts that fit its length fields); plausibility is ingest's concern. */
export const BATCH_LIMITS = {
  deviceIdBytes: 64,
  readings: 64,
  cells: 32,
  temperatures: 16,
} as const;

/** Device ids as telemetry's registry accepts them. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
