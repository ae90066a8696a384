// Nhật ký: the audit trail filtered and paginated, newest first; a head sees only what is about
// its body and its tasks. Text search ignores case and diacritics (rules/text.h fold).
#include <algorithm>
#include <limits>

#include "rules/text.h"
#include "service/dashboard_common.h"
#include "storage/dashboard_store.h"
#include "storage/plan_store.h"

namespace dondoc::service {
namespace {

// The plan and rules to put audit rows in words; the plan alone while no rules are loaded.
EngineState words_state(Database& db) {
  SqliteEngineStore store(db);
  auto st = store.load();
  if (st) return std::move(*st);
  EngineState out;
  out.plan = load_plan(db);
  return out;
}

bool about_head(const AuditRow& row, const Viewer& v, const Plan& plan) {
  std::string body = subject_body(row.subject);
  if (!body.empty()) return body == v.body;
  if (row.subject == v.body) return true;
  const Task* t = plan.find_task(row.subject);
  if (!t) return false;
  return std::any_of(t->assignees.begin(), t->assignees.end(), [&](const Assignee& a) {
    return a.body == v.body && a.role != Assignee::Role::directing;
  });
}

AuditQuery query_of(const AuditFilter& f) {
  AuditQuery q;
  q.kind = f.kind;
  q.subject = f.subject;
  if (f.since) q.since_iso = format_instant(*f.since);
  if (f.until) q.until_iso = format_instant(*f.until);
  return q;
}

}  // namespace

AuditPage audit_page(Database& db, const Viewer& v, const AuditFilter& f) {
  AuditPage out;
  if (!v.sees_commune(db.commune())) return out;
  int per_page = std::clamp(f.per_page, 1, 200);
  // At most the page whose offset an int holds: a later one is as empty as any past the end.
  out.page = std::clamp(f.page, 1, std::numeric_limits<int>::max() / per_page);
  out.kinds = audit_kinds(db);
  EngineState st = words_state(db);
  AuditQuery q = query_of(f);
  std::string needle = text::fold(f.text);
  bool filter_here = !needle.empty() || v.role == Role::head;
  if (!filter_here) {
    q.offset = (out.page - 1) * per_page;
    q.limit = per_page;
  }
  AuditSlice slice = audit_slice(db, q);
  std::vector<HistoryItem> items;
  for (const auto& row : slice.rows) {
    if (v.role == Role::head && !about_head(row, v, st.plan)) continue;
    HistoryItem h = history_item(row, st);
    if (!needle.empty() &&
        text::fold(h.text + " " + row.detail + " " + h.actor).find(needle) == std::string::npos) {
      continue;
    }
    items.push_back(std::move(h));
  }
  out.total = filter_here ? static_cast<int>(items.size()) : slice.total;
  out.pages = std::max(1, (out.total + per_page - 1) / per_page);
  if (filter_here) {
    std::size_t from = std::min(items.size(), static_cast<std::size_t>(out.page - 1) * per_page);
    std::size_t to = std::min(items.size(), from + static_cast<std::size_t>(per_page));
    items = std::vector<HistoryItem>(items.begin() + static_cast<std::ptrdiff_t>(from),
                                     items.begin() + static_cast<std::ptrdiff_t>(to));
  }
  out.items = std::move(items);
  return out;
}

}  // namespace dondoc::service
