// A body reporting an indicator's value in chat (issue 16 §2): "CT 1.1: 2 doanh nghiệp",
// "chỉ tiêu 3.2 đạt 85%", "chi tieu 3.2 dat 85%". Pure; any thread. Called by the chat handling
// (service/chat_event.cc) before the other intents.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dondoc::bot {

struct IndicatorReport {
  std::string indicator;  // "3.2", as the plan numbers it
  std::string value;      // as written, NFC ("85%", "2 doanh nghiệp", "Đạt")
  std::string note = {};  // the lines after the first, if any
  friend bool operator==(const IndicatorReport&, const IndicatorReport&) = default;
};

// nullopt unless the message starts with "CT" or "chỉ tiêu" (any case, with or without
// diacritics), then the indicator's number (digits and dots), then an optional ":", "=", "-",
// "là" or "đạt", then a value on the same line. "chỉ tiêu 2.5 đạt" alone is the value "Đạt".
std::optional<IndicatorReport> parse_indicator_report(std::string_view text);

}  // namespace dondoc::bot
