// `serve`'s /healthz: whether the server can do its job now, as an HTTP status a probe reads (503
// when the last write failed or a write has waited longer than writer_stuck_s, 200 again once a
// write commits) and a JSON body listing the writer, the sender and each poller. io thread only.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/pollers.h"
#include "app/sender.h"
#include "app/server.h"
#include "storage/group_commit.h"

namespace dondoc::app {

// A snapshot of what the answer is made of, with the two clocks it is read against: steady time
// for the writer and the pollers, the Clock's time for the sender's due messages.
struct HealthInput {
  GroupCommit::Health writer;
  SenderStatus sender;
  std::vector<PollerStatus> pollers;
  std::chrono::steady_clock::time_point steady_now;
  Instant now{};
  int writer_stuck_s = 30;
  std::string scheduler = "off";  // "holder", "standby" (another process ticks) or "off"
};

// 200 {"ok":true,...} or 503 {"ok":false,"reason":"...",...}; the body has "writer", "sender" and
// "pollers" either way, and "scheduler". Pure.
HttpOut health_answer(const HealthInput& in);

// The snapshot from the running parts (pollers may be empty), answered.
HttpOut healthz(const GroupCommit& writer, const Sender& sender,
                const std::vector<std::unique_ptr<Poller>>& pollers, Instant now,
                int writer_stuck_s, std::string scheduler);

}  // namespace dondoc::app
