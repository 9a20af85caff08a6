import { GpsFix, Reading } from './reading';
import { ByteReader, ByteWriter } from './varint';

/**
 * The packed form of a chunk: the readings of one battery in one time window, stored column by column.
 *
 *   byte    format (1)
 *   varint  reading count
 *   varint  byte length of each of the 11 columns
 *   tail    the last reading's values (what the next appended reading is a delta of)
 *   bytes   the columns, one after another
 *
 * Every value is a zigzag varint delta from the same value in the previous reading (timestamps from the window
 * start, a cell from the same cell), so a steady pack costs about one byte per value. Appending encodes only
 * the new readings and concatenates column bytes, thanks to the tail: the stored readings are never decoded
 * to add one.
 */
const FORMAT = 1;
const COLUMNS = 11;
const enum Column {
  Batch,
  Index,
  Time,
  CellCount,
  Cells,
  Current,
  TemperatureCount,
  Temperatures,
  Soc,
  GpsFlag,
  Gps
}

/** The previous reading's values, from which the next reading's deltas are taken. */
interface Tail {
  batch: number;
  timeMs: number;
  cells: number[];
  current: number;
  temperatures: number[];
  soc: number;
  gps: GpsFix | undefined;
}

function emptyTail(windowStartMs: number): Tail {
  return { batch: 0, timeMs: windowStartMs, cells: [], current: 0, temperatures: [], soc: 0, gps: undefined };
}

/** An open chunk: its stored columns plus readings appended since it was opened. */
export class ChunkBuilder {
  private readonly added = Array.from({ length: COLUMNS }, () => new ByteWriter(32));

  private constructor(
    private readonly windowStartMs: number,
    private readonly stored: Uint8Array[],
    private storedCount: number,
    private tail: Tail
  ) {}

  /** Opens the chunk stored as `bytes` (undefined: a new, empty chunk) of the window starting at `windowStartMs`. */
  static open(bytes: Uint8Array | undefined, windowStartMs: number): ChunkBuilder {
    if (bytes === undefined) {
      return new ChunkBuilder(windowStartMs, [], 0, emptyTail(windowStartMs));
    }
    const { count, columns, tail } = parse(bytes, windowStartMs);
    return new ChunkBuilder(windowStartMs, columns, count, tail);
  }

  /** Readings in the chunk. */
  get count(): number {
    return this.storedCount;
  }

  /** Bytes the chunk takes once encoded (header estimated). */
  get byteSize(): number {
    let size = 40 + 4 * this.tail.cells.length + 3 * this.tail.temperatures.length;
    for (let column = 0; column < COLUMNS; column++) {
      size += (this.stored[column]?.length ?? 0) + this.added[column].size;
    }
    return size;
  }

  /** Appends one reading; returns its position in the chunk. */
  append(reading: Reading): number {
    const columns = this.added;
    const tail = this.tail;
    columns[Column.Batch].signed(reading.batch - tail.batch);
    columns[Column.Index].unsigned(reading.index);
    columns[Column.Time].signed(reading.timestampMs - tail.timeMs);
    columns[Column.CellCount].byte(reading.cellsMv.length);
    writeSeries(columns[Column.Cells], reading.cellsMv, tail.cells);
    columns[Column.Current].signed(reading.currentCa - tail.current);
    columns[Column.TemperatureCount].byte(reading.temperaturesDc.length);
    writeSeries(columns[Column.Temperatures], reading.temperaturesDc, tail.temperatures);
    columns[Column.Soc].signed(reading.socPermille - tail.soc);
    columns[Column.GpsFlag].byte(reading.gps === undefined ? 0 : 1);
    if (reading.gps !== undefined) {
      columns[Column.Gps].signed(reading.gps.latE7 - (tail.gps?.latE7 ?? 0));
      columns[Column.Gps].signed(reading.gps.lonE7 - (tail.gps?.lonE7 ?? 0));
    }
    this.tail = tailOf(reading, tail.gps);
    return this.storedCount++;
  }

  /** The packed chunk with every appended reading. */
  encode(): Uint8Array {
    const out = new ByteWriter(this.byteSize + 16);
    out.byte(FORMAT);
    out.unsigned(this.storedCount);
    const columns = this.added.map((added, column) => concat(this.stored[column], added.view()));
    columns.forEach((column) => out.unsigned(column.length));
    writeTail(out, this.tail, this.windowStartMs);
    columns.forEach((column) => out.bytes(column));
    return out.view().slice();
  }
}

