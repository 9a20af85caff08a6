import { StableBTreeMap } from 'azle';

import { Codec } from './codec';

/**
 * Memory ids used by @chargex/common. Canisters allocate their own maps from 0 upwards; common takes the top of
 * the range (253 is the last id Azle allows) so the two never collide.
 */
export const COMMON_MEMORY = {
  meta: 253,
  roleSets: 252
} as const;

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/** Plain UTF-8 text: for maps keyed by one text whose order does not matter. */
export const utf8Codec: Codec<string> = {
  toBytes: (value) => textEncoder.encode(value),
  fromBytes: (bytes) => textDecoder.decode(bytes)
};

/** Bytes stored as they are. */
export const rawCodec: Codec<Uint8Array> = {
  toBytes: (value) => value,
  fromBytes: (bytes) => bytes
};

let metaMap: StableBTreeMap<string, Uint8Array> | undefined;

/** The map holding every StableCell of this canister, opened once per module instance. */
export function metaStore(): StableBTreeMap<string, Uint8Array> {
  metaMap ??= new StableBTreeMap<string, Uint8Array>(COMMON_MEMORY.meta, utf8Codec, rawCodec);
  return metaMap;
}
