// Chat messages that are not status replies: asking how to reply, asking what one owes, thanking,
// and saying a periodic report was sent ("Báo cáo tháng 11 đã gửi"). Pure (today is passed in);
// any thread. Called by the conversation before (or instead of) the status reply parser.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rules/date.h"

namespace dondoc::bot {

// none: not one of these (read it as a status reply).
// help: "hướng dẫn", "/help", "trợ giúp", "?", "help".
// owed: "nhiệm vụ của tôi", "việc của tôi", "còn gì", "/tasks", "tôi còn việc gì", "nhiệm vụ của
//       tôi là gì?" (also with "em" / "mình" for "tôi").
// thanks: "ok", "cảm ơn", "đã nhận", "vâng", "dạ", "được" (and "ok ạ", "dạ vâng", "cảm ơn ạ").
// sign_in: "đăng nhập", "/login", "/dangnhap": a one-time link to the dashboard.
// The whole message must be the phrase, give or take polite words ("dạ", "ạ", "nhé") and end
// punctuation; diacritics, case and NFD do not matter.
enum class Intent { none, help, owed, thanks, sign_in };

Intent parse_intent(std::string_view text);

// A body saying it sent a periodic report: "Báo cáo tháng 11 đã gửi", "đã gửi báo cáo quý IV",
// "bc 6 tháng đã nộp", "báo cáo năm 2026 đã gửi". cycle: the engine's names (rules/rules.h)
// "monthly", "quarterly", "half_year", "annual", or "" when no cycle is named. period: the
// engine's periods (engine/obligation.h): "2026-11", "2026-Q4", and for the yearly cycles
// (half_year, annual) the year "2026"; "" when the message names none. A month or quarter without
// a year is the most recent one on or before `today`.
struct ReportSubmitted {
  std::string cycle;
  std::string period;
  friend bool operator==(const ReportSubmitted&, const ReportSubmitted&) = default;
};

// nullopt unless the message names a report ("báo cáo", "bc") and says it was sent ("đã gửi",
// "đã nộp", "gửi rồi", "nộp rồi").
std::optional<ReportSubmitted> parse_report_submitted(std::string_view text, Date today);

}  // namespace dondoc::bot
