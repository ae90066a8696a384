// The dashboard's values as template data (JSON for mustache): counts with their colour classes,
// a standing's badge, a status row, dates and times in Vietnamese form. Pure; any thread. Used by
// the pages (app/web/page_*.cc); the JSON API uses service/dashboard_json.h instead.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "rules/date.h"
#include "service/dashboard.h"

namespace dondoc::app::web {

std::string vn_time(Instant t);                     // "16/11/2026 09:00"
std::string vn_date(const std::optional<Date>& d);  // "16/11/2026", "" when none
// A stored ISO instant ("2026-12-01T00:26:47+07:00") as a person reads it: "01/12/2026 00:26"
// (local UTC+7); the text unchanged when it does not parse.
std::string vn_time_text(std::string_view iso);
// {"at": vn_time_text(iso), "at_iso": iso}: for <time datetime="{{at_iso}}">{{at}}</time>.
nlohmann::json time_json(std::string_view iso);
// An outbox row's status in words: "pending" -> "chờ gửi", "sent" -> "đã gửi", ...
std::string_view message_status_vi(std::string_view status);
std::string percent(const std::optional<double>& r);  // "83%", "—" when none
std::string grouped(int n);  // "10 000": digits grouped by three with a space, as Vietnamese reads
// A paged list's pager for the templates ({{#paging.several}}, {{paging.count}}, prev, next):
// "51–100 trong 2 004 <what>" for items first..last of total, and the links to the pages before
// and after (`href(n)`: page n's URL, the list's other parameters kept).
nlohmann::json pager_json(int first, int last, int total, const std::string& what, int page,
                          int pages, const std::function<std::string(int)>& href);
// {"key","label","tone","class"}: class is "tone-green" ...; the badge every list uses.
nlohmann::json badge(service::Standing s);
// The five buckets in order, then blocked and extension requests: [{key,label,tone,count}], and
// "on_time_rate", "total".
nlohmann::json counts_json(const service::Counts& c);
nlohmann::json status_row_json(const service::StatusRow& row);
// The record form's statuses in words: "in_progress" -> "Đang thực hiện", ...
std::string_view status_label_vi(std::string_view status);

}  // namespace dondoc::app::web
