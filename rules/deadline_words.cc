// The words around a deadline phrase's core: tokens, recurrence words, "thường xuyên", prefix
// words and the "và những năm tiếp theo" suffix.
#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "rules/deadline_internal.h"
#include "rules/text.h"

namespace dondoc::deadline_detail {
namespace {

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Length of the symbol at s[i]: an en/em dash counts as '-'; any other non-ASCII character is '?'.
std::size_t symbol_at(std::string_view s, std::size_t i, char& sym) {
  text::CodePoint cp = text::code_point_at(s, i);
  if (cp.value == U'\u2013' || cp.value == U'\u2014') {
    sym = '-';
  } else {
    sym = (s[i] == '/' || s[i] == '-' || s[i] == '.') ? s[i] : '?';
  }
  return cp.size;
}

}  // namespace

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i + 1;
    if (is_lower(s[i])) {
      while (j < s.size() && is_lower(s[j])) ++j;
      out.push_back({Token::Type::word, std::string(s.substr(i, j - i))});
    } else if (is_digit(s[i])) {
      int value = 0;
      while (j < s.size() && is_digit(s[j])) ++j;
      for (std::size_t k = i; k < j; ++k) value = value > 99999 ? 999999 : value * 10 + s[k] - '0';
      out.push_back({Token::Type::number, std::string(s.substr(i, j - i)), value});
    } else if (std::string_view(" ,;:()").find(s[i]) == std::string_view::npos) {
      char sym = '?';
      j = i + symbol_at(s, i, sym);
      out.push_back({Token::Type::sym, std::string(1, sym)});
    }
    i = j;
  }
  return out;
}

namespace {

// "N tháng", "N năm" as a period: 1 tháng -> monthly, 3 tháng -> quarterly, 12 tháng / 1 năm ->
// yearly; none otherwise.
Recur every(const Token& n, const std::string& unit) {
  if (n.type != Token::Type::number) return Recur::none;
  if (unit == "thang") {
    return n.value == 1    ? Recur::monthly
           : n.value == 3  ? Recur::quarterly
           : n.value == 12 ? Recur::yearly
                           : Recur::none;
  }
  return unit == "nam" && n.value == 1 ? Recur::yearly : Recur::none;
}

// "/lần", "một lần", "lần" after "N tháng": how many tokens, 0 when absent.
std::size_t times_suffix(const std::vector<Token>& t, std::size_t i) {
  auto at = [&](std::size_t k, std::string_view w) { return k < t.size() && t[k].text == w; };
  if (at(i, "/") && at(i + 1, "lan")) return 2;
  if (at(i, "mot") && at(i + 1, "lan")) return 2;
  return at(i, "lan") ? 1 : 0;
}

// The recurrence written at t[i] and how many tokens it takes: "hằng năm", "mỗi quý", "3
// tháng/lần", and after "định kỳ" a bare "3 tháng".
Recur recurrence_at(const std::vector<Token>& t, std::size_t i, bool after_dinh_ky,
                    std::size_t& used) {
  const std::string& w = t[i].text;
  const std::string next = i + 1 < t.size() ? t[i + 1].text : "";
  used = 2;
  if (w == "hang" || w == "moi") {
    return next == "nam"     ? Recur::yearly
           : next == "thang" ? Recur::monthly
           : next == "quy"   ? Recur::quarterly
                             : Recur::none;
  }
  Recur r = every(t[i], next);
  std::size_t suffix = r == Recur::none ? 0 : times_suffix(t, i + 2);
  used += suffix;
  return suffix > 0 || after_dinh_ky ? r : Recur::none;
}

}  // namespace

