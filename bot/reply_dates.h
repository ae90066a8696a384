// Dates in chat replies for the reply parser: "31/12", "15/01/2027", "15-01-2027", "ngày 15 tháng
// 1 năm 2027", "tháng 12" (its last day), "cuối năm". Internal to bot/reply_*.cc; pure, any thread.
#pragma once

#include <cstddef>
#include <optional>

#include "bot/reply_tokens.h"
#include "rules/date.h"

namespace dondoc::bot::reply {

// The first date written in tokens [from, to). A date without a year is the next such day on or
// after `today`; an impossible one (31/2) is skipped.
std::optional<Date> find_date(const Tokens& t, std::size_t from, std::size_t to, Date today);

}  // namespace dondoc::bot::reply
