#include "app/system_clock.h"

#include <chrono>
#include <cmath>

namespace dondoc::app {

Instant SystemClock::now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

ShiftedClock::ShiftedClock(Instant start, int rate,
                           std::optional<std::chrono::system_clock::time_point> anchor)
    : start_(start),
      rate_(rate),
      anchor_(anchor ? *anchor
                     : std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())) {
}

Instant ShiftedClock::now() const {
  double real = std::chrono::duration<double>(std::chrono::system_clock::now() - anchor_).count();
  return start_ + std::chrono::seconds(static_cast<long long>(std::floor(real * rate_)));
}

}  // namespace dondoc::app
