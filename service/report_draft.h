// The draft consolidated report of a period whose due date has passed (issue 16 §4): which
// periods have one ready, and the one notice per period that tells the secretariat in chat. Called
// by the tick (service/tick.cc) inside its transaction, and by the dashboard's report page. Pure
// over a loaded state; any thread.
#pragma once

#include <string>
#include <vector>

#include "engine/state.h"

namespace dondoc::service {

struct DraftReport {
  std::string cycle, period, label;  // "monthly", "2026-11", "tháng 11/2026"
  Date due{};                        // the bodies' reports were due then
};

// Per report cycle (ad hoc ones have no periods), the latest period whose due date is before
// `now`'s day, when follow-up had started by then (history_start). Rules order.
std::vector<DraftReport> ready_drafts(const EngineState& st, Instant now);

// "Dự thảo báo cáo tháng 11/2026 về kết quả thực hiện kế hoạch đã được tổng hợp …" (the
// notice adds the greeting to the secretariat before it).
std::string draft_notice_text(const DraftReport& d);

// Adds to `b` one notice per ready draft to the secretariat's chats, under the send-log key
// "dig|report_draft|<cycle>|<period>" unless it was already written (so once per period). The
// "dig|" prefix matters: it is one of the ranges the engine store loads into `sent`.
void add_draft_notices(const EngineState& st, Instant now, Batch& b);

}  // namespace dondoc::service
