#include "engine/commands.h"

#include <nlohmann/json.hpp>

#include "engine/messages_vi.h"
#include "engine/scheduler.h"

namespace dondoc {

using std::chrono::days;

Result<Obligation> find_obligation(const EngineState& st, const std::string& task,
                                   const std::string& body, const std::string& cycle,
                                   const std::string& period, Instant at) {
  if (cycle.empty() && !st.plan.find_task(task)) {
    return Result<Obligation>::fail("không có nhiệm vụ \"" + task + "\" trong kế hoạch");
  }
  ObligationWindow w = tick_window(st, at);
  w.from = local_date(at) - days{2 * 366};
  const Obligation* best = nullptr;
  Date today = local_date(at);
  auto all = compute_obligations(st.plan, st.rules, st.calendar, st.obligations, w);
  auto rank = [&](const Obligation& o) {  // open and overdue first, then the next one due
    auto it = st.obligations.find(o.id);
    bool done = it != st.obligations.end() && it->second.status == Status::done;
    return std::tuple(done, o.due < today ? 0 : 1, o.due < today ? today - o.due : o.due - today);
  };
  for (const auto& o : all) {
    if (o.body != body || o.cycle != cycle || (cycle.empty() && o.task != task)) continue;
    if (!period.empty() && o.period != period) continue;
    if (!best || rank(o) < rank(*best)) best = &o;
  }
  if (!best) {
    std::string what = cycle.empty() ? "nhiệm vụ " + task
                                     : "báo cáo " + cycle + (period.empty() ? "" : " " + period);
    return Result<Obligation>::fail("\"" + body + "\" không có nghĩa vụ nào với " + what);
  }
  return *best;
}

namespace {

Result<ObligationState> next_state(ObligationState s, const Command& c, Date due) {
  using K = Command::Kind;
  s.last_reply = c.at;
  if (!s.acknowledged_at) s.acknowledged_at = c.at;
  s.source = c.source;
  if (c.kind == K::acknowledge) return s;
  if (c.kind == K::approve_extension || c.kind == K::reject_extension) {
    if (s.status != Status::extension_requested || !s.requested_due) {
      return Result<ObligationState>::fail("không có đề nghị gia hạn nào đang chờ duyệt");
    }
    bool ok = c.kind == K::approve_extension;
    if (ok) s.due_override = s.requested_due;
    if (ok) s.acknowledged_at.reset();  // reminders resume for the new date
    s.status = ok ? Status::extension_approved : Status::extension_rejected;
    s.status_at = c.at;
    return s;
  }
  if (c.status == Status::in_progress && (c.percent < 0 || c.percent > 99)) {
    return Result<ObligationState>::fail("phần trăm phải từ 0 đến 99 (100% là hoàn thành)");
  }
  if (c.status == Status::extension_requested && (!c.new_due || *c.new_due <= due)) {
    return Result<ObligationState>::fail("xin gia hạn cần ngày mới sau hạn hiện tại (" +
                                         format_date_vn(effective_due(s, due)) + ")");
  }
  if (c.status == Status::extension_approved || c.status == Status::extension_rejected) {
    return Result<ObligationState>::fail("duyệt gia hạn dùng lệnh extension approve|reject");
  }
  s.status = c.status;
  s.status_at = c.at;
  s.percent = c.status == Status::done ? 100 : c.status == Status::in_progress ? c.percent : 0;
  s.reason = c.status == Status::blocked ? c.reason : "";
  if (c.status == Status::extension_requested) s.requested_due = c.new_due;
  s.done_at = c.status == Status::done ? std::optional<Instant>(c.at) : std::nullopt;
  return s;
}

}  // namespace

Result<Batch> apply_command(const EngineState& st, const Command& c) {
  auto found = find_obligation(st, c.task, c.body, c.cycle, c.period, c.at);
  if (!found) return Error{found.error()};
  const Obligation& o = *found;
  auto it = st.obligations.find(o.id);
  ObligationState before;
  if (it != st.obligations.end()) before = it->second;
  before.id = o.id;
  before.task = o.task;
  before.body = o.body;
  before.cycle = o.cycle;
  before.period = o.period;
  auto after = next_state(before, c, effective_due(before, o.due));
  if (!after) return Error{after.error()};
  const ObligationState& s = *after;
  Date due = effective_due(s, o.due);
  std::string subject = o.cycle.empty() ? o.task : vi::describe(o, st.plan, st.rules, 0).label;
  Batch b;
  b.states.push_back(s);
  nlohmann::json d = {{"from", to_string(before.status)},
                      {"to", to_string(s.status)},
                      {"percent", s.percent},
                      {"due", format_date(due)}};
  if (!s.reason.empty()) d["reason"] = s.reason;
  if (s.requested_due) d["requested_due"] = format_date(*s.requested_due);
  const char* kind = c.kind == Command::Kind::acknowledge ? "acknowledged" : "status_change";
  b.audit.push_back({kind, o.id, c.source, d.dump(), c.at});
  if (c.kind == Command::Kind::acknowledge) return b;
  bool decision =
      c.kind == Command::Kind::approve_extension || c.kind == Command::Kind::reject_extension;
  std::string text =
      decision ? vi::extension_decision(subject, s.status == Status::extension_approved, due)
               : vi::confirmation(subject, vi::status_phrase(s, o.due));
  std::string key =
      "conf|" + o.id + "|" + std::string(to_string(s.status)) + "|" + format_instant(c.at);
  Message m{key, o.body,       MessageKind::confirmation, o.task, o.cycle, text, c.at, {key},
            due, o.nominal_due};
  b.audit.push_back({"message_queued", key, c.source, "{}", c.at});
  b.messages.push_back(std::move(m));
  return b;
}

}  // namespace dondoc
