import { named } from '@chargex/common';
import { IDL } from 'azle';

import { Reading } from '../storage/reading';

/**
 * The wire contract of readings. Devices send physical units as floats (so NaN and infinities can arrive and be
 * refused); telemetry answers with the fixed-point integers it stored. Cell voltages and temperatures travel as
 * `vec int16`: @dfinity/candid decodes `vec nat16` into a Uint16Array view that throws at odd byte offsets.
 */

/** A GPS fix as a device sends it, in degrees. */
export interface GpsInput {
  latitude: number;
  longitude: number;
}

/** One reading as a device sends it. */
export interface ReadingInput {
  timestamp_ms: bigint;
  cell_voltages_v: number[] | Float64Array;
  pack_current_a: number;
  temperatures_c: number[] | Float64Array;
  soc_percent: number;
  gps: [] | [GpsInput];
}

export const ReadingInputIdl = named(
  'ReadingInput',
  IDL.Record({
    timestamp_ms: IDL.Nat64,
    cell_voltages_v: IDL.Vec(IDL.Float64),
    pack_current_a: IDL.Float64,
    temperatures_c: IDL.Vec(IDL.Float64),
    soc_percent: IDL.Float64,
    gps: IDL.Opt(named('GpsInput', IDL.Record({ latitude: IDL.Float64, longitude: IDL.Float64 })))
  })
);

/** A stored GPS fix in 1e-7 degrees. */
export interface GpsPosition {
  lat_e7: number;
  lon_e7: number;
}

/** A reading as stored: fixed-point units (see storage/reading.ts), with the batch and position it arrived at. */
export interface StoredReading {
  batch_number: bigint;
  index: number;
  timestamp_ms: bigint;
  cell_voltages_mv: Int16Array | number[];
  pack_current_ca: number;
  temperatures_dc: Int16Array | number[];
  soc_permille: number;
  gps: [] | [GpsPosition];
}

export const StoredReadingIdl = named(
  'StoredReading',
  IDL.Record({
    batch_number: IDL.Nat64,
    index: IDL.Nat32,
    timestamp_ms: IDL.Nat64,
    cell_voltages_mv: IDL.Vec(IDL.Int16),
    pack_current_ca: IDL.Int32,
    temperatures_dc: IDL.Vec(IDL.Int16),
    soc_permille: IDL.Nat16,
    gps: IDL.Opt(named('GpsPosition', IDL.Record({ lat_e7: IDL.Int32, lon_e7: IDL.Int32 })))
  })
);

/** The wire form of a stored reading. */
export function toStoredReading(reading: Reading): StoredReading {
  return {
    batch_number: BigInt(reading.batch),
    index: reading.index,
    timestamp_ms: BigInt(reading.timestampMs),
    cell_voltages_mv: Int16Array.from(reading.cellsMv),
    pack_current_ca: reading.currentCa,
    temperatures_dc: Int16Array.from(reading.temperaturesDc),
    soc_permille: reading.socPermille,
    gps: reading.gps === undefined ? [] : [{ lat_e7: reading.gps.latE7, lon_e7: reading.gps.lonE7 }]
  };
}
