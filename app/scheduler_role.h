// serve's side of the scheduler lock (storage/scheduler_lock.h): whether this process is the one
// of its deployment that ticks, logged on each change and shown by /healthz. hold() belongs to the
// writer thread (serve's background jobs); name() may be read from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include "storage/scheduler_lock.h"

namespace dondoc::app {

class SchedulerRole {
 public:
  explicit SchedulerRole(const std::string& db) : lock_(db) {}
  // Takes (or checks) the lock; true while this process holds it. Logs "holding the lock",
  // "standing by" and the reason the lock could not be asked for, each once per change.
  bool hold();
  bool holder() const { return role_ == kHolder; }
  // "holder", "standby" (another process ticks) or, for no role at all, "off".
  const char* name() const;
  static const char* off() { return "off"; }
  // When the holder last ticked (writer thread).
  std::chrono::steady_clock::time_point last_tick{};

 private:
  enum { kNone, kStandby, kHolder };
  SchedulerLock lock_;
  std::string last_error_;
  std::atomic<int> role_{kNone};
};

}  // namespace dondoc::app
