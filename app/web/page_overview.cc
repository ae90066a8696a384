// Tổng quan: the counts in the five buckets (plus blocked and extension requests) with the colour
// code and the on-time rate, the per-body table sortable by ?sort=, the report grids, and the
// Cần xử lý block. GET /, on the reader.
#include <algorithm>
#include <chrono>
#include <optional>

#include "app/web/overview_rows.h"
#include "app/web/page_memo.h"
#include "app/web/paging.h"
#include "app/web/parse.h"
#include "app/web/svg.h"
#include "app/web/template_data.h"
#include "app/web/view.h"
#include "app/web/web.h"
#include "service/dashboard.h"
#include "service/dashboard_cache.h"

namespace dondoc::app::web {
namespace {

using service::BodyLine;

// The columns ?sort= accepts; counts sort largest first, the name A-Z, "" keeps plan order.
const char* const kSortKeys[] = {"name",      "overdue",     "done_on_time",
                                 "done_late", "in_progress", "not_started",
                                 "blocked",   "rate",        "last_reply"};

void sort_bodies(std::vector<BodyLine>& bodies, const std::string& key) {
  auto by = [&key](const BodyLine& a, const BodyLine& b) {
    if (key == "name") return a.name < b.name;
    if (key == "rate")
      return a.counts.on_time_rate.value_or(-1) > b.counts.on_time_rate.value_or(-1);
    if (key == "last_reply") {
      return a.last_reply.value_or(Instant{}) > b.last_reply.value_or(Instant{});
    }
    return count_of(a.counts, key) > count_of(b.counts, key);
  };
  if (std::find(std::begin(kSortKeys), std::end(kSortKeys), key) != std::end(kSortKeys)) {
    std::stable_sort(bodies.begin(), bodies.end(), by);
  }
}

// The keys of counts_json's cells (app/web/view.h), in its order: the columns of a body's row.
std::vector<std::string> bucket_keys(const nlohmann::json& counts) {
  std::vector<std::string> keys;
  for (const auto& b : counts["buckets"]) keys.push_back(b["key"].get<std::string>());
  return keys;
}

// Large raw HTML kept out of kainjow's rendering (raw_slot, app/web/template_data.h): the value
// that stands for html in the template data ("" stays false, so {{#x}} hides it).
class RawPieces {
 public:
  TemplateData add(std::string html) {
    if (html.empty()) return tdata::text(std::string());
    pieces_.push_back(std::move(html));
    return tdata::text(raw_slot(pieces_.size() - 1));
  }
  const std::vector<std::string>& pieces() const { return pieces_; }

