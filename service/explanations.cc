#include "service/explanations.h"

#include <nlohmann/json.hpp>

#include "engine/commands.h"
#include "engine/messages_vi.h"
#include "engine/plan_index.h"
#include "rules/text.h"
#include "storage/engine_store.h"
#include "storage/explanation_store.h"

namespace dondoc::service {
namespace {

std::string ref_of(std::int64_t id) { return "GT" + std::to_string(id); }

std::string name_of(const Plan& plan, const std::string& id) {
  const Body* b = plan.find_body(id);
  return b ? b->name : id;
}

ExplanationRequest request_of(const ExplanationRow& r, const Plan& plan, Date today) {
  ExplanationRequest e;
  e.id = r.id;
  e.body = r.body;
  e.body_name = name_of(plan, r.body);
  e.task = r.task;
  e.cycle = r.cycle;
  e.period = r.period;
  e.subject = r.subject;
  e.reason = r.reason;
  e.asked_by = r.asked_by;
  e.asker_body = r.asker_body;
  e.asked = r.asked;
  e.due = r.due;
  e.answered = r.answered;
  e.answer = r.answer;
  e.answered_by = r.answered_by;
  e.state = r.answered ? "answered" : today > r.due ? "overdue" : "open";
  return e;
}

std::string json_text(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The obligation asked about, if it is overdue and not done; else an error for a person.
Result<Obligation> overdue_obligation(const EngineState& st, const AskExplanation& a) {
  if (a.task.empty() == a.cycle.empty())
    return Error{"Cần nêu một nhiệm vụ, hoặc một kỳ báo cáo và kỳ (tháng/quý/năm)."};
  if (!a.cycle.empty() && a.period.empty()) return Error{"Cần nêu kỳ của báo cáo (ví dụ 2026-10)."};
  auto ob = find_obligation(st, a.task, a.body, a.cycle, a.period, a.at);
  if (!ob) return ob;
  auto it = st.obligations.find(ob->id);
  bool done = it != st.obligations.end() && it->second.status == Status::done;
  PlanIndex index(st.plan);
  std::string what = vi::subject(*ob, index, st.rules);
  if (!ob->dated) return Error{what + " là nhiệm vụ thường xuyên, không có hạn để quá hạn."};
  if (done) {
    return Error{what + " của " + name_of(st.plan, a.body) + " đã " +
                 (a.task.empty() ? "được gửi" : "hoàn thành") + ", không cần giải trình."};
  }
  if (ob->due >= local_date(a.at)) {
    return Error{what + " của " + name_of(st.plan, a.body) + " chưa quá hạn (hạn " +
                 format_date_vn(ob->due) + "), chưa thể yêu cầu giải trình."};
  }
  return ob;
}

std::string request_text(const EngineState& st, const ExplanationRow& r) {
  PlanIndex index(st.plan);
  std::string asker = r.asker_body.empty() ? st.rules.standing_committee : r.asker_body;
  std::string asker_name = asker.empty() ? "Lãnh đạo" : name_of(st.plan, asker);
  std::string what = r.task.empty() ? "chưa gửi " : "chậm thực hiện ";
  std::string text = vi::greeting(index.body(r.body), r.body, st.rules.address) + "\n" +
                     asker_name + " đề nghị " + name_of(st.plan, r.body) + " giải trình việc " +
                     what + r.subject + ".";
  if (!r.reason.empty()) text += "\nNội dung: " + r.reason;
  text += "\nHạn trả lời: " + format_date_vn(r.due) + ". " + vi::explanation_hint(ref_of(r.id));
  return text;
}

Message body_message(std::string key, const std::string& to, std::string text, Instant at) {
  Message m;
  m.key = std::move(key);
  m.recipient = to;
  m.kind = MessageKind::escalation;
  m.text = std::move(text);
  m.not_before = at;
  m.send_keys = {m.key};
  return m;
}

Result<std::string> checked_text(const std::string& raw, bool allow_empty) {
  std::string t = text::collapse_space(raw);
  if (t.empty() && !allow_empty) return Error{"Nội dung giải trình trống."};
  if (raw.size() > kMaxExplanationText)
    return Error{"Nội dung quá dài (tối đa " + std::to_string(kMaxExplanationText) + " byte)."};
  return t;
}

}  // namespace

std::optional<std::int64_t> parse_explanation_ref(const std::string& ref) {
  std::string f = text::fold(ref);
  std::size_t i = 0;
  if (f.rfind("gt", 0) == 0) i = 2;
  while (i < f.size() && f[i] == ' ') ++i;
  if (i >= f.size() || f.size() - i > 12) return std::nullopt;
  std::int64_t n = 0;
  for (; i < f.size(); ++i) {
    if (f[i] < '0' || f[i] > '9') return std::nullopt;
    n = n * 10 + (f[i] - '0');
  }
  return n > 0 ? std::optional<std::int64_t>(n) : std::nullopt;
}

Result<ExplanationRequest> ask_explanation(Database& db, const AskExplanation& a) {
  auto reason = checked_text(a.reason, true);
  if (!reason) return Error{reason.error()};
  SqliteEngineStore store(db);
  WriteTransaction tx(db);
  auto st = store.load();
  if (!st) return Error{st.error()};
  if (!st->plan.find_body(a.body)) return Error{vi::error_unknown_body(a.body)};
  auto ob = overdue_obligation(*st, a);
  if (!ob) return Error{ob.error()};
  if (has_open_explanation(db, a.body, a.task, a.cycle, ob->period))
    return Error{"Đã có yêu cầu giải trình về nội dung này đang chờ " + name_of(st->plan, a.body) +
                 " trả lời."};
  ExplanationRow r;
  r.body = a.body;
  r.task = a.task;
  r.cycle = a.cycle;
  r.period = ob->period;
  r.subject = vi::describe(*ob, PlanIndex(st->plan), st->rules, 0).label;
  r.reason = *reason;
  r.asked_by = a.asked_by;
  r.asker_body = a.asker_body;
  r.asked = a.at;
  r.due = st->calendar.add_working_days(local_date(a.at), st->rules.explanation_days);
  r.id = insert_explanation(db, r);
  Batch b;
  b.messages.push_back(
      body_message("gt|" + ref_of(r.id) + "|ask", a.body, request_text(*st, r), a.at));
  b.messages.back().task = a.task;
  b.messages.back().due = r.due;
  nlohmann::json d{{"body", r.body},
                   {"subject", r.subject},
                   {"obligation", ob->id},
                   {"reason", r.reason},
                   {"due", format_date(r.due)}};
  b.audit.push_back({std::string(audit_kind::kExplanationRequested), ref_of(r.id),
                     a.asked_by.empty() ? "explain" : a.asked_by, json_text(d), a.at});
  store.apply_in_transaction(b);
  tx.commit();
  return request_of(r, st->plan, local_date(a.at));
}

Result<ExplanationRequest> answer_explanation(Database& db, const std::string& body,
                                              std::int64_t id, const std::string& text,
                                              const std::string& by, Instant at) {
  auto answer = checked_text(text, false);
  if (!answer) return Error{answer.error()};
  SqliteEngineStore store(db);
  WriteTransaction tx(db);
  auto st = store.load_for_body("");
  if (!st) return Error{st.error()};
  auto row = id == 0 ? latest_open_explanation(db, body) : find_explanation(db, id);
  if (!row || (!body.empty() && row->body != body)) {
    std::string who = body.empty() ? "" : " của " + name_of(st->plan, body);
    return Error{id == 0 ? "Không có yêu cầu giải trình nào" + who + " đang chờ trả lời."
                         : "Không có yêu cầu giải trình " + ref_of(id) + who + "."};
  }
  if (row->answered) {
    return Error{"Yêu cầu giải trình " + ref_of(row->id) + " đã được trả lời ngày " +
                 format_date_vn(local_date(*row->answered)) + "."};
  }
  set_explanation_answer(db, row->id, *answer, by, at);
  row->answered = at;
  row->answer = *answer;
  row->answered_by = by;
  Batch b;
  std::string asker = row->asker_body.empty() ? st->rules.standing_committee : row->asker_body;
  if (!asker.empty() && asker != row->body) {
    PlanIndex index(st->plan);
    std::string t = vi::greeting(index.body(asker), asker, st->rules.address) + "\n" +
                    name_of(st->plan, row->body) + " đã giải trình " + ref_of(row->id) + " (" +
                    row->subject + "): " + *answer;
    b.messages.push_back(body_message("gt|" + ref_of(row->id) + "|answer", asker, t, at));
  }
  nlohmann::json d{{"body", row->body}, {"subject", row->subject}, {"answer", *answer}};
  b.audit.push_back({std::string(audit_kind::kExplanationAnswered), ref_of(row->id),
                     by.empty() ? "explain" : by, json_text(d), at});
  store.apply_in_transaction(b);
  tx.commit();
  return request_of(*row, st->plan, local_date(at));
}

Result<std::vector<ExplanationRequest>> list_explanations(Database& db, const std::string& body,
                                                          Date from, Date to, Instant now) {
  SqliteEngineStore store(db);
  auto st = store.load_for_body("");
  if (!st) return Error{st.error()};
  std::vector<ExplanationRequest> out;
  for (const auto& r : list_explanation_rows(db, body, false)) {
    Date asked = local_date(r.asked);
    if (asked < from || asked > to) continue;
    out.push_back(request_of(r, st->plan, local_date(now)));
  }
  return out;
}

std::vector<Obligation> explanation_obligations(Database& db) {
  std::vector<Obligation> out;
  for (const auto& r : list_explanation_rows(db, "", true))
    out.push_back(explanation_obligation(ref_of(r.id), r.body, r.subject, r.due));
  return out;
}

}  // namespace dondoc::service
