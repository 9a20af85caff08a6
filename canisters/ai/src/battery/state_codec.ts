import { Codec } from '@chargex/common';

import { BatteryState, fieldDefault, STATE_FIELDS } from './battery_state';

const FORMAT = 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The battery state packed by hand: a format byte, the device id (length byte and UTF-8), the number of fields,
 * then each field as a float64. Rewritten on every hand-off, so it avoids candid's per-field cost; a state
 * stored with fewer fields (before fields were appended) decodes with the defaults for the rest.
 */
export const batteryStateCodec: Codec<BatteryState> = {
  toBytes(state) {
    const id = encoder.encode(state.deviceId);
    if (id.length > 255) {
      throw new Error(`device id of ${id.length} bytes is longer than a battery state can hold`);
    }
    const head = 2 + id.length + 2;
    const bytes = new Uint8Array(head + STATE_FIELDS.length * 8);
    const view = new DataView(bytes.buffer);
    bytes[0] = FORMAT;
    bytes[1] = id.length;
    bytes.set(id, 2);
    view.setUint16(2 + id.length, STATE_FIELDS.length);
    STATE_FIELDS.forEach((field, i) => view.setFloat64(head + i * 8, state[field]));
    return bytes;
  },
  fromBytes(bytes) {
    if (bytes[0] !== FORMAT) {
      throw new Error(`battery state in unknown format ${bytes[0]}`);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const idLength = bytes[1];
    const state = { deviceId: decoder.decode(bytes.subarray(2, 2 + idLength)) } as BatteryState;
    const stored = view.getUint16(2 + idLength);
    const head = 2 + idLength + 2;
    STATE_FIELDS.forEach((field, i) => {
      state[field] = i < stored ? view.getFloat64(head + i * 8) : fieldDefault(field);
    });
    return state;
  }
};
