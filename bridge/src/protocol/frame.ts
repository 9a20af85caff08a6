import type { Batch } from './batch.js';
import { BatchDecodeError, decodeBatch, encodeBatch } from './canonical.js';
import { SIGNATURE_BYTES, signBatch, type DeviceSecretKey } from './signature.js';

/**
 * What a device sends, over HTTPS (the request body) and MQTT (the payload) alike: the canonical batch
 * immediately followed by its 64-byte signature. Nothing may follow.
 */
export interface SignedFrame {
  batch: Batch;
  batchBytes: Uint8Array;
  signature: Uint8Array;
}

/** Splits and decodes a frame; throws BatchDecodeError for anything that is not exactly batch + signature. */
export function decodeFrame(frame: Uint8Array): SignedFrame {
  const { batch, length } = decodeBatch(frame);
  const rest = frame.length - length;
  if (rest !== SIGNATURE_BYTES) {
    throw new BatchDecodeError('signature', `expected ${SIGNATURE_BYTES} signature bytes after the batch, found ${rest}`);
  }
  return { batch, batchBytes: frame.subarray(0, length), signature: frame.subarray(length) };
}

/** Concatenates a canonical batch and its signature. */
export function frameOf(batchBytes: Uint8Array, signature: Uint8Array): Uint8Array {
  const frame = new Uint8Array(batchBytes.length + signature.length);
  frame.set(batchBytes);
  frame.set(signature, batchBytes.length);
  return frame;
}

/** Encodes, signs and frames a batch, as a device does. */
export function signFrame(key: DeviceSecretKey, batch: Batch): Uint8Array {
  const bytes = encodeBatch(batch);
  return frameOf(bytes, signBatch(key, bytes));
}
