#include "rules/deadline.h"

#include <initializer_list>
#include <vector>

#include "rules/text.h"

// The parser works on text::fold() output (ASCII lower case for Vietnamese), split into words,
// numbers and the separators '/', '-', '.'. A phrase is: prefix words ("trước", "đến hết", ...),
// one core ("tháng 9/2025", "quý IV/2025", "ngày 20", "10/6", "năm 2025", ...), an optional "và
// những năm tiếp theo" suffix; a recurrence ("hằng tháng", ...) may stand anywhere.

namespace dondoc {
namespace {

constexpr std::string_view kUnknown =
    "không nhận ra thời hạn (ví dụ hợp lệ: \"Tháng 9/2025\", \"Quý IV/2025\", \"Thường "
    "xuyên\", \"trước ngày 20 hàng tháng\")";

struct Token {
  enum class Type { word, number, sym };
  Type type;
  std::string text;
  int value = 0;  // numbers only, capped at 999999
};

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Length of the symbol at s[i]: an en/em dash counts as '-'; any other non-ASCII character is '?'.
std::size_t symbol_at(std::string_view s, std::size_t i, char& sym) {
  std::string_view rest = s.substr(i);
  if (rest.rfind("\xE2\x80\x93", 0) == 0 || rest.rfind("\xE2\x80\x94", 0) == 0) {
    sym = '-';
    return 3;
  }
  std::size_t n = 1;
  while (static_cast<unsigned char>(s[i]) >= 0x80 && i + n < s.size() &&
         (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) {
    ++n;
  }
  sym = (s[i] == '/' || s[i] == '-' || s[i] == '.') ? s[i] : '?';
  return n;
}

// Commas, semicolons, colons, parentheses and spaces only separate tokens.
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

class Cursor {
 public:
  explicit Cursor(const std::vector<Token>& tokens) : t_(tokens) {}
  bool done() const { return i_ == t_.size(); }
  std::size_t pos() const { return i_; }
  void reset(std::size_t pos) { i_ = pos; }

  bool word(std::string_view w) {
    if (done() || t_[i_].type != Token::Type::word || t_[i_].text != w) return false;
    ++i_;
    return true;
  }
  // All the words in order, or nothing consumed.
  bool words(std::initializer_list<std::string_view> ws) {
    std::size_t start = i_;
    for (auto w : ws) {
      if (!word(w)) {
        i_ = start;
        return false;
      }
    }
    return true;
  }
  bool at_word(std::string_view w) const {
    return !done() && t_[i_].type == Token::Type::word && t_[i_].text == w;
  }
  bool sym(char c) {
    if (done() || t_[i_].type != Token::Type::sym || t_[i_].text[0] != c) return false;
    ++i_;
    return true;
  }
  bool date_sep() { return sym('/') || sym('-') || sym('.'); }
  const Token* number() { return take(Token::Type::number); }
  const Token* any_word() { return take(Token::Type::word); }

 private:
  const Token* take(Token::Type type) {
    if (done() || t_[i_].type != type) return nullptr;
    return &t_[i_++];
  }
  const std::vector<Token>& t_;
  std::size_t i_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Recurrence words and "thường xuyên".

enum class Recur { none, yearly, monthly, quarterly };

// Removes "hằng/hàng/mỗi năm|tháng|quý" and "định kỳ" from the tokens. nullopt when two
// different recurrences are written.
std::optional<Recur> take_recurrence(std::vector<Token>& t) {
  Recur found = Recur::none;
  std::vector<Token> kept;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::string& w = t[i].text;
    const std::string next = i + 1 < t.size() ? t[i + 1].text : "";
    Recur r = Recur::none;
    if (w == "hang" || w == "moi") {
      r = next == "nam"     ? Recur::yearly
          : next == "thang" ? Recur::monthly
          : next == "quy"   ? Recur::quarterly
                            : Recur::none;
    }
    if (r != Recur::none) {
      if (found != Recur::none && found != r) return std::nullopt;
      found = r;
      ++i;
    } else if (w == "dinh" && next == "ky") {
      ++i;
    } else {
      kept.push_back(t[i]);
    }
  }
  t = std::move(kept);
  return found;
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

// ---------------------------------------------------------------------------------------------
// Prefix words.

struct Prefix {
  bool before = false;  // "trước": the day before the first day of what follows
  bool from = false;    // "từ", "kể từ"
  bool end = false;     // "cuối"
};

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

// ---------------------------------------------------------------------------------------------
// Cores.

struct Core {
  enum class Shape { none, period, year, month_only, day_month, day, quarter_day };
  Shape shape = Shape::none;
  Date first{}, last{};  // period, year
  int year = 0;          // year
  int month = 0;         // month_only, day_month
  int day = 0;           // day_month, day, quarter_day (0 = none written)
  int moq = 0;           // quarter_day
};

using R = Result<Core>;

R unknown() { return R::fail(std::string(kUnknown)); }

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

Result<int> year_of_token(const Token& t) {
  if (t.text.size() != 4 || t.value < 1900 || t.value > 2999) {
    return Result<int>::fail("năm " + t.text + " không hợp lệ");
  }
  return t.value;
}

std::optional<std::string> bad_month(int m) {
  if (m >= 1 && m <= 12) return std::nullopt;
  return "tháng " + std::to_string(m) + " không tồn tại";
}

Core period(Date first, Date last) {
  Core c;
  c.shape = Core::Shape::period;
  c.first = first;
  c.last = last;
  return c;
}

R date_core(int d, int m, const Token& y_tok) {
  if (auto e = bad_month(m)) return R::fail(*e);
  auto y = year_of_token(y_tok);
  if (!y) return R::fail(y.error());
  auto date = make_date(*y, m, d);
  if (!date) {
    std::string e = "ngày " + two_digits(d) + "/" + two_digits(m) + "/" + y_tok.text;
    bool leap_note = d == 29 && m == 2;
    return R::fail(e + " không tồn tại" +
                   (leap_note ? " (" + y_tok.text + " không phải năm nhuận)" : ""));
  }
  return period(*date, *date);
}

R month_core(int m, const Token& y_tok) {
  if (auto e = bad_month(m)) return R::fail(*e);
  auto y = year_of_token(y_tok);
  if (!y) return R::fail(y.error());
  return period(*make_date(*y, m, 1), last_day_of_month(*y, m));
}

R day_month_core(int d, int m) {
  if (auto e = bad_month(m)) return R::fail(*e);
  if (d < 1 || d > day_of(last_day_of_month(2000, m))) {  // 2000: leap, so 29/02 is allowed
    return R::fail("ngày " + two_digits(d) + "/" + two_digits(m) + " không tồn tại");
  }
  Core c;
  c.shape = Core::Shape::day_month;
  c.day = d;
  c.month = m;
  return c;
}

R day_core(int d, Core::Shape shape, int moq = 0) {
  if (d < 1 || d > 31) return R::fail("ngày " + std::to_string(d) + " không tồn tại");
  Core c;
  c.shape = shape;
  c.day = d;
  c.moq = moq;
  return c;
}

// "đầu" / "giữa" / "cuối" -> 1 / 2 / 3 (month of the quarter), 0 when none.
int position_word(Cursor& c) {
  if (c.word("dau")) return 1;
  if (c.word("giua")) return 2;
  if (c.word("cuoi")) return 3;
  return 0;
}

// After the first year: "2025", "2025-2030", "2025 đến năm 2030".
R year_or_range(Cursor& c, const Token& first_tok) {
  auto y1 = year_of_token(first_tok);
  if (!y1) return R::fail(y1.error());
  std::size_t save = c.pos();
  if (c.sym('-') || c.word("den")) {
    c.word("nam");
    if (const Token* t2 = c.number()) {
      auto y2 = year_of_token(*t2);
      if (!y2) return R::fail(y2.error());
      if (*y2 < *y1) return R::fail("giai đoạn " + first_tok.text + "-" + t2->text + " bị ngược");
      return period(*make_date(*y1, 1, 1), *make_date(*y2, 12, 31));
    }
    c.reset(save);
  }
  Core core = period(*make_date(*y1, 1, 1), *make_date(*y1, 12, 31));
  core.shape = Core::Shape::year;
  core.year = *y1;
  return core;
}

// "6 tháng đầu/cuối năm 2026", "nửa đầu năm 2026": half is 1 or 2.
R half_core(Cursor& c, int half) {
  if (!c.word("nam")) return unknown();
  const Token* y = c.number();
  if (y == nullptr) return R::fail("thiếu năm sau \"6 tháng\"");
  auto year = year_of_token(*y);
  if (!year) return R::fail(year.error());
  return half == 1 ? period(*make_date(*year, 1, 1), *make_date(*year, 6, 30))
                   : period(*make_date(*year, 7, 1), *make_date(*year, 12, 31));
}

// After "tháng": "9/2025", "9 năm 2025", "9" (no year), "cuối quý".
R after_thang(Cursor& c) {
  if (int moq = position_word(c); moq != 0) {
    if (!c.word("quy")) return unknown();
    Core core;
    core.shape = Core::Shape::quarter_day;
    core.moq = moq;
    return core;
  }
  const Token* m = c.number();
  if (m == nullptr) return unknown();
  if (c.date_sep() || c.word("nam")) {
    const Token* y = c.number();
    if (y == nullptr) return unknown();
    return month_core(m->value, *y);
  }
  if (auto e = bad_month(m->value)) return R::fail(*e);
  Core core;
  core.shape = Core::Shape::month_only;
  core.month = m->value;
  return core;
}

// "Quý IV/2025", "Quý 2/2026", "Quý III năm 2026".
int roman(std::string_view w) {
  static constexpr std::string_view kRoman[] = {"i",  "ii",  "iii",  "iv", "v",
                                                "vi", "vii", "viii", "ix", "x"};
  for (std::size_t i = 0; i < std::size(kRoman); ++i) {
    if (w == kRoman[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

R after_quy(Cursor& c) {
  std::string written;
  int q = 0;
  if (const Token* n = c.number()) {
    written = n->text;
    q = n->value;
  } else if (const Token* w = c.any_word(); w != nullptr && roman(w->text) != 0) {
    for (char ch : w->text) written += static_cast<char>(ch - 'a' + 'A');
    q = roman(w->text);
  } else {
    return unknown();
  }
  if (q < 1 || q > 4) return R::fail("quý " + written + " không tồn tại");
  bool sep = c.date_sep() || c.word("nam");
  const Token* y = c.number();
  if (y == nullptr || (!sep && y->text.size() != 4)) {
    return R::fail("thiếu năm sau \"quý " + written + "\"");
  }
  auto year = year_of_token(*y);
  if (!year) return R::fail(year.error());
  return period(*make_date(*year, 3 * q - 2, 1), last_day_of_month(*year, 3 * q));
}

// After "N tháng": "đầu/cuối năm Y" (half year) or "M [năm Y]" / "đầu|giữa|cuối quý".
R after_day_thang(Cursor& c, const Token& a, bool had_ngay) {
  if (!had_ngay && a.value == 6) {
    std::size_t save = c.pos();
    int half = c.word("dau") ? 1 : c.word("cuoi") ? 2 : 0;
    if (half != 0 && c.at_word("nam")) return half_core(c, half);
    c.reset(save);
  }
  if (int moq = position_word(c); moq != 0) {
    if (!c.word("quy")) return unknown();
    return day_core(a.value, Core::Shape::quarter_day, moq);
  }
  const Token* m = c.number();
  if (m == nullptr) return unknown();
  if (c.word("nam") || c.date_sep()) {
    const Token* y = c.number();
    if (y == nullptr) return unknown();
    return date_core(a.value, m->value, *y);
  }
  return day_month_core(a.value, m->value);
}

// A phrase starting with a number: "31/12/2025", "9/2025", "10/6", "20", "2025", "2025-2030",
// "15 tháng 10 năm 2025", "6 tháng đầu năm 2026".
R number_core(Cursor& c, bool had_ngay) {
  const Token* a = c.number();
  if (a == nullptr) return unknown();
  if (!had_ngay && a->text.size() == 4) return year_or_range(c, *a);
  if (c.word("thang")) return after_day_thang(c, *a, had_ngay);
  if (!c.date_sep()) return day_core(a->value, Core::Shape::day);
  const Token* b = c.number();
  if (b == nullptr) return unknown();
  if (c.date_sep()) {
    const Token* y = c.number();
    if (y == nullptr) return unknown();
    return date_core(a->value, b->value, *y);
  }
  if (!had_ngay && b->text.size() == 4) return month_core(a->value, *b);
  return day_month_core(a->value, b->value);
}

R parse_core(Cursor& c) {
  if (c.done()) return Core{};
  if (c.word("thang")) return after_thang(c);
  if (c.word("quy") || c.word("q")) return after_quy(c);
  if (c.word("nua")) {
    if (c.word("dau")) return half_core(c, 1);
    if (c.word("cuoi")) return half_core(c, 2);
    return unknown();
  }
  if (c.words({"giai", "doan"}) || c.word("nam")) {
    c.word("nam");
    const Token* y = c.number();
    if (y == nullptr) return unknown();
    return year_or_range(c, *y);
  }
  bool had_ngay = c.word("ngay");
  return number_core(c, had_ngay);
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

// ---------------------------------------------------------------------------------------------
// Combining prefix, core and recurrence into a DeadlineSpec.

using S = Result<DeadlineSpec>;

// "Trước ngày D" in a recurring phrase: D-1, or -1 (last day of the previous month) for D = 1.
int day_before(int d) { return d == 1 ? -1 : d - 1; }
int previous(int n, int cycle) { return n == 1 ? cycle : n - 1; }

DeadlineSpec spec(DeadlineSpec::Kind kind) {
  DeadlineSpec s;
  s.kind = kind;
  return s;
}

S yearly_day(const Prefix& p, int month, int day) {
  DeadlineSpec s = spec(DeadlineSpec::Kind::yearly);
  if (day == 0) {  // a month without a day: its last day ("tháng 9 hằng năm")
    s.month = p.before ? previous(month, 12) : month;
    s.day = -1;
  } else {
    s.month = p.before && day == 1 ? previous(month, 12) : month;
    s.day = p.before ? day_before(day) : day;
  }
  return s;
}

S quarterly_day(const Prefix& p, const Core& core) {
  DeadlineSpec s = spec(DeadlineSpec::Kind::quarterly);
  if (core.moq != 0) {
    bool back = p.before && core.day <= 1;
    s.month_of_quarter = back ? previous(core.moq, 3) : core.moq;
  }
  if (core.day != 0) {
    s.day = p.before ? day_before(core.day) : core.day;
  } else if (core.moq != 0) {
    s.day = -1;
  }
  return s;
}

S combine_once(const Prefix& p, const Core& core, bool from_suffix) {
  using Shape = Core::Shape;
  if ((p.from || from_suffix) && core.shape == Shape::year) {
    DeadlineSpec s = spec(DeadlineSpec::Kind::yearly);
    s.from = core.year;
    return s;
  }
  if (from_suffix) return S(Error{std::string(kUnknown)});
  switch (core.shape) {
    case Shape::period:
    case Shape::year: {
      DeadlineSpec s;
      s.due = p.before ? core.first - std::chrono::days(1) : core.last;
      return s;
    }
    case Shape::day_month:
      return yearly_day(p, core.month, core.day);
    case Shape::quarter_day:
      return quarterly_day(p, core);
    case Shape::month_only:
      return S::fail("thiếu năm sau \"tháng " + std::to_string(core.month) + "\"");
    case Shape::day:
      return S::fail("ngày " + std::to_string(core.day) +
                     ": thiếu tháng, năm (hoặc \"hàng tháng\")");
    case Shape::none:
      break;
  }
  return S(Error{std::string(kUnknown)});
}

S combine_recurring(Recur r, const Prefix& p, const Core& core) {
  using Shape = Core::Shape;
  if (r == Recur::monthly) {
    DeadlineSpec s = spec(DeadlineSpec::Kind::monthly);
    if (core.shape == Shape::day) s.day = p.before ? day_before(core.day) : core.day;
    if (core.shape == Shape::none && p.end) s.day = -1;
    if (core.shape == Shape::none || core.shape == Shape::day) return s;
  } else if (r == Recur::yearly) {
    if (core.shape == Shape::day_month || core.shape == Shape::month_only) {
      return yearly_day(p, core.month, core.day);
    }
    if (core.shape == Shape::none && p.end) return yearly_day(Prefix{}, 12, 31);
    if (core.shape == Shape::none) return spec(DeadlineSpec::Kind::yearly);
    if (core.shape == Shape::year && p.from) return combine_once(p, core, false);
  } else {
    if (core.shape == Shape::day || core.shape == Shape::quarter_day) {
      return quarterly_day(p, core);
    }
    if (core.shape == Shape::none) {
      DeadlineSpec s = spec(DeadlineSpec::Kind::quarterly);
      if (p.end) {
        s.month_of_quarter = 3;
        s.day = -1;
      }
      return s;
    }
  }
  return S(Error{std::string(kUnknown)});
}

}  // namespace

std::string_view to_string(DeadlineSpec::Kind kind) {
  switch (kind) {
    case DeadlineSpec::Kind::once:
      return "once";
    case DeadlineSpec::Kind::continuous:
      return "continuous";
    case DeadlineSpec::Kind::yearly:
      return "yearly";
    case DeadlineSpec::Kind::monthly:
      return "monthly";
    case DeadlineSpec::Kind::quarterly:
      return "quarterly";
  }
  return "once";
}

Result<DeadlineSpec> parse_deadline(std::string_view text) {
  if (text::length(text) > kMaxDeadlineChars) {
    return S::fail("thời hạn quá dài (tối đa " + std::to_string(kMaxDeadlineChars) + " ký tự)");
  }
  std::vector<Token> tokens = tokenize(text::fold(text));
  while (!tokens.empty() && tokens.back().type == Token::Type::sym &&
         (tokens.back().text == "." || tokens.back().text == "-")) {
    tokens.pop_back();
  }
  if (tokens.empty()) return S::fail("thời hạn trống");
  if (is_continuous(tokens)) return spec(DeadlineSpec::Kind::continuous);
  std::optional<Recur> recur = take_recurrence(tokens);
  if (!recur) return S::fail("thời hạn ghi hai chu kỳ khác nhau");
  Cursor c(tokens);
  Prefix prefix = take_prefix(c);
  R core = parse_core(c);
  if (!core) return S::fail(core.error());
  bool from_suffix = take_from_suffix(c);
  if (!c.done()) return S(Error{std::string(kUnknown)});
  if (*recur == Recur::none) return combine_once(prefix, *core, from_suffix);
  if (from_suffix) return S(Error{std::string(kUnknown)});
  return combine_recurring(*recur, prefix, *core);
}

}  // namespace dondoc
