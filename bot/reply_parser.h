// Reads a department head's free-text status reply, as typed in Zalo or Telegram ("NV3 xong",
// "dạ em báo cáo đang làm được 60% ạ", "vướng: thiếu người", "xin gia hạn đến 31/12"), into
// structured items. Pure (no clock: the caller passes today); any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "rules/date.h"

namespace dondoc::bot {

// What a reply says about a task; the engine maps these onto its own task states.
enum class ReplyStatus { done, in_progress, blocked, extension_requested, not_started };

// "done", "in_progress", "blocked", "extension_requested", "not_started".
std::string_view to_string(ReplyStatus status);

struct ReplyItem {
  std::optional<std::string> task;  // task number as written ("3", "12", "2.1"), no leading 0s
  ReplyStatus status = ReplyStatus::in_progress;
  std::optional<int> percent;         // 0..100
  std::optional<std::string> reason;  // the user's own words (NFC, trimmed, diacritics kept)
  std::optional<Date> new_due;        // extension_requested with an understood date only
  friend bool operator==(const ReplyItem&, const ReplyItem&) = default;
};

// Longer replies (in code points) are not read at all: no items.
inline constexpr std::size_t kMaxReplyChars = 4000;

// The items a reply states, in the order written; empty when nothing is understood.
// Matching is done on text::fold() of each word, so diacritics, NFD input, capitals and polite
// words ("dạ em báo cáo … ạ") do not matter. How the text is read:
// - Task references: "NV3", "nv 12:", "NV 3, 4" / "NV3 và NV4" / "NV3, NV4" (one item each),
//   "NV3-NV5" / "NV 3-5" (each task of a short range), "nhiệm vụ (số) 5" anywhere in the text. A
//   leading "N." or "N)" is a task number only when at least two lines of the message start that
//   way. Text up to the next reference belongs to the reference before it (text before the first
//   one belongs to the first); lines without a reference add to the current task. A reply without
//   any reference gives one item without `task`.
// - Status, strongest first: extension ("xin gia hạn", "lùi hạn", ...) > blocked ("vướng
//   (mắc)", "khó khăn", ...) > a percentage (100 -> done, 1..99 -> in_progress, 0 ->
//   not_started) > negated completion ("chưa xong", "chưa hoàn thành", "chưa làm xong" ->
//   in_progress) > completion ("xong", "hoàn thành", "đã HT") > progress ("đang làm", "đang
//   thực hiện", "sắp xong", "dự kiến hoàn thành") > not started ("chưa triển khai", "chưa làm").
//   A typo of one letter in a word of four letters or more of a completion phrase is forgiven
//   ("hoàn thàh", "hoan thnh"); single words are not ("song" is not "xong").
// - Negated blockers ("không có vướng mắc gì", "không vướng") are ignored: alone they give no
//   item; with another status that status wins.
// - The percentage is the first "N%" / "N phần trăm", or a share right after a completion word
//   ("xong 1/2" -> 50, in progress; not a date: no second "/"); any value outside 0..100 ("150%",
//   "-5%") makes the whole item invalid (no item). Decimals are truncated ("62,5%" -> 62).
// - Reason: for blocked, the words after the blocker keyword ("do", "vì", "về", ":" skipped) up to
//   the end of the line, a sentence end, or a comma followed by another status; otherwise (except
//   done) the words after "do" / "vì" / "lý do". Trailing polite words ("ạ", "anh/chị ạ") dropped.
// - new_due: "đến 31/12/2026", "15-01-2027", "ngày 15 tháng 1 năm 2027", "tháng 12" (its last
//   day), "cuối năm"; without a year, the next such day on or after `today`. A duration ("gia hạn
//   10 ngày") is not converted: working or calendar days is for the secretariat to decide, so the
//   item is extension_requested without new_due.
// - Questions are not statements: a clause ending in "?", "xong chưa", "vướng mắc gì không".
// - Known ambiguity: "đã xong NV1, NV2 đang làm" reads NV1 and NV2 as one group (both done);
//   write the reference before its status ("NV1 xong, NV2 đang làm").
// Nonsense ("ok", "vâng", "cảm ơn", "hello") gives no item.
std::vector<ReplyItem> parse_reply(std::string_view text, Date today);

// {"items":[{"task"?, "status", "percent"?, "reason"?, "new_due"? ("YYYY-MM-DD")}]}.
nlohmann::json to_json(const std::vector<ReplyItem>& items);

}  // namespace dondoc::bot
