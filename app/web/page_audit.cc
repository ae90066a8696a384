// Nhật ký: the audit trail, newest first, filtered by kind, subject (task or body), text and dates,
// 50 to a page (service::audit_page; a head sees only its body's). A read on the reader thread.
#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "app/web/paging.h"
#include "app/web/parse.h"
#include "app/web/view.h"
#include "app/web/web.h"
#include "service/dashboard.h"

namespace dondoc::app::web {
namespace {

using nlohmann::json;

service::AuditFilter filter_of(const Request& r) {
  service::AuditFilter f;
  f.kind = r.q("loai");
  f.subject = r.q("doi-tuong");
  f.text = r.q("tim");
  if (auto d = parse_date(r.q("tu"))) f.since = local_instant(*d);
  if (auto d = parse_date(r.q("den"))) f.until = local_instant(*d + std::chrono::days(1));
  f.page = page_number(r);
  return f;
}

// The list's URL with the same filters on another page.
std::string page_href(const Request& r, int page) {
  std::string q = "?trang=" + std::to_string(page);
  for (const char* k : {"loai", "doi-tuong", "tim", "tu", "den"}) {
    if (!r.q(k).empty()) q += std::string("&") + k + "=" + url_encode(r.q(k));
  }
  return r.url("/nhat-ky") + q;
}

HttpOut audit(Request& r, Database& db) {
  service::AuditFilter f = filter_of(r);
  service::AuditPage p = service::audit_page(db, *r.viewer, f);
  json items = json::array(), kinds = json::array();
  for (const auto& h : p.items) {
    items.push_back({{"at", vn_time_text(h.at)},
                     {"at_iso", h.at},
                     {"kind", h.kind_vi},
                     {"actor", h.actor},
                     {"text", h.text}});
  }
  for (const auto& k : p.kinds) kinds.push_back({{"kind", k}, {"selected", k == f.kind}});
  json data{{"items", items},       {"empty", items.empty()},
            {"kinds", kinds},       {"action", r.url("/nhat-ky")},
            {"subject", f.subject}, {"text", f.text},
            {"from", r.q("tu")},    {"to", r.q("den")},
            {"page", p.page},       {"pages", p.pages},
            {"total", p.total}};
  if (p.page > 1) data["prev"] = page_href(r, p.page - 1);
  if (p.page < p.pages) data["next"] = page_href(r, p.page + 1);
  return page(r, "Nhật ký", "audit", data);
}

const Registration kAudit{Route::get("/nhat-ky", &audit).in_nav("audit")};

}  // namespace
}  // namespace dondoc::app::web
