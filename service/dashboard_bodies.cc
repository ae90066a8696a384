// Cơ quan: the body list and a body's page (what it owes, its replies, its linked chats).
#include <algorithm>

#include "service/dashboard_common.h"
#include "storage/dashboard_store.h"

namespace dondoc::service {
namespace {

constexpr int kRepliesLimit = 50;

bool due_first(const StatusRow& a, const StatusRow& b) {
  if (a.due.has_value() != b.due.has_value()) return a.due.has_value();
  if (a.due && *a.due != *b.due) return *a.due < *b.due;
  return a.obligation.id < b.obligation.id;
}

}  // namespace

std::vector<BodyLine> body_list(Database& db, Instant now, const Viewer& v) {
  auto snap = snapshot(db, now, v);
  if (!snap) return {};
  return body_lines(db, snap->state.plan, snap->rows, v);
}

Result<BodyPage> body_page(Database& db, Instant now, const Viewer& v, const std::string& body) {
  auto snap = snapshot(db, now, v);
  if (!snap) return Error{snap.error()};
  const Body* b = snap->state.plan.find_body(body);
  if (!b) return Error{kNotFound};
  if (!v.sees_body(body)) return Error{kForbidden};
  BodyPage page;
  std::vector<StatusRow> own;
  for (const auto& r : snap->rows) {
    if (r.obligation.body == body) own.push_back(r);
  }
  auto lines = body_lines(db, snap->state.plan, own, v);
  if (!lines.empty()) {
    page.line = std::move(lines.front());
  } else {  // owes nothing in the window: a line with zero counts
    page.line.body = b->id;
    page.line.name = b->name;
    page.line.linked_chats = static_cast<int>(chat_links_of_body(db, body).size());
  }
  for (auto& r : own) {
    if (r.state.status != Status::done) page.owes.push_back(std::move(r));
  }
  std::stable_sort(page.owes.begin(), page.owes.end(), due_first);
  for (const auto& row : audit_about_body(db, body, kRepliesLimit)) {
    page.replies.push_back(history_item(row, snap->state));
  }
  for (const auto& c : chat_links_of_body(db, body)) {
    page.chats.push_back({c.channel, c.chat_id, c.name, c.linked_at});
  }
  return page;
}

}  // namespace dondoc::service
