// parse_deadline: a phrase's recurrence, prefix, core and suffix combined into a DeadlineSpec.
// The pieces are read by deadline_words.cc and deadline_core.cc.
#include "rules/deadline.h"

#include <vector>

#include "rules/deadline_internal.h"
#include "rules/text.h"

namespace dondoc {
namespace {

using namespace deadline_detail;  // NOLINT: the parser's own internals

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
    case DeadlineSpec::Kind::on_request:
      return "on_request";
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
  if (is_on_request(tokens)) return spec(DeadlineSpec::Kind::on_request);
  if (is_continuous(tokens)) return spec(DeadlineSpec::Kind::continuous);
  std::optional<Recur> recur = take_recurrence(tokens);
  if (!recur) return S::fail("thời hạn ghi hai chu kỳ khác nhau");
  if (*recur != Recur::none) drop_beside_recurrence(tokens);
  Cursor c(tokens);
  Prefix prefix = take_prefix(c);
  Result<Core> core = parse_core(c);
  if (!core) return S::fail(core.error());
  bool from_suffix = take_from_suffix(c);
  if (!c.done()) return S(Error{std::string(kUnknown)});
  if (*recur == Recur::none) return combine_once(prefix, *core, from_suffix);
  if (from_suffix) return S(Error{std::string(kUnknown)});
  return combine_recurring(*recur, prefix, *core);
}

}  // namespace dondoc
