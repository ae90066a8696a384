// The dashboard's lists and pages on the demo plan: filters and search, what a head may see, the
// report grid's cells, the body page, the coming dues and the audit's paging and filters.
#include <catch2/catch.hpp>

#include <limits>

#include "rules/text.h"
#include "tests/service/dashboard_fixture.h"

using namespace dondoc;
using namespace dondoc::testing;
using service::Standing;

namespace {

const char* kNow = "2025-10-02T09:00+07:00";

bool has_task(const std::vector<service::TaskLine>& list, const std::string& id) {
  for (const auto& t : list) {
    if (t.id == id) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("task list: filters, search without diacritics, worst standing") {
  DashboardDb d;
  d.record("2", "vh_xh", Status::done, "2025-09-25T09:00+07:00");
  d.record("5", "vh_xh", Status::blocked, "2025-09-25T09:00+07:00");
  auto v = admin(d.db);
  auto all = service::task_list(d.db, at(kNow), v, {});
  REQUIRE(all);
  CHECK(all->size() == 8);
  CHECK(all->front().id == "1");  // plan order
  CHECK(all->at(1).stored.lead.size() == 1);

  service::TaskFilter f;
  f.search = "XAY DUNG";
  auto found = service::task_list(d.db, at(kNow), v, f);
  REQUIRE(found);
  CHECK(has_task(*found, "2"));
  for (const auto& t : *found) {
    CHECK(text::fold(t.id + " " + t.title + " " + t.output).find("xay dung") != std::string::npos);
  }

  f = {};
  f.section = "II";
  auto section = service::task_list(d.db, at(kNow), v, f);
  REQUIRE(section);
  CHECK(section->size() == 2);  // tasks 5 and 6

  f = {};
  f.blocked_only = true;
  auto blocked = service::task_list(d.db, at(kNow), v, f);
  REQUIRE(blocked);
  REQUIRE(blocked->size() == 1);
  CHECK(blocked->front().id == "5");
  CHECK(blocked->front().standing == Standing::overdue);

  f = {};
  f.overdue_only = true;
  auto overdue = service::task_list(d.db, at(kNow), v, f);
  REQUIRE(overdue);
  CHECK(has_task(*overdue, "2"));  // its coordinators are late although the lead is done
  CHECK_FALSE(has_task(*overdue, "6"));

  f = {};
  f.standing = Standing::not_started;
  auto fresh = service::task_list(d.db, at(kNow), v, f);
  REQUIRE(fresh);
  CHECK(has_task(*fresh, "6"));
  CHECK_FALSE(has_task(*fresh, "5"));
}

TEST_CASE("a head sees only its body: lists leave others out, pages answer forbidden") {
  DashboardDb d;
  auto kt = service::task_list(d.db, at(kNow), head(d.db, "kinh_te"), {});
  REQUIRE(kt);
  REQUIRE(!kt->empty());
  for (const auto& t : *kt) {
    for (const auto& a : t.assignees) CHECK(a.body == "kinh_te");
  }
  auto none = service::task_list(d.db, at(kNow), head(d.db, "cong_an"), {});
  REQUIRE(none);
  CHECK(none->empty());
  auto page = service::task_page(d.db, at(kNow), head(d.db, "cong_an"), "2");
  REQUIRE_FALSE(page);
  CHECK(page.error() == "forbidden");
  auto missing = service::task_page(d.db, at(kNow), admin(d.db), "99");
  REQUIRE_FALSE(missing);
  CHECK(missing.error() == "not_found");
  auto body = service::body_page(d.db, at(kNow), head(d.db, "kinh_te"), "vh_xh");
  REQUIRE_FALSE(body);
  CHECK(body.error() == "forbidden");
  CHECK(service::body_list(d.db, at(kNow), head(d.db, "kinh_te")).size() == 1);
}

TEST_CASE("task page: assignees, history in words, messages about it") {
  DashboardDb d;
  d.record("2", "vh_xh", Status::in_progress, "2025-09-24T09:00+07:00", 60);
  d.record("2", "kinh_te", Status::extension_requested, "2025-09-25T09:00+07:00");
  auto page = service::task_page(d.db, at(kNow), admin(d.db), "2");
  REQUIRE(page);
  CHECK(page->task.assignees.size() == 4);
  CHECK(page->task.assignees.front().lead);
  REQUIRE(page->history.size() >= 2);
  CHECK(page->history[0].kind_vi == "Xin gia hạn");  // newest first
  CHECK(page->history[1].kind_vi == "Cập nhật");
  CHECK(page->history[1].text.find("Phòng Văn hóa - Xã hội") != std::string::npos);
  CHECK(page->history[1].actor == "test");
  auto as_head = service::task_page(d.db, at(kNow), head(d.db, "vh_xh"), "2");
  REQUIRE(as_head);
  CHECK(as_head->task.assignees.size() == 1);
  for (const auto& h : as_head->history) CHECK(h.kind_vi != "Xin gia hạn");  // kinh_te's
  for (const auto& m : as_head->messages) CHECK(m.recipient == "vh_xh");
}

TEST_CASE("report grid: on time, late, missing, not due") {
  DashboardDb d;
  d.record("", "kinh_te", Status::done, "2025-10-15T09:00+07:00", 0, "monthly", "2025-10");
  d.record("", "vp_ubnd", Status::done, "2025-10-22T09:00+07:00", 0, "monthly", "2025-10");
  auto o = service::overview(d.db, at("2025-12-01T09:00+07:00"), admin(d.db));
  REQUIRE(o);
  const service::ReportGrid* monthly = nullptr;
  for (const auto& g : o->reports) {
    if (g.cycle == "monthly") monthly = &g;
  }
  REQUIRE(monthly);
  CHECK(monthly->periods == std::vector<std::string>{"2025-09", "2025-10", "2025-11", "2025-12"});
  auto cell = [&](const std::string& body, const std::string& period) {
    for (const auto& r : monthly->rows) {
      if (r.body != body) continue;
      for (const auto& c : r.cells) {
        if (c.period == period) return c.state;
      }
    }
    return std::string("absent");
  };
  CHECK(cell("kinh_te", "2025-10") == "on_time");
  CHECK(cell("vp_ubnd", "2025-10") == "late");
  CHECK(cell("tt_hcc", "2025-10") == "missing");
  CHECK(cell("tt_hcc", "2025-12") == "not_due");
  CHECK(cell("vh_xh", "2025-10") == "absent");  // receives the reports
  CHECK(monthly->rows.front().cells[1].label == "Tháng 10/2025");
}

TEST_CASE("missing_report: a missing cell of the grid, or why no explanation is asked") {
  DashboardDb d;
  d.record("", "kinh_te", Status::done, "2025-10-15T09:00+07:00", 0, "monthly", "2025-10");
  Instant now = at("2025-12-01T09:00+07:00");
  bool unknown = true;
  auto ok =
      service::missing_report(d.db, now, admin(d.db), "tt_hcc", "monthly", "2025-10", &unknown);
  REQUIRE(ok);
  CHECK_FALSE(unknown);
  CHECK(ok->body == "tt_hcc");
  CHECK(ok->cycle == "monthly");
  CHECK(ok->cell.period == "2025-10");
  CHECK(ok->cell.label == "Tháng 10/2025");
  CHECK(ok->cell.state == "missing");

  auto refused = [&](const char* body, const char* cycle, const char* period, bool is_unknown,
                     const char* words) {
    auto r = service::missing_report(d.db, now, admin(d.db), body, cycle, period, &unknown);
    INFO(body << " " << cycle << " " << period << ": " << (r ? "ok" : r.error()));
    REQUIRE_FALSE(r);
    CHECK(unknown == is_unknown);
    CHECK(r.error().find(words) != std::string::npos);
  };
  refused("kinh_te", "monthly", "2025-10", false, "không cần giải trình");  // sent
  refused("tt_hcc", "monthly", "2025-12", false, "chưa quá hạn");           // not due
  refused("khong_co", "monthly", "2025-10", true, "Không có cơ quan");
  refused("tt_hcc", "hang_tuan", "2025-10", true, "Không có chu kỳ báo cáo");
  refused("tt_hcc", "monthly", "2025-05", true, "không có trong bảng");  // not a column
  refused("vh_xh", "monthly", "2025-10", true, "không phải gửi");        // receives the reports
  auto other =
      service::missing_report(d.db, now, head(d.db, "kinh_te"), "tt_hcc", "monthly", "2025-10");
  REQUIRE_FALSE(other);
  CHECK(other.error() == "forbidden");
}

TEST_CASE("body page, coming dues") {
  DashboardDb d;
  d.record("6", "vh_xh", Status::in_progress, "2025-09-25T09:00+07:00", 30);
  auto page = service::body_page(d.db, at(kNow), admin(d.db), "vh_xh");
  REQUIRE(page);
  CHECK(page->line.name == "Phòng Văn hóa - Xã hội");
  REQUIRE(!page->owes.empty());
  for (std::size_t i = 1; i < page->owes.size(); ++i) {
    if (page->owes[i].due && page->owes[i - 1].due)
      CHECK(*page->owes[i - 1].due <= *page->owes[i].due);
  }
  REQUIRE(!page->replies.empty());
  CHECK(page->chats.empty());
  auto unknown = service::body_page(d.db, at(kNow), admin(d.db), "nobody");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error() == "not_found");

  auto weeks = service::coming_dues(d.db, at("2025-12-01T09:00+07:00"), admin(d.db), false, 5);
  REQUIRE(weeks);
  REQUIRE(weeks->size() == 5);
  CHECK(weeks->front().title == "Tuần 49 (01/12 – 07/12/2025)");
  CHECK(weeks->front().working_days == 5);
  bool found_q4 = false;
  for (const auto& it : weeks->at(1).items) found_q4 |= it.report && it.period == "2025-Q4";
  CHECK(found_q4);  // due 09/12/2025
  auto months = service::coming_dues(d.db, at("2025-12-01T09:00+07:00"), admin(d.db), true, 2);
  REQUIRE(months);
  CHECK(months->at(1).title == "Tháng 1/2026");
  bool nv6 = false;
  for (const auto& it : months->at(0).items) nv6 |= it.task == "6";
  CHECK(nv6);
}

TEST_CASE("audit page: paging, kind and text filters, a head's own entries") {
  DashboardDb d;
  d.record("5", "vh_xh", Status::blocked, "2025-09-25T09:00+07:00");
  d.record("6", "kinh_te", Status::in_progress, "2025-09-26T09:00+07:00", 20);
  d.record("6", "vh_xh", Status::in_progress, "2025-09-27T09:00+07:00", 50);
  service::AuditFilter f;
  f.per_page = 2;
  auto p1 = service::audit_page(d.db, admin(d.db), f);
  CHECK(p1.items.size() == 2);
  CHECK(p1.total >= 5);
  CHECK(p1.pages == (p1.total + 1) / 2);
  CHECK(p1.items[0].at >= p1.items[1].at);  // newest first
  f.page = 2;
  auto p2 = service::audit_page(d.db, admin(d.db), f);
  CHECK(p2.items.size() == 2);
  CHECK(p2.items[0].at <= p1.items[1].at);
  CHECK(std::find(p1.kinds.begin(), p1.kinds.end(), "status_change") != p1.kinds.end());
  // A page far past the end (a URL's ?trang=) is empty, its offset held by an int, on both the
  // store's path and the filtered one that pages in memory.
  for (int far : {1000, std::numeric_limits<int>::max()}) {
    f.page = far;
    auto past = service::audit_page(d.db, admin(d.db), f);
    CHECK(past.items.empty());
    CHECK(past.total == p1.total);
    f.text = "KINH PHI";
    CHECK(service::audit_page(d.db, admin(d.db), f).items.empty());
    f.text.clear();
  }

  service::AuditFilter kind;
  kind.kind = "status_change";
  auto changes = service::audit_page(d.db, admin(d.db), kind);
  CHECK(changes.total == 3);
  service::AuditFilter text;
  text.text = "KINH PHI";
  auto blocked = service::audit_page(d.db, admin(d.db), text);
  REQUIRE(blocked.total == 1);
  CHECK(blocked.items[0].kind_vi == "Vướng mắc");
  auto own = service::audit_page(d.db, head(d.db, "kinh_te"), kind);
  CHECK(own.total == 1);
}

TEST_CASE("attention: what reached Thường trực, from the escalation ladder") {
  DashboardDb d;
  FakeClock clock(at("2025-10-10T09:00+07:00"));  // 8 working days after 30/09
  REQUIRE(service::tick(d.db, clock));
  auto o = service::overview(d.db, clock.now(), admin(d.db));
  REQUIRE(o);
  REQUIRE(!o->attention.escalated.empty());
  const auto& e = o->attention.escalated.front();
  CHECK(!e.task.empty());
  CHECK(e.label.rfind("Nhiệm vụ " + e.task + " — ", 0) == 0);
  CHECK(e.text.find("Thường trực") != std::string::npos);
  auto h = service::overview(d.db, clock.now(), head(d.db, "cong_an"));
  REQUIRE(h);
  CHECK(h->attention.escalated.empty());
}
