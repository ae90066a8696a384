// The one place that reads the system clock: the Clock the app passes to the service layer and
// the engine (tests pass a fake one). Any thread.
#pragma once

#include <chrono>
#include <optional>

#include "engine/ports.h"

namespace dondoc::app {

class SystemClock : public Clock {
 public:
  Instant now() const override;
};

// The system clock moved to read `start` at the real moment `anchor` (default: now) and run on
// from there `rate` times faster: `serve --now ISO [--clock-rate R] [--clock-anchor UNIX]`, to run
// the service in another moment (a rehearsal of a plan's dates, the end-to-end and fault tests;
// processes given the same three values share one timeline).
class ShiftedClock : public Clock {
 public:
  // `anchor_unix_s`: the real moment, in seconds since 1970, that reads `start`.
  explicit ShiftedClock(Instant start, int rate = 1, std::optional<long long> anchor_unix_s = {});
  Instant now() const override;

 private:
  Instant start_;
  int rate_;
  long long anchor_unix_s_;
};

}  // namespace dondoc::app
