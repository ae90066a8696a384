#include "bot/reply_tokens.h"

#include <algorithm>

#include "rules/text.h"

namespace dondoc::bot::reply {

bool contains(Words words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// Words are runs of letters or of digits ("NV3" is "NV" + "3"); any other character is a token
// of its own. Each token keeps its byte range in `s`, so reasons are cut from the original.
Tokens tokenize(const std::string& s) {
  Tokens out;
  int line = 0;
  bool space = true;
  bool open = false;  // the last token is a letter or digit run that may still grow
  for (std::size_t i = 0; i < s.size();) {
    text::CodePoint cp = text::code_point_at(s, i);
    std::size_t len = cp.size;
    CharClass c = cp.valid ? text::char_class(cp.value) : CharClass::other;
    if (c == CharClass::space || c == CharClass::newline) {
      open = false;
      space = true;
      if (c == CharClass::newline) ++line;
    } else if (open && out.back().cls == c) {
      out.back().end = i + len;
    } else {
      out.push_back(Token{"", i, i + len, line, space, c});
      open = c == CharClass::letter || c == CharClass::digit;
      space = false;
    }
    i += len;
  }
  for (auto& t : out) t.fold = text::fold(std::string_view(s).substr(t.begin, t.end - t.begin));
  return out;
}

bool line_start(const Tokens& t, std::size_t i) { return i == 0 || t[i - 1].line != t[i].line; }

// A sentence end: ";", "!", "?", or "." followed by a space or the end of the line.
bool is_break(const Tokens& t, std::size_t i) {
  const std::string& f = t[i].fold;
  if (f == ";" || f == "!" || f == "?" || f == "…") return true;
  if (f != ".") return false;
  return i + 1 == t.size() || t[i + 1].space_before || t[i + 1].line != t[i].line;
}

// Length in tokens of `phrase` (folded words separated by spaces) at token i, on one line, outside
// task references; 0 when it is not there.
std::size_t match(const Tokens& t, std::size_t i, std::string_view phrase) {
  std::size_t k = i;
  while (!phrase.empty()) {
    std::size_t sp = phrase.find(' ');
    std::string_view word = phrase.substr(0, sp);
    if (k >= t.size() || t[k].ref || t[k].line != t[i].line || t[k].fold != word) return 0;
    ++k;
    phrase = sp == std::string_view::npos ? std::string_view() : phrase.substr(sp + 1);
  }
  return k - i;
}

namespace {

// Levenshtein distance of two short ASCII words, capped: 2 means "2 or more".
int distance_up_to_1(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return 2;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) return a.substr(i + 1) == b.substr(i + 1) ? 1 : 2;  // substitution
  return a.substr(i) == b.substr(i + 1) ? 1 : 2;                                // one letter less
}

}  // namespace

std::size_t match_typo(const Tokens& t, std::size_t i, std::string_view phrase) {
  if (phrase.find(' ') == std::string_view::npos) return 0;  // single words: "song" is not "xong"
  std::size_t k = i;
  bool exact = false;
  while (!phrase.empty()) {
    std::size_t sp = phrase.find(' ');
    std::string_view word = phrase.substr(0, sp);
    if (k >= t.size() || t[k].ref || t[k].line != t[i].line || t[k].cls != CharClass::letter) {
      return 0;
    }
    int d = distance_up_to_1(t[k].fold, word);
    if (d > 1 || (d == 1 && (word.size() < 4 || t[k].fold.size() < 3))) return 0;
    exact = exact || d == 0;
    ++k;
    phrase = sp == std::string_view::npos ? std::string_view() : phrase.substr(sp + 1);
  }
  return exact ? k - i : 0;
}

std::size_t match_any(const Tokens& t, std::size_t i, Words phrases) {
  std::size_t best = 0;
  for (std::string_view p : phrases) best = std::max(best, match(t, i, p));
  return best;
}

// True when one of `phrases` ends exactly before token `end` (same line).
bool ends_before(const Tokens& t, std::size_t end, Words phrases) {
  for (std::string_view p : phrases) {
    std::size_t words = static_cast<std::size_t>(std::count(p.begin(), p.end(), ' ')) + 1;
    if (end >= words && match(t, end - words, p) == words && t[end - words].line == t[end].line) {
      return true;
    }
  }
  return false;
}

}  // namespace dondoc::bot::reply
