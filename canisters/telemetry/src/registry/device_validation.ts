import { CommonError, err, invalidArgument, ok, Result } from '@chargex/common';
import { Principal } from 'azle';

import { DeviceKey, DeviceRegistration, DeviceUpdate } from '../api/device';

const DEVICE_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const FIRMWARE_VERSION = /^[A-Za-z0-9._+-]{1,32}$/;
/** Reporting faster than once a second would outrun the chunk layout's sizing (see storage/chunk_store.ts). */
const MIN_INTERVAL_S = 1;
const MAX_INTERVAL_S = 86_400;
/** Token ids beyond 128 bits are refused so that keys and records stay small; ICRC-7 ids here are sequential. */
const MAX_TOKEN_ID = (1n << 128n) - 1n;

/** Checks a device id: 1 to 64 characters of A-Z a-z 0-9 . _ : - */
export function deviceIdProblem(deviceId: string): CommonError | undefined {
  return DEVICE_ID.test(deviceId) ? undefined : invalidArgument('device_id', 'must be 1 to 64 characters of A-Z a-z 0-9 . _ : -');
}

/**
 * Checks a public key's encoding: 32 bytes for Ed25519; for secp256k1 a SEC1 point, 33 bytes starting 02/03 or
 * 65 bytes starting 04. Whether the point is on the curve is the bridge's check when it verifies signatures:
 * decompressing a point costs a square root, too dear to spend per registration here.
 */
function keyProblem(key: DeviceKey): CommonError | undefined {
  const bytes = key.public_key;
  if ('Ed25519' in key.algorithm) {
    return bytes.length === 32 ? undefined : invalidArgument('key.public_key', 'an Ed25519 key is 32 bytes');
  }
  const compressed = bytes.length === 33 && (bytes[0] === 2 || bytes[0] === 3);
  const uncompressed = bytes.length === 65 && bytes[0] === 4;
  return compressed || uncompressed
    ? undefined
    : invalidArgument('key.public_key', 'a secp256k1 key is 33 bytes starting 02 or 03, or 65 bytes starting 04');
}

function tokenProblem(tokenId: bigint): CommonError | undefined {
  return tokenId <= MAX_TOKEN_ID ? undefined : invalidArgument('battery_token_id', 'must be below 2^128');
}

function ownerProblem(owner: Principal): CommonError | undefined {
  return owner.isAnonymous() ? invalidArgument('owner', 'the anonymous principal cannot own a device') : undefined;
}

function firmwareProblem(version: string): CommonError | undefined {
  return FIRMWARE_VERSION.test(version) ? undefined : invalidArgument('firmware_version', 'must be 1 to 32 characters of A-Z a-z 0-9 . _ + -');
}

function intervalProblem(seconds: number): CommonError | undefined {
  return seconds >= MIN_INTERVAL_S && seconds <= MAX_INTERVAL_S
    ? undefined
    : invalidArgument('reporting_interval_s', `must be from ${MIN_INTERVAL_S} to ${MAX_INTERVAL_S} seconds`);
}

/** Checks every field of a registration; the first problem found is returned. */
export function validateRegistration(input: DeviceRegistration): Result<DeviceRegistration, CommonError> {
  const problem =
    deviceIdProblem(input.device_id) ??
    keyProblem(input.key) ??
    tokenProblem(input.battery_token_id) ??
    ownerProblem(input.owner) ??
    firmwareProblem(input.firmware_version) ??
    intervalProblem(input.reporting_interval_s);
  return problem === undefined ? ok(input) : err(problem);
}

/** Checks the fields an update sets. */
export function validateUpdate(input: DeviceUpdate): Result<DeviceUpdate, CommonError> {
  const problem =
    (input.key[0] && keyProblem(input.key[0])) ||
    (input.battery_token_id[0] !== undefined && tokenProblem(input.battery_token_id[0])) ||
    (input.owner[0] && ownerProblem(input.owner[0])) ||
    (input.firmware_version[0] !== undefined && firmwareProblem(input.firmware_version[0])) ||
    (input.reporting_interval_s[0] !== undefined && intervalProblem(input.reporting_interval_s[0])) ||
    undefined;
  return problem === undefined ? ok(input) : err(problem);
}