 private:
  std::vector<std::string> pieces_;
};

// The report grids. A missing cell carries, when the viewer may ask, a link to the form that asks
// the body to explain (GET /giai-trinh, app/web/actions_explain.cc): htmx fetches the form into
// the cell in its place; without JavaScript the link opens it as a page. Not the form itself: a
// large plan's grids have thousands of missing cells, and a form in each made most of the page.
TemplateData reports_data(const Request& r, const std::vector<service::ReportGrid>& grids,
                          RawPieces& raw) {
  bool can_ask = service::allowed(*r.viewer, service::Permission::request_explanation);
  TemplateData out = tdata::list(grids.size());
  for (const auto& g : grids) {
    TemplateData labels = tdata::list();
    if (!g.rows.empty()) {
      for (const auto& c : g.rows.front().cells) tdata::push(labels, tdata::text(c.label));
    }
    TemplateData grid = tdata::object();
    tdata::set(grid, "cycle_vi", tdata::text(g.cycle_vi));
    tdata::set(grid, "periods", std::move(labels));
    tdata::set(grid, "rows", raw.add(grid_rows_html(r, g, can_ask)));
    tdata::push(out, std::move(grid));
  }
  return out;
}

// A status row of "Cần xử lý": what its line shows.
TemplateData attention_row(const Request& r, const service::StatusRow& row) {
  TemplateData d = tdata::object();
  tdata::set(d, "label", tdata::text(row.label));
  tdata::set(d, "body_name", tdata::text(row.body_name));
  tdata::set(d, "reason", tdata::text(row.state.reason));
  tdata::set(d, "requested_due", tdata::text(vn_date(row.state.requested_due)));
  tdata::set(d, "due", tdata::text(vn_date(row.due)));
  tdata::set(d, "href", tdata::text(r.url("/nhiem-vu/" + row.obligation.task)));
  return d;
}

TemplateData attention_data(const Request& r, const service::Attention& a) {
  auto rows = [&r](const std::vector<service::StatusRow>& v) {
    TemplateData out = tdata::list(v.size());
    for (const auto& row : v) tdata::push(out, attention_row(r, row));
    return out;
  };
  TemplateData escalated = tdata::list(a.escalated.size());
  for (const auto& e : a.escalated) {
    TemplateData d = tdata::object();
    tdata::set(d, "label", tdata::text(e.label));
    tdata::set(d, "text", tdata::text(e.text));
    tdata::set(d, "at", tdata::text(vn_time(e.at)));
    tdata::set(d, "href", tdata::text(r.url("/nhiem-vu/" + e.task)));
    tdata::push(escalated, std::move(d));
  }
  TemplateData unlinked = tdata::list(a.unlinked.size());
  for (const auto& b : a.unlinked) {
    TemplateData d = tdata::object();
    tdata::set(d, "name", tdata::text(b.name));
    tdata::set(d, "href", tdata::text(r.url("/co-quan/" + b.body)));
    tdata::push(unlinked, std::move(d));
  }
  bool any = !a.blockers.empty() || !a.extension_requests.empty() || !a.escalated.empty() ||
             !a.unlinked.empty();
  TemplateData d = tdata::object();
  tdata::set(d, "blockers", rows(a.blockers));
  tdata::set(d, "has_blockers", tdata::flag(!a.blockers.empty()));
  tdata::set(d, "extensions", rows(a.extension_requests));
  tdata::set(d, "has_extensions", tdata::flag(!a.extension_requests.empty()));
  tdata::set(d, "escalated", std::move(escalated));
  tdata::set(d, "has_escalated", tdata::flag(!a.escalated.empty()));
  tdata::set(d, "unlinked", std::move(unlinked));
  tdata::set(d, "has_unlinked", tdata::flag(!a.unlinked.empty()));
  tdata::set(d, "any", tdata::flag(any));
  return d;
}

// The count and the pager of the overview's bodies when they fill several pages; the pager's links
// keep the sort.
nlohmann::json bodies_paging(const Request& r, const service::BodiesPage& p) {
  return pager_json(p.first, p.last, p.total, "cơ quan, đơn vị", p.page, p.pages, [&r](int page) {
    std::string sort = r.q("sort");
    return r.url("/") + "?" + (sort.empty() ? "" : "sort=" + url_encode(sort) + "&") +
           "trang=" + std::to_string(page);
  });
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
  service::BodiesPage paging = service::keep_bodies_page(ov.value(), page_number(r));
  nlohmann::json counts = counts_json(ov.value().tasks);
  std::vector<std::string> keys = bucket_keys(counts);
  std::vector<RateBar> rates;
  rates.reserve(ov.value().bodies.size());
  for (const auto& b : ov.value().bodies) rates.push_back({b.name, b.counts.on_time_rate});
  TemplateData data = tdata::object();
  tdata::set(data, "counts", template_data(std::move(counts)));
  tdata::set(data, "paging", template_data(bodies_paging(r, paging)));
  RawPieces raw;
  tdata::set(data, "body_rows", raw.add(body_rows_html(r, ov.value().bodies, keys)));
  tdata::set(data, "rate_chart", raw.add(rates.empty() ? std::string() : rate_chart(rates, 760)));
  tdata::set(data, "reports", reports_data(r, ov.value().reports, raw));
  tdata::set(data, "attention", attention_data(r, ov.value().attention));
  until = valid_until(ov.value().attention);
  return render_content(r, "overview", std::move(data), raw.pieces());
}

HttpOut overview_page(Request& r, Database& db) {
  thread_local PageMemo memo;
  std::optional<std::string> stamp;
  if (page_memo_enabled()) stamp = service::view_stamp(db, r.now);
  std::string key = memo_key(r);
  if (stamp) {
    if (const MemoContent* content = memo.find(*stamp, key, r.now)) {
      return page_content(r, "Tổng quan", *content);
    }
  }
  Instant until = Instant::max();
  HttpOut failed{0, "", ""};
  std::string content = overview_content(r, db, until, failed);
  if (failed.status != 0) return failed;
  if (stamp) return page_content(r, "Tổng quan", memo.put(*stamp, key, std::move(content), until));
  return page_content(r, "Tổng quan", content);
}

const Registration kOverview{Route::get("/", &overview_page).in_nav("overview")};

}  // namespace
}  // namespace dondoc::app::web
