/** The device protocol: batches, their canonical encoding, signatures and frames, shared by bridge and simulator. */
export * from './batch.js';
export * from './canonical.js';
export * from './signature.js';
export * from './frame.js';
