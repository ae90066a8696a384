#include "app/health.h"

#include <nlohmann/json.hpp>

namespace dondoc::app {
namespace {

using nlohmann::ordered_json;
using Steady = std::chrono::steady_clock::time_point;

// Whole seconds from `then` to `now`, null when there is no `then`.
ordered_json age_s(const std::optional<Steady>& then, Steady now) {
  if (!then) return nullptr;
  return std::chrono::duration_cast<std::chrono::seconds>(now - *then).count();
}

ordered_json text_or_null(const std::string& s) {
  return s.empty() ? ordered_json() : ordered_json(s);
}

// The writer's state and, when it keeps the server from working, why ("" when it does not).
std::string writer_state(const HealthInput& in, std::string& reason) {
  const GroupCommit::Health& w = in.writer;
  if (w.oldest_pending &&
      in.steady_now - *w.oldest_pending > std::chrono::seconds(in.writer_stuck_s)) {
    reason = "writer stuck: a write has waited " + age_s(w.oldest_pending, in.steady_now).dump() +
             " s (limit writer_stuck_s = " + std::to_string(in.writer_stuck_s) + ")";
    return "stuck";
  }
  if (w.failing) {
    reason = "the last write failed: " + w.last_error;
    return "failing";
  }
  return w.last_commit ? "ok" : "idle";
}

ordered_json writer_json(const HealthInput& in, const std::string& state) {
  const GroupCommit::Health& w = in.writer;
  return {{"state", state},
          {"last_error", text_or_null(w.last_error)},
          {"last_error_age_s", age_s(w.last_error_at, in.steady_now)},
          {"last_commit_age_s", age_s(w.last_commit, in.steady_now)},
          {"oldest_pending_age_s", age_s(w.oldest_pending, in.steady_now)},
          {"queue_depth", w.depth}};
}

ordered_json sender_json(const HealthInput& in) {
  ordered_json oldest = nullptr;
  if (in.sender.oldest_due) {
    auto age = std::chrono::duration_cast<std::chrono::seconds>(in.now - *in.sender.oldest_due);
    oldest = std::max<long long>(0, age.count());
  }
  return {{"queue_depth", in.sender.queue_depth}, {"oldest_pending_age_s", oldest}};
}

ordered_json pollers_json(const HealthInput& in) {
  ordered_json out = ordered_json::array();
  for (const PollerStatus& p : in.pollers) {
    out.push_back({{"platform", p.platform},
                   {"state", p.state},
                   {"last_success_age_s", age_s(p.last_success, in.steady_now)},
                   {"last_error", text_or_null(p.last_error)},
                   {"failures", p.failures}});
  }
  return out;
}

}  // namespace

HttpOut health_answer(const HealthInput& in) {
  std::string reason;
  std::string state = writer_state(in, reason);
  ordered_json body{{"ok", reason.empty()}};
  if (!reason.empty()) body["reason"] = reason;
  body["writer"] = writer_json(in, state);
  body["sender"] = sender_json(in);
  body["pollers"] = pollers_json(in);
  body["scheduler"] = in.scheduler;
  return HttpOut{reason.empty() ? 200 : 503, "application/json", body.dump()};
}

HttpOut healthz(const GroupCommit& writer, const Sender& sender,
                const std::vector<std::unique_ptr<Poller>>& pollers, Instant now,
                int writer_stuck_s, std::string scheduler) {
  HealthInput in;
  in.writer = writer.health();
  in.sender = sender.status();
  for (const auto& p : pollers) in.pollers.push_back(p->status());
  in.steady_now = std::chrono::steady_clock::now();
  in.now = now;
  in.writer_stuck_s = writer_stuck_s;
  in.scheduler = std::move(scheduler);
  return health_answer(in);
}

}  // namespace dondoc::app
