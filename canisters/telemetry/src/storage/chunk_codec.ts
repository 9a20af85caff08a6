import { GpsFix, Reading } from './reading';
import { ByteReader, ByteWriter } from './varint';

/**
 * The packed form of a chunk: the readings of one battery in one time window, stored column by column.
 *
 *   byte    format (1)
 *   varint  reading count
 *   varint  byte length of each of the 10 columns
 *   tail    the last reading's values (what the next appended reading is a delta of)
 *   bytes   the columns, one after another
 *
 * Values are zigzag varint deltas from the same value in the previous reading (a cell from the same cell), so a
 * steady pack costs about a byte per value; timestamps are deltas of the previous delta (zero at a steady
 * interval). One shape byte per reading says what is unusual about it (see SHAPE); when every cell moved by
 * less than 8 mV its deltas are packed two to a byte. Appending encodes only the new readings and concatenates
 * column bytes, thanks to the tail: the stored readings are never decoded to add one.
 */
const FORMAT = 1;
const COLUMNS = 10;
const enum Column {
  Shape,
  Counts,
  Batch,
  Index,
  Time,
  Cells,
  Current,
  Temperatures,
  Soc,
  Gps
}

/** Bits of a reading's shape byte. */
const enum Shape {
  HasGps = 1,
  CellsInNibbles = 2,
  /** The cell count differs from the previous reading's: the new count follows in the Counts column. */
  NewCellCount = 4,
  NewTemperatureCount = 8,
  /** Same batch as the previous reading, next index: nothing in the Batch and Index columns. */
  ContinuesBatch = 16
}

/** The previous reading's values, from which the next reading's deltas are taken. */
interface Tail {
  batch: number;
  index: number;
  timeMs: number;
  timeStepMs: number;
  cells: number[];
  current: number;
  temperatures: number[];
  soc: number;
  gps: GpsFix | undefined;
}

