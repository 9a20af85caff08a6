// ChargeX telemetry: the canonical batch encoding (version 1) and the signing message, for the ESP32 monitor.
// It must produce exactly the bytes of bridge/src/protocol/canonical.ts; the host test
// (test/bridge/firmware-encoder.test.ts) compiles this header with g++ and checks it against
// firmware/test-vectors/*.json. Plain C++11 with no Arduino dependency, so the same file builds on both.
//
//   "CX" u8 version=1 | u8 idLength, id (ASCII) | u64 sequence | u64 sentAtMs | u16 readingCount
//   per reading: u64 timestampMs | u8 cellCount, u16 mV[] | i32 cA | u8 tempCount, i16 dC[] | u16 socPermille
//                | u8 hasGps (0 or 1) [, i32 latE7, i32 lonE7]
// All integers little-endian. A device signs SIGNING_DOMAIN followed by these bytes and sends the bytes followed
// by the 64-byte signature.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

namespace chargex {

const uint8_t ENCODING_VERSION = 1;
const size_t MAX_DEVICE_ID = 64;
const size_t MAX_READINGS = 64;
const size_t MAX_CELLS = 32;
const size_t MAX_TEMPERATURES = 16;
const size_t SIGNATURE_BYTES = 64;

// The prefix of every signed message (no terminating zero is signed).
const char SIGNING_DOMAIN[] = "chargex/telemetry-batch/v1";
const size_t SIGNING_DOMAIN_BYTES = sizeof(SIGNING_DOMAIN) - 1;

struct GpsFix {
  int32_t lat_e7;
  int32_t lon_e7;
};

struct Reading {
  uint64_t timestamp_ms;
  uint8_t cell_count;
  uint16_t cells_mv[MAX_CELLS];
  int32_t current_ca;  // positive while charging
  uint8_t temperature_count;
  int16_t temperatures_dc[MAX_TEMPERATURES];
  uint16_t soc_permille;
  bool has_gps;
  GpsFix gps;
};

struct Batch {
  const char* device_id;
  uint64_t sequence;
  uint64_t sent_at_ms;
  uint16_t reading_count;
  const Reading* readings;
};

// Bytes the encoding of `batch` takes.
inline size_t encoded_size(const Batch& batch) {
  size_t size = 3 + 1 + strlen(batch.device_id) + 8 + 8 + 2;
  for (uint16_t i = 0; i < batch.reading_count; i++) {
    const Reading& r = batch.readings[i];
    size += 8 + 1 + 2 * r.cell_count + 4 + 1 + 2 * r.temperature_count + 2 + 1 + (r.has_gps ? 8 : 0);
  }
  return size;
}

namespace detail {

// Writes `bytes` bytes of `value`, least significant first, whatever the CPU's byte order.
inline uint8_t* put_le(uint8_t* out, uint64_t value, size_t bytes) {
  for (size_t i = 0; i < bytes; i++) {
    out[i] = static_cast<uint8_t>(value >> (8 * i));
  }
  return out + bytes;
}

// Signed values go out as their two's complement bit pattern.
inline uint8_t* put_i32(uint8_t* out, int32_t value) { return put_le(out, static_cast<uint32_t>(value), 4); }
inline uint8_t* put_i16(uint8_t* out, int16_t value) { return put_le(out, static_cast<uint16_t>(value), 2); }

inline bool valid_id_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == ':' || c == '-';
}

inline bool valid(const Batch& batch) {
  size_t id_length = strlen(batch.device_id);
  if (id_length < 1 || id_length > MAX_DEVICE_ID) return false;
  for (size_t i = 0; i < id_length; i++) {
    if (!valid_id_char(batch.device_id[i])) return false;
  }
  if (batch.reading_count < 1 || batch.reading_count > MAX_READINGS) return false;
  for (uint16_t i = 0; i < batch.reading_count; i++) {
    const Reading& r = batch.readings[i];
    if (r.cell_count < 1 || r.cell_count > MAX_CELLS) return false;
    if (r.temperature_count < 1 || r.temperature_count > MAX_TEMPERATURES) return false;
  }
  return true;
}

}  // namespace detail

// Encodes `batch` into `out`; returns the bytes written, or 0 if the batch breaks a limit of the encoding or
// does not fit in `capacity` (nothing partial is ever sent).
inline size_t encode_batch(const Batch& batch, uint8_t* out, size_t capacity) {
  if (!detail::valid(batch) || encoded_size(batch) > capacity) return 0;
  uint8_t* p = out;
  *p++ = 'C';
  *p++ = 'X';
  *p++ = ENCODING_VERSION;
  size_t id_length = strlen(batch.device_id);
  *p++ = static_cast<uint8_t>(id_length);
  memcpy(p, batch.device_id, id_length);
  p += id_length;
  p = detail::put_le(p, batch.sequence, 8);
  p = detail::put_le(p, batch.sent_at_ms, 8);
  p = detail::put_le(p, batch.reading_count, 2);
  for (uint16_t i = 0; i < batch.reading_count; i++) {
    const Reading& r = batch.readings[i];
    p = detail::put_le(p, r.timestamp_ms, 8);
    *p++ = r.cell_count;
    for (uint8_t c = 0; c < r.cell_count; c++) p = detail::put_le(p, r.cells_mv[c], 2);
    p = detail::put_i32(p, r.current_ca);
    *p++ = r.temperature_count;
    for (uint8_t t = 0; t < r.temperature_count; t++) p = detail::put_i16(p, r.temperatures_dc[t]);
    p = detail::put_le(p, r.soc_permille, 2);
    *p++ = r.has_gps ? 1 : 0;
    if (r.has_gps) {
      p = detail::put_i32(p, r.gps.lat_e7);
      p = detail::put_i32(p, r.gps.lon_e7);
    }
  }
  return static_cast<size_t>(p - out);
}

// Writes SIGNING_DOMAIN followed by the canonical encoding of `batch` into `out`: the message to sign. Returns
// its length, and through `encoded_offset` where the canonical bytes start (the frame is those bytes plus the
// signature). 0 when the batch is invalid or does not fit.
inline size_t signing_message(const Batch& batch, uint8_t* out, size_t capacity, size_t* encoded_offset) {
  if (capacity < SIGNING_DOMAIN_BYTES) return 0;
  memcpy(out, SIGNING_DOMAIN, SIGNING_DOMAIN_BYTES);
  size_t encoded = encode_batch(batch, out + SIGNING_DOMAIN_BYTES, capacity - SIGNING_DOMAIN_BYTES);
  if (encoded == 0) return 0;
  *encoded_offset = SIGNING_DOMAIN_BYTES;
  return SIGNING_DOMAIN_BYTES + encoded;
}

}  // namespace chargex
