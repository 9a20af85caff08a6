// Host-side check of firmware/esp32/chargex_monitor/chargex_batch.h: encodes every test vector (compiled in from
// vectors.inc, which test/bridge/firmware-encoder.test.ts writes from firmware/test-vectors/*.json) and prints
// "<name> <canonical hex> <signing message hex> <offset>" per vector for the test to compare. It also checks the
// offline frame buffer (frame_buffer.h): oldest first, the oldest dropped when full.
#include <cstdio>
#include <vector>

#include "chargex_batch.h"
#include "frame_buffer.h"

struct Vector {
  const char* name;
  chargex::Batch batch;
};

#include "vectors.inc"

static void print_hex(const uint8_t* bytes, size_t length) {
  for (size_t i = 0; i < length; i++) std::printf("%02x", bytes[i]);
}

static bool frame_buffer_works() {
  FrameBuffer<2, 4> buffer;
  const uint8_t a[] = {1}, b[] = {2, 2}, c[] = {3, 3, 3}, too_long[] = {9, 9, 9, 9, 9};
  if (!buffer.push(a, 1) || !buffer.push(b, 2) || !buffer.push(c, 3) || buffer.push(too_long, 5)) return false;
  size_t length = 0;
  const uint8_t* oldest = buffer.oldest(&length);
  if (buffer.size() != 2 || buffer.dropped() != 1 || length != 2 || oldest[0] != 2) return false;
  buffer.pop();
  oldest = buffer.oldest(&length);
  buffer.pop();
  return length == 3 && oldest[2] == 3 && buffer.empty();
}

int main() {
  if (!frame_buffer_works()) {
    std::printf("FRAME-BUFFER-FAILED\n");
    return 1;
  }
  for (const Vector& vector : VECTORS) {
    std::vector<uint8_t> encoded(chargex::encoded_size(vector.batch));
    size_t length = chargex::encode_batch(vector.batch, encoded.data(), encoded.size());
    if (length != encoded.size()) {
      std::printf("%s ENCODE-FAILED\n", vector.name);
      return 1;
    }
    // One byte too few must be refused, not truncated.
    if (chargex::encode_batch(vector.batch, encoded.data(), encoded.size() - 1) != 0) {
      std::printf("%s TRUNCATED-ENCODING-ACCEPTED\n", vector.name);
      return 1;
    }
    std::vector<uint8_t> message(chargex::SIGNING_DOMAIN_BYTES + length);
    size_t offset = 0;
    size_t message_length = chargex::signing_message(vector.batch, message.data(), message.size(), &offset);
    std::printf("%s ", vector.name);
    print_hex(encoded.data(), length);
    std::printf(" ");
    print_hex(message.data(), message_length);
    std::printf(" %zu\n", offset);
  }
  return 0;
}
