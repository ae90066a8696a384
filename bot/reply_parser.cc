// parse_reply: a reply cut into blocks (one per task reference), each read for its status,
// percentage, reason and new date. Status words and percentages are found by reply_status.cc.
#include "bot/reply_parser.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "bot/reply_dates.h"
#include "bot/reply_status.h"
#include "bot/reply_tasks.h"
#include "bot/reply_tokens.h"
#include "rules/text.h"

namespace dondoc::bot {
namespace {

using namespace reply;  // NOLINT: the parser's own internals

// Every list holds folded words (text::fold): no diacritics, đ -> d, lower case.
constexpr std::string_view kReasonLead[] = {"la",     "do",          "vi",      "ve",     "o",
                                            "tai",    "boi",         "trong",   "ly do",  "boi vi",
                                            "tai vi", "nguyen nhan", "chu yeu", "nhu sau"};
constexpr std::string_view kCourtesy[] = {"cam on", "tran trong", "xin cam on"};
constexpr std::string_view kTailConnectors[] = {"nen", "va", "thi", "nhung"};

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
         tok.fold != "\"" && tok.fold != "”";
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