/** Every reading of a packed chunk, in the order they were appended. */
export function decodeChunk(bytes: Uint8Array, windowStartMs: number): Reading[] {
  const { count, columns } = parse(bytes, windowStartMs);
  const read = columns.map((column) => new ByteReader(column));
  const readings: Reading[] = [];
  let tail = emptyTail(windowStartMs);
  for (let i = 0; i < count; i++) {
    const batch = tail.batch + read[Column.Batch].signed();
    const index = read[Column.Index].unsigned();
    const timestampMs = tail.timeMs + read[Column.Time].signed();
    const cellsMv = readSeries(read[Column.Cells], read[Column.CellCount].byte(), tail.cells);
    const currentCa = tail.current + read[Column.Current].signed();
    const temperaturesDc = readSeries(read[Column.Temperatures], read[Column.TemperatureCount].byte(), tail.temperatures);
    const socPermille = tail.soc + read[Column.Soc].signed();
    const gps =
      read[Column.GpsFlag].byte() === 0
        ? undefined
        : {
            latE7: (tail.gps?.latE7 ?? 0) + read[Column.Gps].signed(),
            lonE7: (tail.gps?.lonE7 ?? 0) + read[Column.Gps].signed()
          };
    const reading: Reading = { batch, index, timestampMs, cellsMv, currentCa, temperaturesDc, socPermille, gps };
    readings.push(reading);
    tail = tailOf(reading, tail.gps);
  }
  return readings;
}

/** A reading becomes the base of the next one; a reading without GPS keeps the last known fix as the base. */
function tailOf(reading: Reading, previousGps: GpsFix | undefined): Tail {
  return {
    batch: reading.batch,
    timeMs: reading.timestampMs,
    cells: reading.cellsMv,
    current: reading.currentCa,
    temperatures: reading.temperaturesDc,
    soc: reading.socPermille,
    gps: reading.gps ?? previousGps
  };
}

/** A value of a series is a delta from the same position in the previous reading (or its last, or zero). */
function baseAt(previous: number[], position: number): number {
  return previous[position] ?? previous[previous.length - 1] ?? 0;
}

function writeSeries(out: ByteWriter, values: number[], previous: number[]): void {
  values.forEach((value, position) => out.signed(value - baseAt(previous, position)));
}

function readSeries(input: ByteReader, count: number, previous: number[]): number[] {
  const values: number[] = [];
  for (let position = 0; position < count; position++) {
    values.push(baseAt(previous, position) + input.signed());
  }
  return values;
}

function writeTail(out: ByteWriter, tail: Tail, windowStartMs: number): void {
  out.unsigned(tail.batch);
  out.signed(tail.timeMs - windowStartMs);
  out.byte(tail.cells.length);
  tail.cells.forEach((value) => out.signed(value));
  out.signed(tail.current);
  out.byte(tail.temperatures.length);
  tail.temperatures.forEach((value) => out.signed(value));
  out.signed(tail.soc);
  out.byte(tail.gps === undefined ? 0 : 1);
  if (tail.gps !== undefined) {
    out.signed(tail.gps.latE7);
    out.signed(tail.gps.lonE7);
  }
}

function readTail(input: ByteReader, windowStartMs: number): Tail {
  const batch = input.unsigned();
  const timeMs = windowStartMs + input.signed();
  const cells = readSeries(input, input.byte(), []);
  const current = input.signed();
  const temperatures = readSeries(input, input.byte(), []);
  const soc = input.signed();
  const gps = input.byte() === 0 ? undefined : { latE7: input.signed(), lonE7: input.signed() };
  return { batch, timeMs, cells, current, temperatures, soc, gps };
}

function parse(bytes: Uint8Array, windowStartMs: number): { count: number; columns: Uint8Array[]; tail: Tail } {
  const input = new ByteReader(bytes);
  const format = input.byte();
  if (format !== FORMAT) {
    throw new Error(`unknown chunk format ${format}`);
  }
  const count = input.unsigned();
  const lengths = Array.from({ length: COLUMNS }, () => input.unsigned());
  const tail = readTail(input, windowStartMs);
  const columns = lengths.map((length) => input.bytes(length));
  return { count, columns, tail };
}

function concat(head: Uint8Array | undefined, rest: Uint8Array): Uint8Array {
  if (head === undefined || head.length === 0) {
    return rest;
  }
  const out = new Uint8Array(head.length + rest.length);
  out.set(head);
  out.set(rest, head.length);
  return out;
}
