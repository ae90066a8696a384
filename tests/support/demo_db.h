// A demo database prepared for end-to-end chat tests: the demo plan with NV4 and NV5 done and the
// first tick run, so a tick at 2025-09-29T08:00+07:00 nudges vh_xh about NV2 alone. Test threads.
#pragma once

#include <string>

#include "tests/support/process.h"

namespace dondoc::testing {

inline constexpr const char* kNudgeTime = "2025-09-29T08:00+07:00";
// What `serve --now` starts its clock at in the end-to-end tests: within office hours just after
// kNudgeTime, so nudges go out whatever the time of day the suite runs.
inline constexpr const char* kServeTime = "2025-09-29T08:30+07:00";

// Creates dir/d.db as described above and returns its path (REQUIREs each step succeeded).
std::string nudge_ready_demo_db(const TempDir& dir);

}  // namespace dondoc::testing
