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

using Kind = AskRefusal::Kind;

Error refuse(AskRefusal* why, Kind kind, std::string field, std::string message) {
  if (why) *why = AskRefusal{kind, std::move(field)};
  return Error{std::move(message)};
}

bool has_cycle(const Rules& rules, const std::string& cycle) {
  for (const auto& c : rules.report_cycles)
    if (c.name == cycle) return true;
  return false;
}

// The obligation asked about, if it is overdue and not done; else an error for a person.
Result<Obligation> overdue_obligation(const EngineState& st, const AskExplanation& a,
                                      AskRefusal* why) {
  if (a.task.empty() == a.cycle.empty())
    return refuse(why, Kind::invalid, "task", vi::error_explanation_subject());
  if (!a.cycle.empty() && a.period.empty())
    return refuse(why, Kind::invalid, "period", vi::error_explanation_period());
  if (!a.task.empty() && !st.plan.find_task(a.task))
    return refuse(why, Kind::unknown, "task", vi::error_unknown_task(a.task));
  if (!a.cycle.empty() && !has_cycle(st.rules, a.cycle))
    return refuse(why, Kind::unknown, "cycle", vi::error_unknown_cycle(a.cycle));
  if (why) *why = AskRefusal{Kind::conflict, a.task.empty() ? "period" : "task"};
  auto ob = find_obligation(st, a.task, a.body, a.cycle, a.period, a.at);
  if (!ob) return ob;
  auto it = st.obligations.find(ob->id);
  bool done = it != st.obligations.end() && it->second.status == Status::done;
  PlanIndex index(st.plan);
  std::string what = vi::subject(*ob, index, st.rules);
  if (!ob->dated) return Error{vi::error_explanation_routine(what)};
  std::string body_name = name_of(st.plan, a.body);
  if (done) return Error{vi::error_explanation_done(what, body_name, a.task.empty())};
  if (ob->due >= local_date(a.at))
    return Error{vi::error_explanation_not_overdue(what, body_name, ob->due)};
  return ob;
}

vi::Explained explained(const Plan& plan, const ExplanationRow& r) {
  return {ref_of(r.id), name_of(plan, r.body), r.subject, r.task.empty()};
}

std::string request_text(const EngineState& st, const ExplanationRow& r) {
  PlanIndex index(st.plan);
  std::string asker = r.asker_body.empty() ? st.rules.standing_committee : r.asker_body;
  std::string asker_name = asker.empty() ? "" : name_of(st.plan, asker);
  return vi::explanation_request(vi::greeting(index.body(r.body), r.body, st.rules.address),
                                 asker_name, explained(st.plan, r), r.reason, r.due,
                                 st.rules.explanation_days);
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
  if (t.empty() && !allow_empty) return Error{vi::error_explanation_empty()};
  if (raw.size() > kMaxExplanationText)
    return Error{vi::error_explanation_too_long(kMaxExplanationText)};
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

Result<ExplanationRequest> ask_explanation(Database& db, const AskExplanation& a, AskRefusal* why) {
  auto reason = checked_text(a.reason, true);
  if (!reason) return refuse(why, Kind::invalid, "reason", reason.error());
  SqliteEngineStore store(db);
  WriteTransaction tx(db);
  auto st = store.load();
  if (!st) return Error{st.error()};
  if (!st->plan.find_body(a.body))
    return refuse(why, Kind::unknown, "body", vi::error_unknown_body(a.body));
  auto ob = overdue_obligation(*st, a, why);
  if (!ob) return Error{ob.error()};
  if (has_open_explanation(db, a.body, a.task, a.cycle, ob->period))
    return refuse(why, Kind::conflict, "body",
                  vi::error_explanation_open(name_of(st->plan, a.body)));
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
    return Error{vi::error_explanation_none_open(id == 0 ? "" : ref_of(id),
                                                 body.empty() ? "" : name_of(st->plan, body))};
  }
  if (row->answered) {
    return Error{vi::error_explanation_answered(ref_of(row->id), local_date(*row->answered))};
  }
  set_explanation_answer(db, row->id, *answer, by, at);
  row->answered = at;
  row->answer = *answer;
  row->answered_by = by;
  Batch b;
  std::string asker = row->asker_body.empty() ? st->rules.standing_committee : row->asker_body;
  if (!asker.empty() && asker != row->body) {
    PlanIndex index(st->plan);
    std::string t =
        vi::explanation_answer_note(vi::greeting(index.body(asker), asker, st->rules.address),
                                    explained(st->plan, *row), *answer, local_date(at));
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
