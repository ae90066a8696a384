#include "bot/explanation_intent.h"

#include <algorithm>

#include "rules/text.h"

namespace dondoc::bot {
namespace {

constexpr std::size_t kMaxText = 4000;

// Folded words; letters, digits and '_' (body ids) make words, anything else separates them.
std::vector<std::string> words_of(std::string_view text) {
  std::string f = text::fold(text::utf8_prefix(text, kMaxText));
  std::vector<std::string> out;
  std::string cur;
  for (char c : f) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
      cur += c;
    } else if (!cur.empty()) {
      out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

int number(const std::string& w) {
  if (w.empty() || w.size() > 4 || !std::all_of(w.begin(), w.end(), ::isdigit)) return -1;
  return std::stoi(w);
}

int roman(const std::string& w) {
  static const char* const kRoman[] = {"i", "ii", "iii", "iv"};
  for (int i = 0; i < 4; ++i)
    if (w == kRoman[i]) return i + 1;
  return 0;
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// Skips "giai trinh" or "yeu cau giai trinh" at w[i]; false when the words do not start so.
bool skip_prefix(const std::vector<std::string>& w, std::size_t& i, bool allow_request) {
  if (allow_request && w.size() > i + 1 && w[i] == "yeu" && w[i + 1] == "cau") i += 2;
  if (w.size() > i + 1 && w[i] == "giai" && w[i + 1] == "trinh") {
    i += 2;
    return true;
  }
  return false;
}

// "gt12" or "gt 12" at w[i]: the id, i moved past it.
std::optional<std::int64_t> ref_at(const std::vector<std::string>& w, std::size_t& i) {
  if (i >= w.size() || w[i].rfind("gt", 0) != 0) return std::nullopt;
  std::string digits = w[i].substr(2);
  std::size_t used = 1;
  if (digits.empty() && i + 1 < w.size()) digits = w[i + 1], used = 2;
  if (digits.empty() || digits.size() > 12 || !std::all_of(digits.begin(), digits.end(), ::isdigit))
    return std::nullopt;
  i += used;
  return std::stoll(digits);
}

std::string trimmed(std::string_view s) { return text::collapse_space(s); }

// The raw text after the answer's "GT12" (no colon form): after the first "gt" + digits.
std::string after_ref(std::string_view raw) {
  for (std::size_t p = 0; p + 2 < raw.size(); ++p) {
    if ((raw[p] != 'g' && raw[p] != 'G') || (raw[p + 1] != 't' && raw[p + 1] != 'T')) continue;
    std::size_t q = p + 2;
    while (q < raw.size() && raw[q] == ' ') ++q;
    std::size_t d = q;
    while (q < raw.size() && raw[q] >= '0' && raw[q] <= '9') ++q;
    if (q > d) {
      std::string rest = trimmed(raw.substr(q));
      while (!rest.empty() && (rest[0] == '-' || rest[0] == ' ' || rest[0] == '.'))
        rest.erase(0, 1);
      return rest;
    }
  }
  return "";
}

// The year after a month or quarter at w[i] ("2026", "nam 2026"), or -1.
int year_at(const std::vector<std::string>& w, std::size_t& i) {
  std::size_t j = i;
  if (j < w.size() && w[j] == "nam") ++j;
  int y = j < w.size() ? number(w[j]) : -1;
  if (y < 1900 || y > 2999) return -1;
  i = j + 1;
  return y;
}

// "bao cao"/"bc" + cycle words at w[i]; i moved past them. False when no cycle is named.
bool read_report(const std::vector<std::string>& w, std::size_t& i, Date today, ExplanationAsk& a) {
  int ty = year_of(today), tm = month_of(today);
  if (i < w.size() && w[i] == "thang") {
    int m = i + 1 < w.size() ? number(w[i + 1]) : -1;
    if (m < 1 || m > 12) return false;
    i += 2;
    int y = year_at(w, i);
    if (y < 0) y = m <= tm ? ty : ty - 1;
    a.cycle = "monthly", a.period = std::to_string(y) + "-" + two(m);
    return true;
  }
  if (i < w.size() && w[i] == "quy") {
    int q = i + 1 < w.size() ? std::max(roman(w[i + 1]), number(w[i + 1])) : 0;
    if (q < 1 || q > 4) return false;
    i += 2;
    int y = year_at(w, i);
    if (y < 0) y = q <= (tm + 2) / 3 ? ty : ty - 1;
    a.cycle = "quarterly", a.period = std::to_string(y) + "-Q" + std::to_string(q);
    return true;
  }
  if (i + 1 < w.size() && w[i] == "6" && w[i + 1] == "thang") {
    i += 2;
    int y = year_at(w, i);
    a.cycle = "half_year", a.period = std::to_string(y > 0 ? y : ty);
    return true;
  }
  if (i < w.size() && w[i] == "nam") {
    int y = year_at(w, i);
    if (y < 0) ++i;
    a.cycle = "annual", a.period = std::to_string(y > 0 ? y : ty - (tm < 12 ? 1 : 0));
    return true;
  }
  return false;
}

// The subject at w[i]: "nv3", "nv 3", "nhiem vu 3", or a report.
bool read_subject(const std::vector<std::string>& w, std::size_t& i, Date today,
                  ExplanationAsk& a) {
  if (i < w.size() && w[i].size() > 2 && w[i].rfind("nv", 0) == 0 && number(w[i].substr(2)) > 0) {
    a.task = w[i++].substr(2);
    return true;
  }
  std::size_t j = i;
  if (j < w.size() && w[j] == "nv")
    ++j;
  else if (j + 1 < w.size() && w[j] == "nhiem" && w[j + 1] == "vu")
    j += 2;
  if (j > i && j < w.size() && number(w[j]) > 0) {
    a.task = w[j];
    i = j + 1;
    return true;
  }
  if (i < w.size() && w[i] == "bc") return read_report(w, ++i, today, a);
  if (i + 1 < w.size() && w[i] == "bao" && w[i + 1] == "cao") {
    i += 2;
    return read_report(w, i, today, a);
  }
  return false;
}

}  // namespace

std::optional<ExplanationAnswer> parse_explanation_answer(std::string_view text) {
  text = text::utf8_prefix(text, kMaxText);
  auto colon = text.find(':');
  std::string_view head = colon == std::string_view::npos ? text : text.substr(0, colon);
  auto w = words_of(head);
  std::size_t i = 0;
  if (!skip_prefix(w, i, false)) return std::nullopt;
  ExplanationAnswer a;
  if (auto id = ref_at(w, i)) a.id = *id;
  if (colon != std::string_view::npos && i == w.size()) {
    a.text = trimmed(text.substr(colon + 1));
    return a;
  }
  if (a.id == 0) return std::nullopt;  // "giải trình NV3 …": a leader's request, not an answer
  a.text = after_ref(text);
  return a;
}

std::optional<ExplanationAsk> parse_explanation_ask(std::string_view text, Date today) {
  text = text::utf8_prefix(text, kMaxText);
  auto colon = text.find(':');
  std::string_view head = colon == std::string_view::npos ? text : text.substr(0, colon);
  auto w = words_of(head);
  std::size_t i = 0;
  ExplanationAsk a;
  if (!skip_prefix(w, i, true) || !read_subject(w, i, today, a)) return std::nullopt;
  for (; i < w.size(); ++i) a.body_words += (a.body_words.empty() ? "" : " ") + w[i];
  if (a.body_words.empty()) return std::nullopt;
  if (colon != std::string_view::npos) a.reason = trimmed(text.substr(colon + 1));
  return a;
}

const Body* find_named_body(const std::vector<Body>& bodies, std::string_view words) {
  auto same = [&](const std::string& name) {
    auto w = words_of(name);
    std::string joined;
    for (const auto& x : w) joined += (joined.empty() ? "" : " ") + x;
    return joined == words;
  };
  for (const auto& b : bodies) {
    if (same(b.id) || same(b.name)) return &b;
    for (const auto& al : b.aliases)
      if (same(al)) return &b;
  }
  return nullptr;
}

}  // namespace dondoc::bot
