// The one place that reads the system clock: the Clock the app passes to the service layer and
// the engine (tests pass a fake one). Any thread.
#pragma once

#include "engine/ports.h"

namespace dondoc::app {

class SystemClock : public Clock {
 public:
  Instant now() const override;
};

}  // namespace dondoc::app
