#include "app/system_clock.h"

#include <chrono>
#include <cmath>

namespace dondoc::app {

Instant SystemClock::now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

namespace {
long long unix_now_s() {
  return std::chrono::floor<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

ShiftedClock::ShiftedClock(Instant start, int rate, std::optional<long long> anchor_unix_s)
    : start_(start), rate_(rate), anchor_unix_s_(anchor_unix_s ? *anchor_unix_s : unix_now_s()) {}

Instant ShiftedClock::now() const {
  auto anchor = std::chrono::system_clock::time_point(std::chrono::seconds(anchor_unix_s_));
  double real = std::chrono::duration<double>(std::chrono::system_clock::now() - anchor).count();
  return start_ + std::chrono::seconds(static_cast<long long>(std::floor(real * rate_)));
}

}  // namespace dondoc::app
