// Status words and percentages in chat replies for the reply parser: where "xong", "đang làm",
// "vướng mắc", "xin gia hạn", "do …" and "60%" stand, after negations ("chưa xong"), questions
// ("xong chưa?") and plans ("sắp xong") are told apart. Internal to bot/reply_*.cc; pure, any
// thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "bot/reply_tokens.h"

namespace dondoc::bot::reply {

// Word lists the reason reader shares with the status reader (folded words, text::fold).
inline constexpr std::string_view kBlocked[] = {"vuong mac", "vuong mat", "vuong",   "kho khan",
                                                "bi tac",    "ach tac",   "tro ngai"};
inline constexpr std::string_view kParticles[] = {"a", "ah", "ak", "nhe", "nha", "nhi"};
inline constexpr std::string_view kPronouns[] = {"anh", "chi", "em", "ac", "c", "cac"};

enum class Kind { done, negated_done, progress, not_started, blocked, extension, cause };

// A status word (or a cause: "do", "vì") at tokens [begin, end).
struct Event {
  Kind kind;
  std::size_t begin;
  std::size_t end;
};

// Every status word outside task references and questions, in text order.
std::vector<Event> find_events(const Tokens& t);

// "N%" / "N phần trăm" at token pos; valid when 0 <= value <= 100 and not negative.
struct Percent {
  std::size_t pos;
  int value;
  bool valid;
};

// The percentage starting at token i, if any ("62,5%" reads 62).
std::optional<Percent> percent_at(const Tokens& t, std::size_t i);

}  // namespace dondoc::bot::reply
