// Internal to the deadline parser (deadline.cc, deadline_words.cc, deadline_core.cc): the tokens of
// a folded phrase, a cursor over them, and the pieces a phrase is made of. Not for other callers.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/date.h"
#include "rules/result.h"

// The parser works on text::fold() output (ASCII lower case for Vietnamese), split into words,
// numbers and the separators '/', '-', '.'. A phrase is: prefix words ("trước", "đến hết", ...),
// one core ("tháng 9/2025", "quý IV/2025", "ngày 20", "10/6", "năm 2025", ...), an optional "và
// những năm tiếp theo" suffix; a recurrence ("hằng tháng", ...) may stand anywhere.

namespace dondoc::deadline_detail {

inline constexpr std::string_view kUnknown =
    "không nhận ra thời hạn (ví dụ hợp lệ: \"Tháng 9/2025\", \"Quý IV/2025\", \"Thường "
    "xuyên\", \"trước ngày 20 hàng tháng\")";

struct Token {
  enum class Type { word, number, sym };
  Type type;
  std::string text;
  int value = 0;  // numbers only, capped at 999999
};

// Splits folded text into tokens; commas, semicolons, colons, parentheses and spaces only
// separate them.
std::vector<Token> tokenize(std::string_view s);

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
// Words around the core (deadline_words.cc).

enum class Recur { none, yearly, monthly, quarterly };

// Removes "hằng/hàng/mỗi năm|tháng|quý", "N tháng/lần" (1, 3, 12) and "định kỳ [N tháng]" from
// the tokens. nullopt when two different recurrences are written.
std::optional<Recur> take_recurrence(std::vector<Token>& t);

// "Khi có yêu cầu", "Theo yêu cầu", "Đột xuất" (and nothing else): on request, no date.
bool is_on_request(const std::vector<Token>& t);

// Removes "thường xuyên", "liên tục" and "(hoặc) đột xuất", which add nothing beside a recurrence
// ("Thường xuyên, hằng năm"; "Hằng quý hoặc đột xuất").
void drop_beside_recurrence(std::vector<Token>& t);

// "Thường xuyên", "Thường xuyên, liên tục", "Thực hiện thường xuyên".
bool is_continuous(const std::vector<Token>& t);

struct Prefix {
  bool before = false;  // "trước": the day before the first day of what follows
  bool from = false;    // "từ", "kể từ"
  bool end = false;     // "cuối"
};

// Prefix words: "trước", "từ", "cuối" and the ones that change nothing ("hoàn thành", "đến").
Prefix take_prefix(Cursor& c);

// "và những năm tiếp theo", "và các năm sau", "trở đi".
bool take_from_suffix(Cursor& c);

// ---------------------------------------------------------------------------------------------
// The core (deadline_core.cc).

struct Core {
  enum class Shape { none, period, year, month_only, day_month, day, quarter_day };
  Shape shape = Shape::none;
  Date first{}, last{};  // period, year
  int year = 0;          // year
  int month = 0;         // month_only, day_month
  int day = 0;           // day_month, day, quarter_day (0 = none written)
  int moq = 0;           // quarter_day
};

// The core at the cursor; Core{} (Shape::none) when no token is left.
Result<Core> parse_core(Cursor& c);

}  // namespace dondoc::deadline_detail
