// The task page's POST actions, each run on the writer with the signed-in user as the audit's
// actor, then 303 back to the task with a flash: approve or reject an extension, record a status
// on a body's behalf (a head only for its own body), mark a blocker handled with a note, send one
// ad-hoc reminder to a body. Bad input: the service's own words in the flash, nothing changed.
#include "app/web/view.h"
#include "app/web/web.h"
#include "engine/status.h"
#include "rules/date.h"
#include "service/adhoc_reminder.h"
#include "service/blocker.h"
#include "service/extension.h"
#include "service/record.h"

namespace dondoc::app::web {
namespace {

using service::Permission;

std::string back(const Request& r) { return r.url("/nhiem-vu/" + r.param("id")); }

HttpOut decide_extension(Request& r, Database& db) {
  service::ExtensionDecision d;
  d.approve = r.f("decision") != "reject";
  d.task = r.param("id");
  d.body = r.f("body");
  d.cycle = r.f("cycle");
  d.period = r.f("period");
  d.by = r.actor();
  d.at = r.now;
  auto out = service::decide_extension(db, d);
  if (!out) return redirect(r, back(r), out.error());
  return redirect(
      r, back(r),
      d.approve ? "Đã đồng ý gia hạn; hạn mới: " + format_date_vn(*out.value().state.due_override)
                : "Đã không đồng ý gia hạn.");
}

// The record form: status, percent, reason, new_due; an error message when malformed.
std::optional<std::string> fill(const Request& r, Command& c) {
  auto status = status_from_string(r.f("status"));
  if (!status) return "Tình trạng không hợp lệ.";
  c.status = *status;
  if (!r.f("percent").empty()) {
    try {
      c.percent = std::stoi(r.f("percent"));
    } catch (const std::exception&) {
      return "Phần trăm phải là số từ 0 đến 99.";
    }
  }
  c.reason = r.f("reason");
  if (c.status == Status::blocked && c.reason.empty()) return "Vướng mắc cần ghi lý do.";
  if (!r.f("new_due").empty()) {
    c.new_due = parse_date(r.f("new_due"));
    if (!c.new_due) return "Ngày xin gia hạn không hợp lệ (YYYY-MM-DD).";
  }
  if (c.status == Status::extension_requested && !c.new_due) return "Xin gia hạn cần ngày mới.";
  return std::nullopt;
}

HttpOut record_status(Request& r, Database& db) {
  if (!r.viewer->sees_body(r.f("body"))) {
    return error(r, 403, "Bạn chỉ cập nhật được cho cơ quan của mình.");
  }
  Command c;
  c.kind = Command::Kind::set_status;
  c.task = r.param("id");
  c.body = r.f("body");
  c.at = r.now;
  c.source = "web:" + r.actor();
  if (auto e = fill(r, c)) return redirect(r, back(r), *e);
  auto out = service::record(db, c);
  if (!out) return redirect(r, back(r), out.error());
  return redirect(r, back(r),
                  "Đã ghi nhận: " + std::string(status_label_vi(to_string(c.status))) + ".");
}

HttpOut handle_blocker(Request& r, Database& db) {
  service::BlockerHandled h{r.param("id"), r.f("body"), r.f("note"), r.actor(), r.now};
  auto out = service::handle_blocker(db, h);
  return redirect(r, back(r), out ? "Đã đánh dấu vướng mắc đã xử lý." : out.error());
}

HttpOut send_reminder(Request& r, Database& db) {
  service::AdhocReminder a{r.f("body"), r.param("id"), r.actor(), r.now};
  auto out = service::send_adhoc_reminder(db, a);
  return redirect(r, back(r), out ? "Đã xếp tin nhắc vào hàng gửi." : out.error());
}

const Registration kDecide{
    Route::post("/nhiem-vu/{id}/gia-han", &decide_extension).need(Permission::decide_extension)};
const Registration kRecord{
    Route::post("/nhiem-vu/{id}/cap-nhat", &record_status).need(Permission::record_status)};
const Registration kBlocker{
    Route::post("/nhiem-vu/{id}/vuong-mac", &handle_blocker).need(Permission::handle_blocker)};
const Registration kRemind{
    Route::post("/nhiem-vu/{id}/nhac", &send_reminder).need(Permission::send_reminder)};

}  // namespace
}  // namespace dondoc::app::web
