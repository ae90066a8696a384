// The one place that reads the system clock: the Clock the app passes to the service layer and
// the engine (tests pass a fake one). Any thread.
#pragma once

#include "engine/ports.h"

namespace dondoc::app {

class SystemClock : public Clock {
 public:
  Instant now() const override;
};

// The system clock moved to start at `start` and run on from there: `serve --now ISO`, to run the
// service in another moment (a rehearsal of a plan's dates, the end-to-end tests).
class ShiftedClock : public Clock {
 public:
  explicit ShiftedClock(Instant start);
  Instant now() const override;

 private:
  std::chrono::seconds offset_;
};

}  // namespace dondoc::app
