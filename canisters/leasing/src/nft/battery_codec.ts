import { Codec, concatBytes, decodeLeb128, encodeLeb128 } from '@chargex/common';

import { Battery, Chemistry, CHEMISTRIES, chemistryName } from './battery';

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();
/** Layout version, first byte of every stored battery: bump it (and read both) to change the layout. */
const LAYOUT = 1;

/**
 * A battery as stored: a layout byte, then each field in a fixed order, texts length-prefixed and numbers as
 * LEB128. Candid would repeat its type table (some 110 bytes for this record) in every entry, which made it the
 * largest part of a token's description.
 */
export const batteryCodec: Codec<Battery> = {
  toBytes(battery) {
    return concatBytes([
      Uint8Array.of(LAYOUT, CHEMISTRIES.indexOf(chemistryName(battery.chemistry) as (typeof CHEMISTRIES)[number])),
      ...[battery.serial, battery.manufacturer, battery.model, battery.manufactured_on, battery.monitor_device_id].map(textBytes),
      ...[battery.nominal_voltage_mv, battery.capacity_wh, battery.cycle_count, battery.state_of_health_bp].map((n) => encodeLeb128(BigInt(n))),
      encodeLeb128(battery.registered_at),
      encodeLeb128(battery.updated_at)
    ]);
  },
  fromBytes(bytes) {
    if (bytes[0] !== LAYOUT) {
      throw new Error(`stored battery has layout ${String(bytes[0])}, this code reads ${LAYOUT}`);
    }
    const reader = new Reader(bytes, 2);
    const chemistry = { [CHEMISTRIES[bytes[1] as number] as string]: null } as Chemistry;
    const [serial, manufacturer, model, manufactured_on, monitor_device_id] = [1, 2, 3, 4, 5].map(() => reader.text());
    const [nominal_voltage_mv, capacity_wh, cycle_count, state_of_health_bp] = [1, 2, 3, 4].map(() => Number(reader.nat()));
    return {
      serial: serial as string,
      manufacturer: manufacturer as string,
      model: model as string,
      chemistry,
      nominal_voltage_mv: nominal_voltage_mv as number,
      capacity_wh: capacity_wh as number,
      manufactured_on: manufactured_on as string,
      monitor_device_id: monitor_device_id as string,
      cycle_count: cycle_count as number,
      state_of_health_bp: state_of_health_bp as number,
      registered_at: reader.nat(),
      updated_at: reader.nat()
    };
  }
};

function textBytes(value: string): Uint8Array {
  const bytes = textEncoder.encode(value);
  return concatBytes([encodeLeb128(BigInt(bytes.length)), bytes]);
}

class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    private offset: number
  ) {}

  nat(): bigint {
    const [value, next] = decodeLeb128(this.bytes, this.offset);
    this.offset = next;
    return value;
  }

  text(): string {
    const length = Number(this.nat());
    const value = textDecoder.decode(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return value;
  }
}
