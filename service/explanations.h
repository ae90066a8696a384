// Explanation requests (yêu cầu giải trình, issue 16 §3): a leader asks a body to explain an
// overdue task or a missing report; the body gets it in chat with a deadline in working days (from
// the rules), answers in free text; unanswered by the deadline it climbs the escalation ladder
// like any obligation. Call from the thread that owns the Database, in the commune's scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/obligation.h"
#include "rules/date.h"
#include "rules/result.h"
#include "storage/database.h"

namespace dondoc::service {

struct ExplanationRequest {
  std::int64_t id = 0;  // shown to people as "GT<id>"
  std::string body, body_name;
  std::string task;           // set for an overdue task
  std::string cycle, period;  // set for a missing report
  std::string subject;        // in words: "Nhiệm vụ 3: …" / "Báo cáo tháng 10/2026"
  std::string reason;         // the leader's words ("" allowed)
  std::string asked_by;       // user name or chat
  Instant asked{};
  Date due{};
  std::optional<Instant> answered;
  std::string answer;
  std::string state;  // "open" | "answered" | "overdue"
  std::string answered_by;
  std::string asker_body;
};

// Longest reason or answer kept, in bytes; longer ones are refused.
inline constexpr std::size_t kMaxExplanationText = 4000;

struct AskExplanation {
  std::string body;
  std::string task;  // one of task / (cycle, period)
  std::string cycle, period;
  std::string reason, asked_by;
  Instant at{};
  // The body asking (a linked leader's chat, a signed-in leader's body): named in the message
  // ("Thường trực Đảng ủy đề nghị …") and told of the answer. "" = the standing committee.
  std::string asker_body;
};

// Why ask_explanation refused, for callers that answer with a status (the API): the input is
// malformed, names something that does not exist, or conflicts with the plan's state (not
// overdue, already done, a request already open).
struct AskRefusal {
  enum class Kind { invalid, unknown, conflict } kind = Kind::invalid;
  std::string field;  // "body", "task", "cycle", "period", "reason"
};

// Queues the request to the body's chats, audits it; error in Vietnamese when the task is not
// overdue for that body / the report is not missing, or the body is unknown (and `why`, when
// given, says which field and what kind of refusal).
Result<ExplanationRequest> ask_explanation(Database& db, const AskExplanation& a,
                                           AskRefusal* why = nullptr);
// Records the body's answer (the latest open request of the body when id is 0).
Result<ExplanationRequest> answer_explanation(Database& db, const std::string& body,
                                              std::int64_t id, const std::string& text,
                                              const std::string& by, Instant at);
// Every request asked in [from, to] (both inclusive; local dates), oldest first; body "" = all.
Result<std::vector<ExplanationRequest>> list_explanations(Database& db, const std::string& body,
                                                          Date from, Date to, Instant now);

// "GT12" -> 12; nullopt for anything else ("gt12" and "GT 12" are accepted).
std::optional<std::int64_t> parse_explanation_ref(const std::string& ref);

// The open requests as dated obligations (engine/obligation.h explanation_obligation) for
// EngineState::extra, so the scheduler reminds and escalates them. The tick and preview use
// cases call it after loading the state.
std::vector<Obligation> explanation_obligations(Database& db);

}  // namespace dondoc::service
