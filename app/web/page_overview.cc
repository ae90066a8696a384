// Tổng quan: the counts in the five buckets (plus blocked and extension requests) with the colour
// code and the on-time rate, the per-body table sortable by ?sort=, the report grids, and the
// Cần xử lý block. GET /, on the reader.
#include <algorithm>
#include <chrono>
#include <optional>

#include "app/web/page_memo.h"
#include "app/web/svg.h"
#include "app/web/view.h"
#include "app/web/web.h"
#include "service/dashboard.h"
#include "service/dashboard_cache.h"

namespace dondoc::app::web {
namespace {

using nlohmann::json;
using service::BodyLine;

// The columns ?sort= accepts; counts sort largest first, the name A-Z, "" keeps plan order.
const char* const kSortKeys[] = {"name",      "overdue",     "done_on_time",
                                 "done_late", "in_progress", "not_started",
                                 "blocked",   "rate",        "last_reply"};

int count_of(const BodyLine& b, const std::string& key) {
  const auto& c = b.counts;
  if (key == "overdue") return c.overdue;
  if (key == "done_on_time") return c.done_on_time;
  if (key == "done_late") return c.done_late;
  if (key == "in_progress") return c.in_progress;
  if (key == "not_started") return c.not_started;
  if (key == "blocked") return c.blocked;
  return 0;
}

void sort_bodies(std::vector<BodyLine>& bodies, const std::string& key) {
  auto by = [&key](const BodyLine& a, const BodyLine& b) {
    if (key == "name") return a.name < b.name;
    if (key == "rate")
      return a.counts.on_time_rate.value_or(-1) > b.counts.on_time_rate.value_or(-1);
    if (key == "last_reply") {
      return a.last_reply.value_or(Instant{}) > b.last_reply.value_or(Instant{});
    }
    return count_of(a, key) > count_of(b, key);
  };
  if (std::find(std::begin(kSortKeys), std::end(kSortKeys), key) != std::end(kSortKeys)) {
    std::stable_sort(bodies.begin(), bodies.end(), by);
  }
}

json body_json(const Request& r, const BodyLine& b) {
  json j{{"body", b.body},
         {"name", b.name},
         {"href", r.url("/co-quan/" + b.body)},
         {"counts", counts_json(b.counts)},
         {"rate", percent(b.counts.on_time_rate)},
         {"last_reply", b.last_reply ? vn_time(*b.last_reply) : "—"},
         {"linked", b.linked_chats > 0},
         {"linked_chats", b.linked_chats},
         {"bar", stacked_bar(b.name, segments_of(b.counts), 240)}};
  return j;
}

// The report grids; a missing cell carries the form a leader asks the body to explain with
// (POST /giai-trinh, app/web/actions_explain.cc) when the viewer may.
json reports_json(const Request& r, const std::vector<service::ReportGrid>& grids) {
  bool can_ask = service::allowed(*r.viewer, service::Permission::request_explanation);
  json out = json::array();
  for (const auto& g : grids) {
    json rows = json::array();
    for (const auto& row : g.rows) {
      json cells = json::array();
      for (const auto& c : row.cells) {
        json cell{{"state", c.state}, {"state_vi", c.state_vi}, {"due", vn_date(c.due)}};
        if (can_ask && c.state == "missing") {
          cell["ask"] = {{"action", r.url("/giai-trinh")},
                         {"csrf", kCsrfSlot},
                         {"body", row.body},
                         {"cycle", g.cycle},
                         {"period", c.period},
                         {"label", c.label},
                         {"name", row.name}};
        }
        cells.push_back(std::move(cell));
      }
      rows.push_back({{"name", row.name}, {"cells", cells}});
    }
    json labels = json::array();
    if (!g.rows.empty()) {
      for (const auto& c : g.rows.front().cells) labels.push_back(c.label);
    }
    out.push_back({{"cycle_vi", g.cycle_vi}, {"periods", labels}, {"rows", rows}});
  }
  return out;
}

json attention_json(const Request& r, const service::Attention& a) {
  auto rows = [&r](const std::vector<service::StatusRow>& v) {
    json out = json::array();
    for (const auto& row : v) {
      json j = status_row_json(row);
      j["href"] = r.url("/nhiem-vu/" + row.obligation.task);
      out.push_back(j);
    }
    return out;
  };
  json escalated = json::array();
  for (const auto& e : a.escalated) {
    escalated.push_back({{"label", e.label},
                         {"text", e.text},
                         {"at", vn_time(e.at)},
                         {"href", r.url("/nhiem-vu/" + e.task)}});
  }
  json unlinked = json::array();
  for (const auto& b : a.unlinked) {  // the template shows only the name and the link
    unlinked.push_back({{"name", b.name}, {"href", r.url("/co-quan/" + b.body)}});
  }
  bool any = !a.blockers.empty() || !a.extension_requests.empty() || !a.escalated.empty() ||
             !a.unlinked.empty();
  return {{"blockers", rows(a.blockers)},
          {"has_blockers", !a.blockers.empty()},
          {"extensions", rows(a.extension_requests)},
          {"has_extensions", !a.extension_requests.empty()},
          {"escalated", escalated},
          {"has_escalated", !escalated.empty()},
          {"unlinked", unlinked},
          {"has_unlinked", !unlinked.empty()},
          {"any", any}};
}

// The first instant at which time alone changes the content (its date is in the memo's stamp):
// an escalation leaves "Cần xử lý" when it is more than kEscalatedDays (30) old.
Instant valid_until(const service::Attention& a) {
  Instant until = Instant::max();
  for (const auto& e : a.escalated) until = std::min(until, e.at + std::chrono::days{30});
  return until;
}

std::string overview_content(Request& r, Database& db, Instant& until, HttpOut& failed) {
  auto ov = service::overview(db, r.now, *r.viewer);
  if (!ov) {
    failed = service_error(r, ov.error());
    return {};
  }
  std::string sort = r.q("sort");
  sort_bodies(ov.value().bodies, sort);
  json bodies = json::array();
  std::vector<RateBar> rates;
  rates.reserve(ov.value().bodies.size());
  for (const auto& b : ov.value().bodies) {
    bodies.push_back(body_json(r, b));
    rates.push_back({b.name, b.counts.on_time_rate});
  }
  json sorts = json::array();
  for (const char* key : kSortKeys) {
    sorts.push_back({{"key", key}, {"href", r.url("/?sort=") + key}, {"active", sort == key}});
  }
  json data{{"counts", counts_json(ov.value().tasks)},
            {"bodies", std::move(bodies)},
            {"rate_chart", rates.empty() ? std::string() : rate_chart(rates, 760)},
            {"sort", std::move(sorts)},
            {"reports", reports_json(r, ov.value().reports)},
            {"attention", attention_json(r, ov.value().attention)}};
  until = valid_until(ov.value().attention);
  return render_content(r, "overview", std::move(data));
}

HttpOut overview_page(Request& r, Database& db) {
  thread_local PageMemo memo;
  std::optional<std::string> stamp;
  if (page_memo_enabled()) stamp = service::view_stamp(db, r.now);
  std::string key = memo_key(r);
  if (stamp) {
    if (const std::string* content = memo.find(*stamp, key, r.now)) {
      return page_content(r, "Tổng quan", *content);
    }
  }
  Instant until = Instant::max();
  HttpOut failed{0, "", ""};
  std::string content = overview_content(r, db, until, failed);
  if (failed.status != 0) return failed;
  if (stamp) memo.put(*stamp, key, content, until);
  return page_content(r, "Tổng quan", std::move(content));
}

const Registration kOverview{Route::get("/", &overview_page).in_nav("overview")};

}  // namespace
}  // namespace dondoc::app::web
