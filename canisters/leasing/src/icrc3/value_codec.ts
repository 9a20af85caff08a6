import { Codec, concatBytes, decodeLeb128, decodeSleb128, encodeLeb128, encodeSleb128, Value } from '@chargex/common';

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

const TAG = { blob: 0, text: 1, nat: 2, int: 3, array: 4, map: 5 } as const;

/**
 * Stores a Value as a tag byte per node and LEB128 lengths and numbers. Blocks are stored this way rather than as
 * candid because candid repeats the recursive type table (tens of bytes) in every stored block.
 */
export const valueCodec: Codec<Value> = {
  toBytes(value) {
    const parts: Uint8Array[] = [];
    write(value, parts);
    return concatBytes(parts);
  },
  fromBytes(bytes) {
    const [value, end] = read(bytes, 0);
    if (end !== bytes.length) {
      throw new Error(`stored value has ${bytes.length - end} trailing bytes`);
    }
    return value;
  }
};

function write(value: Value, parts: Uint8Array[]): void {
  if ('Blob' in value) {
    parts.push(Uint8Array.of(TAG.blob), encodeLeb128(BigInt(value.Blob.length)), value.Blob);
  } else if ('Text' in value) {
    const bytes = textEncoder.encode(value.Text);
    parts.push(Uint8Array.of(TAG.text), encodeLeb128(BigInt(bytes.length)), bytes);
  } else if ('Nat' in value) {
    parts.push(Uint8Array.of(TAG.nat), encodeLeb128(value.Nat));
  } else if ('Int' in value) {
    parts.push(Uint8Array.of(TAG.int), encodeSleb128(value.Int));
  } else if ('Array' in value) {
    parts.push(Uint8Array.of(TAG.array), encodeLeb128(BigInt(value.Array.length)));
    value.Array.forEach((item) => write(item, parts));
  } else {
    parts.push(Uint8Array.of(TAG.map), encodeLeb128(BigInt(value.Map.length)));
    for (const [key, item] of value.Map) {
      const keyBytes = textEncoder.encode(key);
      parts.push(encodeLeb128(BigInt(keyBytes.length)), keyBytes);
      write(item, parts);
    }
  }
}

function read(bytes: Uint8Array, offset: number): [Value, number] {
  const tag = bytes[offset];
  const start = offset + 1;
  switch (tag) {
    case TAG.blob: {
      const [raw, end] = readBytes(bytes, start);
      return [{ Blob: raw.slice() }, end];
    }
    case TAG.text: {
      const [raw, end] = readBytes(bytes, start);
      return [{ Text: textDecoder.decode(raw) }, end];
    }
    case TAG.nat: {
      const [value, end] = decodeLeb128(bytes, start);
      return [{ Nat: value }, end];
    }
    case TAG.int: {
      const [value, end] = decodeSleb128(bytes, start);
      return [{ Int: value }, end];
    }
    case TAG.array: {
      const [count, first] = decodeLeb128(bytes, start);
      const items: Value[] = [];
      let next = first;
      for (let i = 0n; i < count; i++) {
        const [item, end] = read(bytes, next);
        items.push(item);
        next = end;
      }
      return [{ Array: items }, next];
    }
    case TAG.map: {
      const [count, first] = decodeLeb128(bytes, start);
      const entries: Array<[string, Value]> = [];
      let next = first;
      for (let i = 0n; i < count; i++) {
        const [key, afterKey] = readBytes(bytes, next);
        const [item, end] = read(bytes, afterKey);
        entries.push([textDecoder.decode(key), item]);
        next = end;
      }
      return [{ Map: entries }, next];
    }
    default:
      throw new Error(`stored value has unknown tag ${String(tag)} at offset ${offset}`);
  }
}

function readBytes(bytes: Uint8Array, offset: number): [Uint8Array, number] {
  const [length, start] = decodeLeb128(bytes, offset);
  const end = start + Number(length);
  if (end > bytes.length) {
    throw new Error(`stored value truncated at offset ${offset}`);
  }
  return [bytes.subarray(start, end), end];
}
