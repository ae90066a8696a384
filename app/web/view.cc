#include "app/web/view.h"

#include <cmath>
#include <cstdio>

namespace dondoc::app::web {

using nlohmann::json;

std::string vn_time(Instant t) {
  int minute = local_minute_of_day(t);
  char hm[16];
  std::snprintf(hm, sizeof hm, "%02d:%02d", minute / 60, minute % 60);
  return format_date_vn(local_date(t)) + " " + hm;
}

std::string vn_time_text(std::string_view iso) {
  auto t = parse_instant(iso);
  return t ? vn_time(*t) : std::string(iso);
}

json time_json(std::string_view iso) {
  return {{"at", vn_time_text(iso)}, {"at_iso", std::string(iso)}};
}

std::string_view message_status_vi(std::string_view status) {
  if (status == "pending") return "chờ gửi";
  if (status == "sent") return "đã gửi";
  if (status == "failed" || status == "dead") return "không gửi được";
  if (status == "sending") return "đang gửi";
  return status;
}

std::string vn_date(const std::optional<Date>& d) { return d ? format_date_vn(*d) : ""; }

std::string percent(const std::optional<double>& r) {
  if (!r) return "—";
  return std::to_string(static_cast<int>(std::lround(*r * 100))) + "%";
}

std::string grouped(int n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

json pager_json(int first, int last, int total, const std::string& what, int page, int pages,
                const std::function<std::string(int)>& href) {
  std::string range = first == 0 ? "0" : grouped(first) + "–" + grouped(last);
  json j{{"count", range + " trong " + grouped(total) + " " + what},
         {"page", page},
         {"pages", pages},
         {"several", pages > 1}};
  if (page > 1) j["prev"] = href(page - 1);
  if (page < pages) j["next"] = href(page + 1);
  return j;
}

json badge(service::Standing s) {
  std::string tone(service::to_string(service::tone_of(s)));
  return {{"key", std::string(service::to_string(s))},
          {"label", std::string(service::label_vi(s))},
          {"tone", tone},
          {"class", "tone-" + tone}};
}

json counts_json(const service::Counts& c) {
  using service::Standing;
  auto item = [](Standing s, int n) {
    json b = badge(s);
    b["count"] = n;
    return b;
  };
  json buckets = json::array(
      {item(Standing::done_on_time, c.done_on_time), item(Standing::done_late, c.done_late),
       item(Standing::in_progress, c.in_progress), item(Standing::overdue, c.overdue),
       item(Standing::not_started, c.not_started)});
  buckets.push_back({{"key", "blocked"},
                     {"label", "Vướng mắc"},
                     {"class", "tone-red overlay"},
                     {"count", c.blocked}});
  buckets.push_back({{"key", "extension_requested"},
                     {"label", "Xin gia hạn"},
                     {"class", "tone-orange overlay"},
                     {"count", c.extension_requested}});
  return {{"buckets", buckets}, {"on_time_rate", percent(c.on_time_rate)}, {"total", c.total}};
}

json status_row_json(const service::StatusRow& row) {
  json j{{"label", row.label},
         {"task", row.obligation.task},
         {"body", row.obligation.body},
         {"body_name", row.body_name},
         {"status", row.status},
         {"due", vn_date(row.due)},
         {"overdue", row.overdue},
         {"reason", row.state.reason},
         {"requested_due", vn_date(row.state.requested_due)},
         {"obligation", row.obligation.id},
         {"cycle", row.obligation.cycle},
         {"period", row.obligation.period}};
  if (row.state.last_reply) j["last_reply"] = vn_time(*row.state.last_reply);
  return j;
}

std::string_view status_label_vi(std::string_view status) {
  if (status == "in_progress") return "Đang thực hiện";
  if (status == "done") return "Hoàn thành";
  if (status == "blocked") return "Vướng mắc";
  if (status == "not_started") return "Chưa bắt đầu";
  if (status == "extension_requested") return "Xin gia hạn";
  return status;
}

}  // namespace dondoc::app::web