function emptyTail(windowStartMs: number): Tail {
  return { batch: 0, index: -1, timeMs: windowStartMs, timeStepMs: 0, cells: [], current: 0, temperatures: [], soc: 0, gps: undefined };
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

  /** Bytes the chunk takes once encoded (header estimated). */
  get byteSize(): number {
    let size = 48 + 3 * this.tail.cells.length + 3 * this.tail.temperatures.length;
    for (let column = 0; column < COLUMNS; column++) {
      size += (this.stored[column]?.length ?? 0) + this.added[column].size;
    }
    return size;
  }

  /** Appends one reading; returns its position in the chunk. */
  append(reading: Reading): number {
    const out = this.added;
    const tail = this.tail;
    const cellDeltas = reading.cellsMv.map((mv, position) => mv - baseAt(tail.cells, position));
    const timeStepMs = reading.timestampMs - tail.timeMs;
    const shape = shapeOf(reading, tail, cellDeltas);
    out[Column.Shape].byte(shape);
    if (shape & Shape.NewCellCount) {
      out[Column.Counts].byte(reading.cellsMv.length);
    }
    if (shape & Shape.NewTemperatureCount) {
      out[Column.Counts].byte(reading.temperaturesDc.length);
    }
    if (!(shape & Shape.ContinuesBatch)) {
      out[Column.Batch].signed(reading.batch - tail.batch);
      out[Column.Index].unsigned(reading.index);
    }
    out[Column.Time].signed(timeStepMs - tail.timeStepMs);
    if (shape & Shape.CellsInNibbles) {
      writeNibbles(out[Column.Cells], cellDeltas);
    } else {
      cellDeltas.forEach((delta) => out[Column.Cells].signed(delta));
    }
    out[Column.Current].signed(reading.currentCa - tail.current);
    reading.temperaturesDc.forEach((dc, position) => out[Column.Temperatures].signed(dc - baseAt(tail.temperatures, position)));
    out[Column.Soc].signed(reading.socPermille - tail.soc);
    if (reading.gps !== undefined) {
      out[Column.Gps].signed(reading.gps.latE7 - (tail.gps?.latE7 ?? 0));
      out[Column.Gps].signed(reading.gps.lonE7 - (tail.gps?.lonE7 ?? 0));
    }
    this.tail = tailOf(reading, tail);
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
  const input = columns.map((column) => new ByteReader(column));
  const readings: Reading[] = [];
  let tail = emptyTail(windowStartMs);
  for (let i = 0; i < count; i++) {
    const shape = input[Column.Shape].byte();
    const cellCount = shape & Shape.NewCellCount ? input[Column.Counts].byte() : tail.cells.length;
    const temperatureCount = shape & Shape.NewTemperatureCount ? input[Column.Counts].byte() : tail.temperatures.length;
    const continues = (shape & Shape.ContinuesBatch) !== 0;
    const batch = continues ? tail.batch : tail.batch + input[Column.Batch].signed();
    const index = continues ? tail.index + 1 : input[Column.Index].unsigned();
    const timestampMs = tail.timeMs + tail.timeStepMs + input[Column.Time].signed();
    const cellDeltas =
      shape & Shape.CellsInNibbles ? readNibbles(input[Column.Cells], cellCount) : readSigned(input[Column.Cells], cellCount);
    const cellsMv = cellDeltas.map((delta, position) => baseAt(tail.cells, position) + delta);
    const currentCa = tail.current + input[Column.Current].signed();
    const temperatureDeltas = readSigned(input[Column.Temperatures], temperatureCount);
    const temperaturesDc = temperatureDeltas.map((delta, position) => baseAt(tail.temperatures, position) + delta);
    const socPermille = tail.soc + input[Column.Soc].signed();
    const gps =
      shape & Shape.HasGps
        ? { latE7: (tail.gps?.latE7 ?? 0) + input[Column.Gps].signed(), lonE7: (tail.gps?.lonE7 ?? 0) + input[Column.Gps].signed() }
        : undefined;
    const reading: Reading = { batch, index, timestampMs, cellsMv, currentCa, temperaturesDc, socPermille, gps };
    readings.push(reading);
    tail = tailOf(reading, tail);
  }
  return readings;
}

/** The shape byte of a reading appended after `tail`. */
function shapeOf(reading: Reading, tail: Tail, cellDeltas: number[]): number {
  return (
    (reading.gps !== undefined ? Shape.HasGps : 0) |
    (cellDeltas.every((delta) => delta >= -8 && delta <= 7) ? Shape.CellsInNibbles : 0) |
    (reading.cellsMv.length !== tail.cells.length ? Shape.NewCellCount : 0) |
    (reading.temperaturesDc.length !== tail.temperatures.length ? Shape.NewTemperatureCount : 0) |
    (reading.batch === tail.batch && reading.index === tail.index + 1 ? Shape.ContinuesBatch : 0)
  );
}

/** A reading becomes the base of the next one; a reading without GPS keeps the last known fix as the base. */
function tailOf(reading: Reading, previous: Tail): Tail {
  return {
    batch: reading.batch,
    index: reading.index,
    timeMs: reading.timestampMs,
    timeStepMs: reading.timestampMs - previous.timeMs,
    cells: reading.cellsMv,
    current: reading.currentCa,
    temperatures: reading.temperaturesDc,
    soc: reading.socPermille,
    gps: reading.gps ?? previous.gps
  };
}

/** Deltas from -8 to 7, two to a byte (low nibble first). */
function writeNibbles(out: ByteWriter, deltas: number[]): void {
  for (let i = 0; i < deltas.length; i += 2) {
    const low = (deltas[i] as number) + 8;
    const high = i + 1 < deltas.length ? (deltas[i + 1] as number) + 8 : 0;
    out.byte(low + 16 * high);
  }
}

function readNibbles(input: ByteReader, count: number): number[] {
  const deltas: number[] = [];
  for (let i = 0; i < count; i += 2) {
    const byte = input.byte();
    deltas.push((byte % 16) - 8);
    if (i + 1 < count) {
      deltas.push(Math.floor(byte / 16) - 8);
    }
  }
  return deltas;
}

function readSigned(input: ByteReader, count: number): number[] {
  return Array.from({ length: count }, () => input.signed());
}

/** A value of a series is a delta from the same position in the previous reading (or its last, or zero). */
function baseAt(previous: number[], position: number): number {
  return previous[position] ?? previous[previous.length - 1] ?? 0;
}

function writeTail(out: ByteWriter, tail: Tail, windowStartMs: number): void {
  out.unsigned(tail.batch);
  out.signed(tail.index);
  out.signed(tail.timeMs - windowStartMs);
  out.signed(tail.timeStepMs);
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
  const index = input.signed();
  const timeMs = windowStartMs + input.signed();
  const timeStepMs = input.signed();
  const cells = readSigned(input, input.byte());
  const current = input.signed();
  const temperatures = readSigned(input, input.byte());
  const soc = input.signed();
  const gps = input.byte() === 0 ? undefined : { latE7: input.signed(), lonE7: input.signed() };
  return { batch, index, timeMs, timeStepMs, cells, current, temperatures, soc, gps };
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
