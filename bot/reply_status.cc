// Finding status words and percentages in a tokenised reply (see reply_status.h).
#include "bot/reply_status.h"

#include <algorithm>
#include <string>
#include <utility>

namespace dondoc::bot::reply {
namespace {

// Every list holds folded words (text::fold): no diacritics, đ -> d, lower case.
constexpr std::string_view kExtension[] = {"gia han",
                                           "xin gia han",
                                           "de nghi gia han",
                                           "gian han",
                                           "lui han",
                                           "xin lui han",
                                           "lui thoi han",
                                           "xin lui",
                                           "doi han",
                                           "doi thoi han",
                                           "xin hoan",
                                           "keo dai thoi gian",
                                           "keo dai thoi han",
                                           "xin them thoi gian",
                                           "dieu chinh thoi han",
                                           "xin gh"};
constexpr std::string_view kNotStarted[] = {"chua trien khai", "chua lam",     "chua thuc hien",
                                            "chua tien hanh",  "chua bat dau", "chua khoi dong",
                                            "chua tk",         "chua th"};
constexpr std::string_view kProgressVerbs[] = {
    "lam",  "thuc", "trien", "tien",  "xu",    "hoan", "chuan", "xay",  "cho", "tong",
    "khan", "gap",  "tiep",  "trinh", "soan",  "phoi", "to",    "tham", "ra",  "kiem",
    "lap",  "dieu", "cap",   "sua",   "trong", "th",   "tk",    "lm",   "hop"};
constexpr std::string_view kProgressPhrases[] = {
    "tiep tuc thuc hien", "tiep tuc trien khai", "da trien khai", "da bat dau",
    "bat dau thuc hien",  "bat dau trien khai",  "da thuc hien",  "da lam"};
constexpr std::string_view kDone[] = {"hoan thanh", "hoan tat", "xong", "xog", "ht", "done"};
constexpr std::string_view kNegation[] = {"chua", "khong", "ko",   "k",     "kg", "khg",
                                          "kh",   "hok",   "hong", "chang", "chx"};
constexpr std::string_view kBlockerNegation[] = {
    "chua", "khong", "ko",  "k",   "kg",      "khg",        "kh",        "hok",
    "hong", "chang", "chx", "het", "thao go", "giai quyet", "khac phuc", "vuot qua"};
constexpr std::string_view kDoneFillers[] = {"kip",  "the",  "duoc", "lam", "thuc", "hien", "trien",
                                             "khai", "hoan", "toan", "van", "co",   "tk",   "th"};
constexpr std::string_view kBlockerFillers[] = {
    "co",   "gap",  "bi",  "gi",   "he",    "con", "thay", "phat", "sinh",
    "dang", "them", "kho", "khan", "vuong", "mac", "va",   ","};  // "không có khó khăn, vướng mắc
                                                                  // gì"
constexpr std::string_view kExtensionFillers[] = {"can", "phai", "co", "muon"};
// Completion that is only planned: these words right before it ("sắp xong"), or the far ones
// anywhere earlier in the clause ("dự kiến tháng 12 xong").
constexpr std::string_view kProspective[] = {
    "se",     "sap",      "gan",     "dang",     "dg",  "de",  "ke hoach", "thoi gian",
    "co the", "chuan bi", "du kien", "phan dau", "nua", "toi", "sau"};
constexpr std::string_view kProspectiveFar[] = {"du kien", "phan dau", "se",  "truoc khi",
                                                "sau khi", "hy vong",  "mong"};
constexpr std::string_view kCause[] = {"do",     "vi",          "ly do", "boi vi",
                                       "tai vi", "nguyen nhan", "boi"};
// "tiến độ", "đơn vị", "mức độ"...: "do" / "vi" that are not "because".
constexpr std::string_view kNotCauseBefore[] = {"tien", "muc", "trinh", "che",  "thai", "nhiet",
                                                "tu",   "don", "dia",   "pham", "thu"};

// True when a negation precedes token j, possibly with filler words between
// ("chưa xong", "chưa làm xong", "không có vướng mắc gì"); up to 4 fillers.
bool negated(const Tokens& t, std::size_t j, Words fillers, Words negations) {
  for (std::size_t k = j, skipped = 0; k > 0; --k, ++skipped) {
    if (t[k - 1].line != t[j].line || t[k - 1].ref) return false;
    if (ends_before(t, k, negations)) return true;
    if (skipped == 4 || !contains(fillers, t[k - 1].fold)) return false;
  }
  return false;
}

// True when completion at token j is only planned ("sắp xong", "dự kiến hoàn thành").
bool prospective(const Tokens& t, std::size_t j) {
  if (j > 0 && t[j - 1].fold == "da") return false;  // "kế hoạch đã hoàn thành"
  for (std::size_t k = j; k > 0 && j - k < 6; --k) {
    if (t[k - 1].line != t[j].line || t[k - 1].fold == "," || is_break(t, k - 1)) return false;
    if (ends_before(t, k, j - k < 2 ? Words(kProspective) : Words(kProspectiveFar))) return true;
  }
  return false;
}

// True when the clause holding token i ends with "?": "xong chưa em?", "có vướng mắc gì không?".
bool in_question(const Tokens& t, std::size_t i) {
  for (std::size_t k = i; k < t.size() && t[k].line == t[i].line; ++k) {
    if (t[k].fold == "?") return true;
    if (is_break(t, k)) return false;
  }
  return false;
}

std::size_t blocker_at(const Tokens& t, std::size_t i) {
  std::size_t len = match_any(t, i, kBlocked);
  // "mét vuông", "góc vuông" are not blockers.
  if (len > 0 && t[i].fold == "vuong" && i > 0 && t[i - 1].line == t[i].line &&
      (t[i - 1].fold == "met" || t[i - 1].fold == "m" || t[i - 1].fold == "km" ||
       t[i - 1].fold == "goc" || t[i - 1].fold == "hinh")) {
    return 0;
  }
  return len;
}

std::size_t progress_at(const Tokens& t, std::size_t i) {
  if ((t[i].fold == "dang" || t[i].fold == "dg") && i + 1 < t.size() && !t[i + 1].ref &&
      t[i + 1].line == t[i].line && contains(kProgressVerbs, t[i + 1].fold)) {
    return 2;
  }
  return match_any(t, i, kProgressPhrases);
}

std::size_t cause_at(const Tokens& t, std::size_t i) {
  std::size_t len = match_any(t, i, kCause);
  if (len == 1 && i > 0 && t[i - 1].line == t[i].line && contains(kNotCauseBefore, t[i - 1].fold)) {
    return 0;
  }
  return len;
}

// Completion words at token i, typos of the longer ones forgiven ("hoàn thàh").
std::size_t done_at(const Tokens& t, std::size_t i) {
  std::size_t len = match_any(t, i, kDone);
  for (std::string_view p : kDone) len = std::max(len, match_typo(t, i, p));
  return len;
}

bool done_follows(const Tokens& t, std::size_t k) {
  for (std::size_t j = k; j < t.size() && j < k + 3; ++j) {
    if (done_at(t, j) > 0) return true;
    if (!contains(kDoneFillers, t[j].fold)) return false;
  }
  return false;
}

// "(vướng mắc) gì không", "(khó khăn) không": a question, not a blocker.
bool asks(const Tokens& t, std::size_t k) {
  if (k < t.size() && t[k].fold == "gi") ++k;
  return k < t.size() && (t[k].fold == "khong" || t[k].fold == "ko" || t[k].fold == "k") &&
         (k + 1 == t.size() || t[k + 1].line != t[k].line || !t[k + 1].space_before ||
          contains(kPronouns, t[k + 1].fold) || contains(kParticles, t[k + 1].fold));
}

// The event starting at token i, if any, and its length in tokens (at least 1).
std::pair<std::optional<Kind>, std::size_t> event_at(const Tokens& t, std::size_t i) {
  if (std::size_t len = match_any(t, i, kExtension)) {
    if (negated(t, i, kExtensionFillers, kNegation)) return {std::nullopt, len};
    return {Kind::extension, len};
  }
  if (std::size_t len = blocker_at(t, i)) {
    if (negated(t, i, kBlockerFillers, kBlockerNegation) || asks(t, i + len)) {
      return {std::nullopt, len};
    }
    return {Kind::blocked, len};
  }
  if (std::size_t len = match_any(t, i, kNotStarted)) {
    // "chưa làm xong" is unfinished work, read at "xong".
    if (done_follows(t, i + len)) return {std::nullopt, 1};
    return {Kind::not_started, len};
  }
  if (std::size_t len = progress_at(t, i)) return {Kind::progress, len};
  if (std::size_t len = done_at(t, i)) {
    if (match(t, i + len, "chua") == 1 && t[i + len].line == t[i].line) {
      return {std::nullopt, len};  // "xong chưa?" asks
    }
    if (negated(t, i, kDoneFillers, kNegation)) return {Kind::negated_done, len};
    return {prospective(t, i) ? Kind::progress : Kind::done, len};
  }
  if (std::size_t len = cause_at(t, i)) return {Kind::cause, len};
  return {std::nullopt, 1};
}

}  // namespace

std::vector<Event> find_events(const Tokens& t) {
  std::vector<Event> events;
  for (std::size_t i = 0; i < t.size();) {
    if (t[i].ref) {
      ++i;
      continue;
    }
    auto [kind, len] = event_at(t, i);
    if (kind && !in_question(t, i)) events.push_back(Event{*kind, i, i + len});
    i += len;
  }
  return events;
}

// "xong 1/2", "được 3/4": a share of the work right after a completion word, as a percentage.
// Not a date: nothing but a done word may stand before it, and no second "/" after it.
std::optional<Percent> fraction_at(const Tokens& t, std::size_t i) {
  constexpr std::string_view kBefore[] = {"xong", "xog", "ht", "thanh", "tat", "duoc", "dat"};
  std::size_t k = i + 3;
  if (i == 0 || k > t.size() || !contains(kBefore, t[i - 1].fold) || t[i - 1].line != t[i].line) {
    return std::nullopt;
  }
  if (t[i + 1].fold != "/" || t[i + 1].space_before || t[i + 2].cls != CharClass::digit ||
      t[i + 2].space_before || t[i].fold.size() > 2 || t[i + 2].fold.size() > 2) {
    return std::nullopt;
  }
  if (k < t.size() && t[k].fold == "/" && !t[k].space_before) return std::nullopt;
  int n = std::stoi(t[i].fold), m = std::stoi(t[i + 2].fold);
  if (m < 2 || m > 10 || n > m) return std::nullopt;
  return Percent{i, n * 100 / m, true};
}

std::optional<Percent> percent_at(const Tokens& t, std::size_t i) {
  if (t[i].cls != CharClass::digit || t[i].ref) return std::nullopt;
  if (auto f = fraction_at(t, i)) return f;
  auto decimal_mark = [&](std::size_t k) {
    return (t[k].fold == "," || t[k].fold == ".") && !t[k].space_before;
  };
  // Fraction digits of "62,5%" were read with their integer part.
  if (i >= 2 && !t[i].space_before && decimal_mark(i - 1) && t[i - 2].cls == CharClass::digit) {
    return std::nullopt;
  }
  std::size_t k = i + 1;
  if (k + 1 < t.size() && decimal_mark(k) && t[k + 1].cls == CharClass::digit &&
      !t[k + 1].space_before) {
    k += 2;
  }
  if (k >= t.size() || t[k].line != t[i].line) return std::nullopt;
  if (t[k].fold != "%" && match(t, k, "phan tram") == 0) return std::nullopt;
  bool negative = i > 0 && t[i - 1].fold == "-" && !t[i].space_before &&
                  (t[i - 1].space_before || line_start(t, i - 1));
  int value = t[i].fold.size() > 4 ? 100000 : std::stoi(t[i].fold);
  return Percent{i, value, !negative && value <= 100};
}

}  // namespace dondoc::bot::reply
