// Chat messages about explanation requests (yêu cầu giải trình, issue 16 §3): a linked leader
// asking a body to explain an overdue task or a missing report, and a body answering one. Pure
// (today is passed in); any thread. Read by the conversation before status replies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model.h"
#include "rules/date.h"

namespace dondoc::bot {

// "Giải trình GT12: nội dung", "giải trình: nội dung" (id 0: the body's latest open request),
// "GIAI TRINH GT 12 - nội dung", "Giải trình GT12 nội dung". text: the answer as written
// (diacritics kept), trimmed; may be empty (the service refuses it).
struct ExplanationAnswer {
  std::int64_t id = 0;
  std::string text;
};
std::optional<ExplanationAnswer> parse_explanation_answer(std::string_view text);

// "giải trình NV3 Phòng Kinh tế", "yêu cầu giải trình nhiệm vụ 3 kinh_te: lý do",
// "yeu cau giai trinh bao cao thang 10 vh_xh", "giải trình báo cáo quý III/2026 Phòng Kinh tế".
// One of task / cycle is set; period "" when the message names none (a month or quarter without a
// year is the latest on or before `today`); body_words: the folded words naming the body; reason:
// the words after the first ':' as written.
struct ExplanationAsk {
  std::string task;
  std::string cycle, period;
  std::string body_words;
  std::string reason;
};
std::optional<ExplanationAsk> parse_explanation_ask(std::string_view text, Date today);

// The body `words` names (folded id, name or alias, whole), or nullptr.
const Body* find_named_body(const std::vector<Body>& bodies, std::string_view words);

}  // namespace dondoc::bot
