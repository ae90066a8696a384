#include "app/scheduler_role.h"

#include <iostream>

namespace dondoc::app {

bool SchedulerRole::hold() {
  int was = role_;
  bool held = lock_.try_hold();
  role_ = held ? kHolder : kStandby;
  if (role_ != was) {
    std::cerr << "dondoc serve: scheduler: "
              << (held             ? "holding the lock"
                  : was == kHolder ? "lost the lock; standing by"
                                   : "another process holds the lock; standing by")
              << "\n";
  }
  if (!held && lock_.error() != last_error_ && !lock_.error().empty()) {
    std::cerr << "dondoc serve: scheduler: cannot take the lock: " << lock_.error() << "\n";
  }
  last_error_ = lock_.error();
  return held;
}

const char* SchedulerRole::name() const {
  int r = role_;
  return r == kHolder ? "holder" : r == kStandby ? "standby" : off();
}

}  // namespace dondoc::app
