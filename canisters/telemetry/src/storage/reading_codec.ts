import { Reading } from './reading';
import { ByteReader, ByteWriter } from './varint';

/**
 * One reading packed on its own (absolute varints, about 45 bytes for 16 cells): the form of a battery's
 * latest reading, rewritten at every ingest, where candid would spend more on its type table than on the values.
 */
export function writeReading(out: ByteWriter, reading: Reading): void {
  out.unsigned(reading.batch);
  out.unsigned(reading.index);
  out.unsigned(reading.timestampMs);
  out.byte(reading.cellsMv.length);
  reading.cellsMv.forEach((mv) => out.signed(mv));
  out.signed(reading.currentCa);
  out.byte(reading.temperaturesDc.length);
  reading.temperaturesDc.forEach((dc) => out.signed(dc));
  out.unsigned(reading.socPermille);
  out.byte(reading.gps === undefined ? 0 : 1);
  if (reading.gps !== undefined) {
    out.signed(reading.gps.latE7);
    out.signed(reading.gps.lonE7);
  }
}

/** Reads what writeReading wrote. */
export function readReading(input: ByteReader): Reading {
  const batch = input.unsigned();
  const index = input.unsigned();
  const timestampMs = input.unsigned();
  const cellsMv = Array.from({ length: input.byte() }, () => input.signed());
  const currentCa = input.signed();
  const temperaturesDc = Array.from({ length: input.byte() }, () => input.signed());
  const socPermille = input.unsigned();
  const gps = input.byte() === 0 ? undefined : { latE7: input.signed(), lonE7: input.signed() };
  return { batch, index, timestampMs, cellsMv, currentCa, temperaturesDc, socPermille, gps };
}
