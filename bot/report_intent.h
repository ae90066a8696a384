// Recognises a body's report sent by chat (issue 16 §1): a message starting with "Báo cáo" (any
// case, with or without diacritics, NFC or NFD) that is more than "Báo cáo tháng 11 đã gửi" (that
// short status stays parse_report_submitted's), or any text or file replying to a report nudge.
// Pure (today is passed in); any thread. Called by service/chat_event before the status parser.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rules/date.h"

namespace dondoc::bot {

// The report a message carries: the cycle and period it names ("monthly", "2026-11"; "" when it
// names none: the one due, or the replied nudge's cycle).
struct ReportText {
  std::string cycle;
  std::string period;
  friend bool operator==(const ReportText&, const ReportText&) = default;
};

// nudge_cycle: the cycle of the report nudge the message replies to ("" when it replies to none
// or to a task's nudge). has_file: a document or photo came with the message.
std::optional<ReportText> parse_report_text(std::string_view text, std::string_view nudge_cycle,
                                            bool has_file, Date today);

}  // namespace dondoc::bot
