// A Clock whose time the test sets and advances. Test threads only.
#pragma once

#include "engine/ports.h"

namespace dondoc::testing {

class FakeClock : public Clock {
 public:
  explicit FakeClock(Instant t = Instant{}) : t_(t) {}
  Instant now() const override { return t_; }
  void set(Instant t) { t_ = t; }
  void advance(std::chrono::seconds d) { t_ += d; }

 private:
  Instant t_;
};

}  // namespace dondoc::testing
