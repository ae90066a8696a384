// The explanation_requests table (yêu cầu giải trình, issue 16 §3): one row per request a leader
// made of a body, with its answer once given. Rows belong to the current commune. Callers: the
// service layer (service/explanations.cc), on the thread that owns the Database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rules/date.h"
#include "storage/database.h"

namespace dondoc {

struct ExplanationRow {
  std::int64_t id = 0;
  std::string body;
  std::string task;           // an overdue task, or
  std::string cycle, period;  // a missing report
  std::string subject;        // in words: "Nhiệm vụ 3: …"
  std::string reason;
  std::string asked_by;
  std::string asker_body;  // the body on whose behalf it was asked ("" = the leadership)
  Instant asked{};
  Date due{};
  std::optional<Instant> answered;
  std::string answer;
  std::string answered_by;
};

// Inserts `row` (id ignored) under the current commune; returns its id.
std::int64_t insert_explanation(Database& db, const ExplanationRow& row);
// The current commune's request `id`, if any.
std::optional<ExplanationRow> find_explanation(Database& db, std::int64_t id);
// The body's latest unanswered request, if any.
std::optional<ExplanationRow> latest_open_explanation(Database& db, const std::string& body);
// Records the answer of an unanswered request; false (nothing written) when it was answered or
// does not exist.
bool set_explanation_answer(Database& db, std::int64_t id, const std::string& text,
                            const std::string& by, Instant at);
// The current commune's requests of `body` ("" = all), oldest first; open_only: unanswered ones.
std::vector<ExplanationRow> list_explanation_rows(Database& db, const std::string& body,
                                                  bool open_only);
// Unanswered requests on this task (or this report cycle and period) of this body.
bool has_open_explanation(Database& db, const std::string& body, const std::string& task,
                          const std::string& cycle, const std::string& period);

}  // namespace dondoc
