#include "app/system_clock.h"

#include <chrono>

namespace dondoc::app {

Instant SystemClock::now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

ShiftedClock::ShiftedClock(Instant start) : offset_(start - SystemClock().now()) {}

Instant ShiftedClock::now() const { return SystemClock().now() + offset_; }

}  // namespace dondoc::app
