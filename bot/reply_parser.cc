#include "bot/reply_parser.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "bot/reply_dates.h"
#include "bot/reply_tasks.h"
#include "bot/reply_tokens.h"
#include "rules/text.h"

namespace dondoc::bot {
namespace {

using namespace reply;  // NOLINT: the parser's own internals

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
constexpr std::string_view kBlocked[] = {"vuong mac", "vuong mat", "vuong",   "kho khan",
                                         "bi tac",    "ach tac",   "tro ngai"};
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
constexpr std::string_view kReasonLead[] = {"la",     "do",          "vi",      "ve",     "o",
                                            "tai",    "boi",         "trong",   "ly do",  "boi vi",
                                            "tai vi", "nguyen nhan", "chu yeu", "nhu sau"};
constexpr std::string_view kCourtesy[] = {"cam on", "tran trong", "xin cam on"};
constexpr std::string_view kParticles[] = {"a", "ah", "ak", "nhe", "nha", "nhi"};
constexpr std::string_view kPronouns[] = {"anh", "chi", "em", "ac", "c", "cac"};
constexpr std::string_view kTailConnectors[] = {"nen", "va", "thi", "nhung"};

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

// ---- Status words and percentages ------------------------------------------------------------

enum class Kind { done, negated_done, progress, not_started, blocked, extension, cause };

struct Event {
  Kind kind;
  std::size_t begin;
  std::size_t end;
};

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

bool done_follows(const Tokens& t, std::size_t k) {
  for (std::size_t j = k; j < t.size() && j < k + 3; ++j) {
    if (match_any(t, j, kDone) > 0) return true;
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
  if (std::size_t len = match_any(t, i, kDone)) {
    if (match(t, i + len, "chua") == 1 && t[i + len].line == t[i].line) {
      return {std::nullopt, len};  // "xong chưa?" asks
    }
    if (negated(t, i, kDoneFillers, kNegation)) return {Kind::negated_done, len};
    return {prospective(t, i) ? Kind::progress : Kind::done, len};
  }
  if (std::size_t len = cause_at(t, i)) return {Kind::cause, len};
  return {std::nullopt, 1};
}

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

struct Percent {
  std::size_t pos;
  int value;
  bool valid;
};

std::optional<Percent> percent_at(const Tokens& t, std::size_t i) {
  if (t[i].cls != CharClass::digit || t[i].ref) return std::nullopt;
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

// ---- Reasons ---------------------------------------------------------------------------------

struct Scan {
  const std::string& text;
  const Tokens& t;
  std::vector<Event> events;
  std::vector<Percent> percents;
  std::vector<bool> starts;      // a status word or a percentage starts at this token
  std::vector<bool> extensions;  // an extension request starts at this token
};

bool trimmed_punct(const Token& tok) {
  return tok.cls == CharClass::other && tok.fold != ")" && tok.fold != "]" && tok.fold != "%" &&
         tok.fold != "\"" && tok.fold != "\xE2\x80\x9D";
}

// Skips ":", "-", "do", "vì", "về", repeated blocker words... before a reason.
std::size_t skip_reason_lead(const Tokens& t, std::size_t i, std::size_t end) {
  while (i < end) {
    if (trimmed_punct(t[i])) {
      ++i;
    } else if (std::size_t len =
                   std::max(match_any(t, i, kReasonLead), match_any(t, i, kBlocked))) {
      i += len;
    } else {
      break;
    }
  }
  return i;
}

// True when the reason that started at `from` stops before token e: another status after a
// comma, an extension request, or a closing courtesy ("em cảm ơn").
bool reason_stops(const Scan& s, std::size_t from, std::size_t e, std::size_t end) {
  const Tokens& t = s.t;
  if (e == from) return false;
  if (s.extensions[e] || match_any(t, e, kCourtesy) > 0) return true;
  if (t[e].fold != "," && !(t[e].fold == "-" && t[e].space_before)) return false;
  for (std::size_t k = e + 1; k < end && t[k].line == t[e].line && t[k].fold != ","; ++k) {
    if (is_break(t, k)) return false;
    if (s.starts[k]) return true;
  }
  return false;
}

std::size_t trim_reason_tail(const Tokens& t, std::size_t from, std::size_t e, bool polite) {
  while (e > from) {
    const Token& tok = t[e - 1];
    if (trimmed_punct(tok) || contains(kParticles, tok.fold)) {
      polite = polite || tok.cls != CharClass::other;
    } else if (!(polite && contains(kPronouns, tok.fold)) && !contains(kTailConnectors, tok.fold)) {
      break;
    }
    --e;
  }
  return e;
}

std::optional<std::string> reason_after(const Scan& s, std::size_t start, std::size_t end) {
  const Tokens& t = s.t;
  std::size_t from = skip_reason_lead(t, start, end);
  if (from >= end) return std::nullopt;
  std::size_t e = from;
  while (e < end && t[e].line == t[from].line && !is_break(t, e) &&
         !reason_stops(s, from, e, end)) {
    ++e;
  }
  bool courtesy = e < end && match_any(t, e, kCourtesy) > 0;
  e = trim_reason_tail(t, from, e, courtesy);
  if (e <= from) return std::nullopt;
  return s.text.substr(t[from].begin, t[e - 1].end - t[from].begin);
}

// ---- Blocks: the text about one task reference -----------------------------------------------

struct Block {
  std::size_t begin;
  std::size_t end;
  std::vector<std::string> tasks;
};

std::vector<Block> make_blocks(const std::vector<RefGroup>& refs, std::size_t n) {
  if (refs.empty()) return {Block{0, n, {}}};
  std::vector<Block> blocks;
  for (std::size_t k = 0; k < refs.size(); ++k) {
    blocks.push_back(Block{k == 0 ? 0 : refs[k].begin, k + 1 < refs.size() ? refs[k + 1].begin : n,
                           refs[k].tasks});
  }
  return blocks;
}

const Event* first_event(const Scan& s, const Block& b, Kind kind) {
  for (const Event& e : s.events) {
    if (e.kind == kind && e.begin >= b.begin && e.begin < b.end) return &e;
  }
  return nullptr;
}

std::optional<ReplyStatus> decide(const Scan& s, const Block& b, const Percent* pct) {
  auto has = [&](Kind k) { return first_event(s, b, k) != nullptr; };
  if (has(Kind::extension)) return ReplyStatus::extension_requested;
  if (has(Kind::blocked)) return ReplyStatus::blocked;
  if (pct != nullptr) {
    if (pct->value == 100)
      return has(Kind::negated_done) ? ReplyStatus::in_progress : ReplyStatus::done;
    return pct->value == 0 ? ReplyStatus::not_started : ReplyStatus::in_progress;
  }
  if (has(Kind::negated_done)) return ReplyStatus::in_progress;
  if (has(Kind::done)) return ReplyStatus::done;
  if (has(Kind::progress)) return ReplyStatus::in_progress;
  if (has(Kind::not_started)) return ReplyStatus::not_started;
  return std::nullopt;
}

std::optional<std::string> block_reason(const Scan& s, const Block& b, ReplyStatus status) {
  if (const Event* blocker = first_event(s, b, Kind::blocked)) {
    if (auto r = reason_after(s, blocker->end, b.end)) return r;
  }
  if (status == ReplyStatus::done) return std::nullopt;
  if (const Event* cause = first_event(s, b, Kind::cause))
    return reason_after(s, cause->end, b.end);
  return std::nullopt;
}

std::vector<ReplyItem> read_block(const Scan& s, const Block& b, Date today) {
  const Percent* pct = nullptr;
  for (const Percent& p : s.percents) {
    if (p.pos < b.begin || p.pos >= b.end) continue;
    if (!p.valid) return {};
    if (pct == nullptr) pct = &p;
  }
  auto status = decide(s, b, pct);
  if (!status) return {};
  ReplyItem item;
  item.status = *status;
  if (pct != nullptr && !(pct->value == 100 && *status == ReplyStatus::in_progress)) {
    item.percent = pct->value;
  }
  item.reason = block_reason(s, b, *status);
  if (const Event* ext = first_event(s, b, Kind::extension)) {
    item.new_due = find_date(s.t, ext->end, b.end, today);
    if (!item.new_due) item.new_due = find_date(s.t, b.begin, ext->begin, today);
  }
  if (b.tasks.empty()) return {item};
  std::vector<ReplyItem> items;
  for (const std::string& task : b.tasks) {
    items.push_back(item);
    items.back().task = task;
  }
  return items;
}

}  // namespace

std::string_view to_string(ReplyStatus status) {
  switch (status) {
    case ReplyStatus::done:
      return "done";
    case ReplyStatus::in_progress:
      return "in_progress";
    case ReplyStatus::blocked:
      return "blocked";
    case ReplyStatus::extension_requested:
      return "extension_requested";
    case ReplyStatus::not_started:
      return "not_started";
  }
  return "in_progress";
}

std::vector<ReplyItem> parse_reply(std::string_view raw, Date today) {
  if (text::length(raw) > kMaxReplyChars) return {};
  const std::string text = text::nfc(raw);
  Tokens t = tokenize(text);
  const std::vector<RefGroup> refs = find_refs(t);
  for (const RefGroup& g : refs) {
    for (std::size_t k = g.begin; k < g.end; ++k) t[k].ref = true;
  }
  Scan s{text, t, find_events(t), {}, std::vector<bool>(t.size()), std::vector<bool>(t.size())};
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (auto p = percent_at(t, i)) {
      s.percents.push_back(*p);
      s.starts[i] = true;
    }
  }
  for (const Event& e : s.events) {
    if (e.kind != Kind::cause) s.starts[e.begin] = true;
    if (e.kind == Kind::extension) s.extensions[e.begin] = true;
  }
  std::vector<ReplyItem> out;
  for (const Block& b : make_blocks(refs, t.size())) {
    for (ReplyItem& item : read_block(s, b, today)) out.push_back(std::move(item));
  }
  return out;
}

nlohmann::json to_json(const std::vector<ReplyItem>& items) {
  auto list = nlohmann::json::array();
  for (const ReplyItem& item : items) {
    nlohmann::json j = nlohmann::json::object();
    if (item.task) j["task"] = *item.task;
    j["status"] = std::string(to_string(item.status));
    if (item.percent) j["percent"] = *item.percent;
    if (item.reason) j["reason"] = *item.reason;
    if (item.new_due) j["new_due"] = format_date(*item.new_due);
    list.push_back(std::move(j));
  }
  return nlohmann::json{{"items", std::move(list)}};
}

}  // namespace dondoc::bot
