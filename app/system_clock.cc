#include "app/system_clock.h"

#include <chrono>

namespace dondoc::app {

Instant SystemClock::now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace dondoc::app
