#include "service/body_reports.h"

#include <nlohmann/json.hpp>
#include <tuple>

#include "engine/commands.h"
#include "engine/kinds.h"
#include "engine/messages_vi.h"
#include "engine/scheduler.h"
#include "rules/rules_file.h"
#include "rules/text.h"
#include "storage/engine_store.h"
#include "storage/report_store.h"
#include "storage/rules_store.h"

namespace dondoc::service {
namespace {

constexpr std::size_t kMaxTextChars = 20000;
constexpr std::size_t kMaxAttachments = 10;

struct Label {
  std::string subject;  // "Báo cáo tháng 11/2026"
  std::string period;   // "tháng 11/2026"
};

Label label_of(const Rules& rules, const std::string& cycle, const std::string& period) {
  static const Plan kNoPlan;
  Obligation o;
  o.cycle = cycle;
  o.period = period;
  Label l{vi::subject(o, PlanIndex(kNoPlan), rules), period};
  const std::string kReport = "Báo cáo ";
  if (l.subject.rfind(kReport, 0) == 0) l.period = l.subject.substr(kReport.size());
  return l;
}

// "báo cáo tháng 11/2026": the subject inside a sentence.
std::string in_sentence(const std::string& subject) {
  return subject.rfind("Báo cáo", 0) == 0 ? "b" + subject.substr(1) : subject;
}

std::optional<std::string> check(const ReportSubmission& s) {
  if (s.body.empty()) return "Chưa nêu cơ quan gửi báo cáo.";
  if (!text::valid_utf8(s.text))
    return "Nội dung báo cáo có ký tự không hợp lệ (không phải UTF-8).";
  if (text::collapse_space(s.text).empty() && s.attachments.empty()) {
    return "Báo cáo trống: xin gửi nội dung gồm Kết quả; Khó khăn, vướng mắc; Đề xuất, kiến nghị.";
  }
  if (text::length(s.text) > kMaxTextChars) {
    return "Báo cáo dài quá " + std::to_string(kMaxTextChars) +
           " ký tự; xin gửi phần dài dưới dạng tệp đính kèm.";
  }
  if (s.source != "chat" && s.source != "web" && s.source != "cli") {
    return "Nguồn báo cáo không hợp lệ: \"" + s.source + "\" (chat, web hoặc cli).";
  }
  if (s.attachments.size() > kMaxAttachments) {
    return "Mỗi lần gửi kèm tối đa " + std::to_string(kMaxAttachments) + " tệp.";
  }
  for (const auto& a : s.attachments)
    if (a.channel.empty() || a.ref.empty()) return "Tệp đính kèm thiếu nguồn hoặc mã tệp.";
  return std::nullopt;
}

// The report obligation the submission names. Without a cycle or period: a report already
// received whose due date has not passed (an amendment), else the latest overdue one not sent,
// else the next one due, else the nearest.
Result<Obligation> pick_report(Database& db, const EngineState& st, const ReportSubmission& s) {
  const Body* body = st.plan.find_body(s.body);
  if (!body) return Error{vi::error_unknown_body(s.body)};
  bool known = s.cycle.empty();
  for (const auto& c : st.rules.report_cycles) known = known || c.name == s.cycle;
  if (!known) return Error{vi::error_unknown_cycle(s.cycle)};
  Date today = local_date(s.at);
  ObligationWindow w = tick_window(st, s.at);
  w.from = today - std::chrono::days{2 * 366};
  auto all = compute_body_obligations(st.plan, st.rules, st.calendar, st.obligations, w, s.body);
  const Obligation* best = nullptr;
  std::tuple<int, long, std::string> best_rank;
  for (const auto& o : all) {
    if (o.cycle.empty() || (!s.cycle.empty() && o.cycle != s.cycle)) continue;
    if (!s.period.empty() && o.period != s.period) continue;
    bool stored = find_report(db, s.body, o.cycle, o.period).has_value();
    auto it = st.obligations.find(o.id);
    bool done = stored || (it != st.obligations.end() && it->second.status == Status::done);
    int cls = stored && o.due >= today ? 0 : !done && o.due < today ? 1 : !done ? 2 : 3;
    long dist = std::abs(static_cast<long>((o.due - today).count()));
    auto rank = std::tuple(cls, dist, o.id);
    if (!best || rank < best_rank) best = &o, best_rank = rank;
  }
  if (best) return *best;
  std::string what = s.cycle.empty() ? "báo cáo" : label_of(st.rules, s.cycle, s.period).subject;
  return Error{vi::error_nothing_owed(body->name, what)};
}

std::string confirmation(const BodyReport& r, const std::string& subject, bool late_now) {
  std::string what = in_sentence(subject) + " của " + r.body_name;
  std::string due = format_date_vn(r.due);
  std::string text;
  if (r.versions == 1) {
    text = "Đã nhận " + what +
           (r.on_time ? ", đúng hạn (hạn " + due + "). Xin cảm ơn!"
                      : ", nộp muộn so với hạn " + due + ".");
  } else if (!late_now) {
    text = "Đã nhận bản cập nhật " + what + " (lần " + std::to_string(r.versions) +
           "), thay cho bản gửi trước; báo cáo vẫn tính đúng hạn (hạn " + due + ").";
  } else {
    text = "Đã nhận bổ sung " + what + " (lần " + std::to_string(r.versions) + ", sau hạn " + due +
           "); báo cáo vẫn tính " + (r.on_time ? "đúng hạn" : "nộp muộn") +
           " theo lần gửi đầu ngày " + format_date_vn(local_date(r.received)) + ".";
  }
  if (!r.attachments.empty()) {
    text += " Đã lưu " + std::to_string(r.attachments.size()) + " tệp đính kèm.";
  }
  return text;
}

BodyReport to_report(const StoredReport& r, const Rules* rules) {
  BodyReport b;
  b.body = r.body;
  b.body_name = r.body_name.empty() ? r.body : r.body_name;
  b.cycle = r.cycle;
  b.period = r.period;
  b.period_label = rules ? label_of(*rules, r.cycle, r.period).period : r.period;
  b.text = r.text;
  b.sections = {r.results, r.obstacles, r.proposals};
  for (const auto& f : r.files) b.attachments.push_back({f.channel, f.ref, f.name, f.mime, f.id});
  b.due = r.due;
  b.received = r.received_at;
  b.updated = r.updated_at;
  b.versions = r.versions;
  b.on_time = r.on_time;
  b.source = r.source;
  b.by = r.by;
  return b;
}

std::optional<Rules> active_rules(Database& db) {
  auto stored = active_rules_text(db);
  if (!stored) return std::nullopt;
  return parse_rules(stored->text).rules;
}

// The engine's command for a report not yet marked submitted, its own confirmation dropped.
Result<Batch> mark_submitted(const EngineState& st, const Obligation& o, const ReportSubmission& s,
                             const std::string& source) {
  auto it = st.obligations.find(o.id);
  if (it != st.obligations.end() && it->second.status == Status::done) return Batch{};
  Command c;
  c.kind = Command::Kind::set_status;
  c.body = o.body;
  c.cycle = o.cycle;
  c.period = o.period;
  c.status = Status::done;
  c.at = s.at;
  c.source = source;
  auto b = apply_command(st, c);
  if (!b) return Error{b.error()};
  Batch batch = std::move(b).value();
  std::erase_if(batch.messages, [&](const Message& m) {
    return m.kind == MessageKind::confirmation && m.recipient == o.body;
  });
  return batch;
}

}  // namespace

Result<ReportReceipt> submit_report(Database& db, const ReportSubmission& s) {
  if (auto e = check(s)) return Error{*e};
  WriteTransaction tx(db);
  SqliteEngineStore store(db);
  auto st = store.load_for_body(s.body);
  if (!st) return Error{st.error()};
  auto o = pick_report(db, *st, s);
  if (!o) return Error{o.error()};
  std::string source = s.source + (s.by.empty() ? "" : ":" + s.by);
  auto marked = mark_submitted(*st, *o, s, source);
  if (!marked) return Error{marked.error()};
  Batch batch = std::move(marked).value();
  auto prev = find_report(db, s.body, o->cycle, o->period);
  bool late = local_date(s.at) > (prev ? prev->due : o->due);
  StoredReport r;
  if (prev) {
    r = *prev;
    r.versions += 1;
  } else {
    r.body = s.body;
    r.cycle = o->cycle;
    r.period = o->period;
    r.due = o->due;
    r.received_at = s.at;
    r.on_time = !late;
  }
  r.body_name = st->plan.find_body(s.body)->name;
  r.updated_at = s.at;
  r.text = text::nfc(s.text);
  ReportSections sec = split_report_sections(r.text);
  r.results = sec.results;
  r.obstacles = sec.obstacles;
  r.proposals = sec.proposals;
  r.source = s.source;
  r.by = s.by;
  std::vector<StoredReportFile> files;
  for (const auto& a : s.attachments) files.push_back({0, a.channel, a.ref, a.name, a.mime, 0});
  save_report_version(db, r, late, files);
  for (auto& f : files) f.version = r.versions;
  r.files.insert(r.files.end(), files.begin(), files.end());

  ReportReceipt receipt;
  receipt.report = to_report(r, &st->rules);
  receipt.amended = r.versions > 1;
  Label label = label_of(st->rules, o->cycle, o->period);
  receipt.message = confirmation(receipt.report, label.subject, late);
  nlohmann::json d = {
      {"cycle", r.cycle},           {"period", r.period}, {"version", r.versions},
      {"on_time", r.on_time},       {"late", late},       {"due", format_date(r.due)},
      {"attachments", files.size()}};
  batch.audit.push_back({std::string(audit_kind::kReportReceived), o->id, source, d.dump(), s.at});
  if (s.queue_confirmation) {
    Message m;
    m.key = "report|" + o->id + "|v" + std::to_string(r.versions);
    m.recipient = s.body;
    m.kind = MessageKind::confirmation;
    m.cycle = o->cycle;
    m.text = receipt.message;
    m.not_before = s.at;
    m.send_keys = {m.key};
    m.due = r.due;
    m.nominal_due = o->nominal_due;
    batch.messages.push_back(std::move(m));
  }
  store.apply_in_transaction(batch);
  tx.commit();
  return receipt;
}

Result<std::vector<BodyReport>> reports_for_period(Database& db, const std::string& cycle,
                                                   const std::string& period) {
  auto rules = active_rules(db);
  std::vector<BodyReport> out;
  for (const auto& r : load_period_reports(db, cycle, period))
    out.push_back(to_report(r, rules ? &*rules : nullptr));
  return out;
}

Result<std::vector<BodyReport>> reports_of_body(Database& db, const std::string& body, int limit) {
  auto rules = active_rules(db);
  std::vector<BodyReport> out;
  for (const auto& r : load_body_reports(db, body, limit))
    out.push_back(to_report(r, rules ? &*rules : nullptr));
  return out;
}

}  // namespace dondoc::service
