#include "bot/indicator_intent.h"

#include <cctype>

#include "rules/text.h"

namespace dondoc::bot {
namespace {

constexpr std::size_t kMaxText = 2000;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view skip_space(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  return s;
}

// The bytes of the shortest prefix of s (whole code points) whose fold is `word`, followed by a
// non-letter; 0 when none.
std::size_t folded_prefix(std::string_view s, std::string_view word) {
  std::size_t end = 0;
  for (int n = 0; n < 16 && end < s.size(); ++n) {
    end += text::code_point_at(s, end).size;
    std::string f = text::fold(s.substr(0, end));
    if (f.size() > word.size() + 2) return 0;
    if (f != word) continue;
    if (end == s.size()) return end;
    auto next = text::char_class(text::code_point_at(s, end).value);
    return next == text::CharClass::letter ? 0 : end;
  }
  return 0;
}

std::string trim(std::string_view s) { return text::collapse_space(s); }

}  // namespace

std::optional<IndicatorReport> parse_indicator_report(std::string_view raw) {
  if (raw.size() > kMaxText) return std::nullopt;
  std::string all = text::nfc(raw);
  std::string_view s = skip_space(all);
  std::size_t n = folded_prefix(s, "ct");
  if (n == 0) n = folded_prefix(s, "chi tieu");
  if (n == 0) return std::nullopt;
  s = skip_space(s.substr(n));
  std::size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
  if (i == 0 || !std::isdigit(static_cast<unsigned char>(s[0]))) return std::nullopt;
  IndicatorReport r;
  r.indicator = std::string(s.substr(0, i));
  while (r.indicator.back() == '.') r.indicator.pop_back();
  s = skip_space(s.substr(i));
  if (!s.empty() && (s.front() == ':' || s.front() == '=' || s.front() == '-')) {
    s = skip_space(s.substr(1));
  }
  auto line_end = s.find('\n');
  std::string first = trim(s.substr(0, line_end));
  if (line_end != std::string_view::npos) r.note = trim(s.substr(line_end + 1));
  std::string_view v = first;
  if (std::size_t k = folded_prefix(v, "dat"); k != 0) {
    v = skip_space(v.substr(k));
    if (v.empty()) v = "Đạt";
  } else if (std::size_t l = folded_prefix(v, "la"); l != 0) {
    v = skip_space(v.substr(l));
  }
  if (!v.empty() && v.front() == ':') v = skip_space(v.substr(1));
  r.value = trim(v);
  if (r.value.empty()) return std::nullopt;
  return r;
}

}  // namespace dondoc::bot
