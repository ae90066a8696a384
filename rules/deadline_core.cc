// The core of a deadline phrase: "tháng 9/2025", "quý IV/2025", "ngày 20", "10/6", "năm 2025",
// "2025-2030", "6 tháng đầu năm 2026", "tháng cuối quý".
#include <iterator>
#include <string>

#include "rules/deadline_internal.h"

namespace dondoc::deadline_detail {
namespace {

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
  if (c.sym('-') || c.word("den") || c.word("va")) {
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

// "Tháng 9, 10/2026", "tháng 9 - 10/2026", "tháng 9 và 10 năm 2026": the last month of a list of
// months whose year is written once, at the end; nullptr (nothing consumed) when there is none.
const Token* later_months(Cursor& c) {
  std::size_t save = c.pos();
  const Token* last = nullptr;
  for (;;) {
    std::size_t before = c.pos();
    c.sym('-') || c.word("va");  // a comma is no token
    const Token* m = c.number();
    if (m == nullptr || m->text.size() > 2) {
      c.reset(before);
      break;
    }
    last = m;
  }
  std::size_t end = c.pos();
  bool year_follows = (c.sym('/') || c.word("nam")) && c.number() != nullptr;
  c.reset(last != nullptr && year_follows ? end : save);
  return last != nullptr && year_follows ? last : nullptr;
}

// From the first day of month `first` to the last day of month `last`, of the year that follows.
R months_core(int first, int last, Cursor& c) {
  c.sym('/') || c.word("nam");
  const Token* y = c.number();
  if (auto e = bad_month(first)) return R::fail(*e);
  if (auto e = bad_month(last)) return R::fail(*e);
  if (last < first) {
    return R::fail("tháng " + std::to_string(first) + ", " + std::to_string(last) + " bị ngược");
  }
  auto year = year_of_token(*y);
  if (!year) return R::fail(year.error());
  return period(*make_date(*year, first, 1), last_day_of_month(*year, last));
}

// After "tháng": "9/2025", "9 năm 2025", "9" (no year), "cuối quý", "9, 10/2026".
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
  if (const Token* last = later_months(c)) return months_core(m->value, last->value, c);
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

// One quarter, as a number or a roman numeral; 0 (nothing consumed) when there is none.
int quarter_at(Cursor& c, std::string& written) {
  std::size_t save = c.pos();
  if (const Token* n = c.number(); n != nullptr && n->text.size() <= 2) {
    written = n->text;
    return n->value;
  }
  c.reset(save);
  if (const Token* w = c.any_word(); w != nullptr && roman(w->text) != 0) {
    written.clear();
    for (char ch : w->text) written += static_cast<char>(ch - 'a' + 'A');
    return roman(w->text);
  }
  c.reset(save);
  return 0;
}

// "Quý III-IV/2026", "Quý III, IV năm 2026": the last quarter of the list (q when none).
int last_quarter(Cursor& c, int q, std::string& written) {
  for (;;) {
    std::size_t save = c.pos();
    c.sym('-') || c.word("va");  // a comma is no token
    std::string w;
    int next = quarter_at(c, w);
    if (next == 0) {
      c.reset(save);
      return q;
    }
    q = next;
    written += "-" + w;
  }
}

R after_quy(Cursor& c) {
  std::string written;
  int first = quarter_at(c, written);
  if (first == 0) return unknown();
  if (first > 4) return R::fail("quý " + written + " không tồn tại");
  int q = last_quarter(c, first, written);
  if (q < 1 || q > 4) return R::fail("quý " + written + " không tồn tại");
  if (q < first) return R::fail("quý " + written + " bị ngược");
  bool sep = c.date_sep() || c.word("nam");
  const Token* y = c.number();
  if (y == nullptr || (!sep && y->text.size() != 4)) {
    return R::fail("thiếu năm sau \"quý " + written + "\"");
  }
  auto year = year_of_token(*y);
  if (!year) return R::fail(year.error());
  return period(*make_date(*year, 3 * first - 2, 1), last_day_of_month(*year, 3 * q));
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

}  // namespace

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

}  // namespace dondoc::deadline_detail