// Removes "hằng/hàng/mỗi năm|tháng|quý", "N tháng/lần", "định kỳ [N tháng]" from the tokens.
// nullopt when two different recurrences are written.
std::optional<Recur> take_recurrence(std::vector<Token>& t) {
  Recur found = Recur::none;
  std::vector<Token> kept;
  bool after_dinh_ky = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    std::size_t used = 0;
    Recur r = recurrence_at(t, i, after_dinh_ky, used);
    after_dinh_ky = false;
    if (r != Recur::none) {
      if (found != Recur::none && found != r) return std::nullopt;
      found = r;
      i += used - 1;
    } else if (t[i].text == "dinh" && i + 1 < t.size() && t[i + 1].text == "ky") {
      after_dinh_ky = true;
      ++i;
    } else {
      kept.push_back(t[i]);
    }
  }
  t = std::move(kept);
  return found;
}

// "Khi có yêu cầu", "Theo yêu cầu", "Đột xuất", "Đột xuất hoặc khi có yêu cầu".
bool is_on_request(const std::vector<Token>& t) {
  static constexpr std::string_view kWords[] = {"khi", "co",   "theo", "yeu", "cau",
                                                "dot", "xuat", "hoac", "va"};
  bool seen = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].type != Token::Type::word ||
        std::find(std::begin(kWords), std::end(kWords), t[i].text) == std::end(kWords)) {
      return false;
    }
    auto next_is = [&](std::string_view w) { return i + 1 < t.size() && t[i + 1].text == w; };
    seen =
        seen || (t[i].text == "yeu" && next_is("cau")) || (t[i].text == "dot" && next_is("xuat"));
  }
  return seen;
}

// Beside a recurrence, "thường xuyên" and "hoặc đột xuất" add nothing: "Thường xuyên, hằng năm".
void drop_beside_recurrence(std::vector<Token>& t) {
  std::vector<Token> kept;
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto pair = [&](std::string_view a, std::string_view b) {
      return t[i].text == a && i + 1 < t.size() && t[i + 1].text == b;
    };
    if (pair("thuong", "xuyen") || pair("lien", "tuc") || pair("dot", "xuat")) {
      ++i;
    } else if (t[i].text != "hoac") {
      kept.push_back(t[i]);
    }
  }
  t = std::move(kept);
}

// "Thường xuyên", "Thường xuyên, liên tục", "Thực hiện thường xuyên".
bool is_continuous(const std::vector<Token>& t) {
  bool seen = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].text == "thuong" && i + 1 < t.size() && t[i + 1].text == "xuyen") {
      seen = true;
      ++i;
    } else if (t[i].type != Token::Type::word ||
               (t[i].text != "thuc" && t[i].text != "hien" && t[i].text != "trien" &&
                t[i].text != "khai" && t[i].text != "lien" && t[i].text != "tuc")) {
      return false;
    }
  }
  return seen;
}

Prefix take_prefix(Cursor& c) {
  Prefix p;
  for (;;) {
    if (c.word("truoc")) {
      p.before = true;
    } else if (c.word("tu") || c.words({"ke", "tu"})) {
      p.from = true;
    } else if (c.word("cuoi")) {
      p.end = true;
    } else if (!(c.words({"hoan", "thanh"}) || c.words({"thoi", "han"}) ||
                 c.words({"han", "chot"}) || c.word("han") || c.words({"cham", "nhat"}) ||
                 c.words({"muon", "nhat"}) || c.word("den") || c.word("het") || c.word("trong") ||
                 c.word("vao"))) {
      return p;
    }
  }
}

// "và những năm tiếp theo", "và các năm sau", "trở đi".
bool take_from_suffix(Cursor& c) {
  std::size_t save = c.pos();
  if (c.word("va")) {
    if (!c.word("nhung")) c.word("cac");
    if (c.word("nam") && (c.words({"tiep", "theo"}) || c.words({"ke", "tiep"}) || c.word("sau"))) {
      return true;
    }
    c.reset(save);
    return false;
  }
  return c.words({"tro", "di"}) || c.words({"tro", "ve", "sau"});
}

}  // namespace dondoc::deadline_detail
