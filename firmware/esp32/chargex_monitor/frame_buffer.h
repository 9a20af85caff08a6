// The monitor's offline buffer: signed frames waiting for the bridge's acknowledgement, oldest first. A frame
// leaves only when the bridge answered it; while the bridge is unreachable frames pile up here, and when the
// buffer is full the oldest is dropped (counted), because the newest readings matter most to alarms.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

template <size_t SLOTS, size_t FRAME_BYTES>
class FrameBuffer {
 public:
  bool empty() const { return count_ == 0; }
  size_t size() const { return count_; }
  uint32_t dropped() const { return dropped_; }

  // Copies a frame in; drops the oldest if every slot is taken. False if the frame is too large for a slot.
  bool push(const uint8_t* frame, size_t length) {
    if (length > FRAME_BYTES) return false;
    if (count_ == SLOTS) {
      pop();
      dropped_++;
    }
    size_t slot = (head_ + count_) % SLOTS;
    memcpy(frames_[slot], frame, length);
    lengths_[slot] = length;
    count_++;
    return true;
  }

  const uint8_t* oldest(size_t* length) const {
    *length = lengths_[head_];
    return frames_[head_];
  }

  void pop() {
    if (count_ == 0) return;
    head_ = (head_ + 1) % SLOTS;
    count_--;
  }

 private:
  uint8_t frames_[SLOTS][FRAME_BYTES];
  size_t lengths_[SLOTS] = {};
  size_t head_ = 0;
  size_t count_ = 0;
  uint32_t dropped_ = 0;
};
