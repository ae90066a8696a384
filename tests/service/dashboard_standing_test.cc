// The one classification (service/dashboard.h): each bucket, the overlays, the on-time rate, and
// that the counts printed by status --json are the overview's.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "service/dashboard_json.h"
#include "tests/service/dashboard_fixture.h"

using namespace dondoc;
using namespace dondoc::testing;
using service::Standing;

namespace {

service::StatusRow task_row(Status s, bool overdue, std::optional<Instant> done_at = {},
                            int percent = 0) {
  service::StatusRow r;
  r.obligation.task = "2";
  r.obligation.body = "vh_xh";
  r.obligation.due = *parse_date("2025-09-30");
  r.due = r.obligation.due;
  r.state.status = s;
  r.state.percent = percent;
  r.state.done_at = done_at;
  r.overdue = overdue;
  return r;
}

}  // namespace

TEST_CASE("each task obligation falls in one bucket with its colour") {
  using service::standing_of;
  using service::Tone;
  auto on_time = task_row(Status::done, false, at("2025-09-30T16:00+07:00"));
  auto late = task_row(Status::done, false, at("2025-10-01T08:00+07:00"));
  CHECK(standing_of(on_time) == Standing::done_on_time);
  CHECK(standing_of(late) == Standing::done_late);
  CHECK(standing_of(task_row(Status::in_progress, false, {}, 40)) == Standing::in_progress);
  CHECK(standing_of(task_row(Status::blocked, false)) == Standing::in_progress);
  CHECK(standing_of(task_row(Status::extension_approved, false)) == Standing::in_progress);
  CHECK(standing_of(task_row(Status::blocked, true)) == Standing::overdue);
  CHECK(standing_of(task_row(Status::not_started, true)) == Standing::overdue);
  CHECK(standing_of(task_row(Status::not_started, false)) == Standing::not_started);
  auto continuous = task_row(Status::done, false, at("2026-01-05T08:00+07:00"));
  continuous.due.reset();
  CHECK(standing_of(continuous) == Standing::done_on_time);
  auto extended = late;  // done after the written date but by the approved one
  extended.state.due_override = parse_date("2025-10-15");
  CHECK(standing_of(extended) == Standing::done_on_time);

  CHECK(service::tone_of(Standing::done_on_time) == Tone::green);
  CHECK(service::tone_of(Standing::done_late) == Tone::orange);
  CHECK(service::tone_of(Standing::in_progress) == Tone::blue);
  CHECK(service::tone_of(Standing::overdue) == Tone::red);
  CHECK(service::tone_of(Standing::not_started) == Tone::grey);
  CHECK(service::label_vi(Standing::overdue) == "Quá hạn chưa hoàn thành");
  CHECK(service::to_string(Standing::done_late) == "done_late");
  CHECK(service::standing_from_string("in_progress") == Standing::in_progress);
  CHECK_FALSE(service::standing_from_string("late"));
}

TEST_CASE("counts: overlays beside the buckets, reports ignored, on-time rate") {
  service::Counts c;
  CHECK_FALSE(c.on_time_rate);
  c.add(task_row(Status::not_started, false));
  c.add(task_row(Status::in_progress, false, {}, 10));
  CHECK_FALSE(c.on_time_rate);  // nothing fell due nor was done
  c.add(task_row(Status::done, false, at("2025-09-29T08:00+07:00")));
  c.add(task_row(Status::done, false, at("2025-10-02T08:00+07:00")));
  c.add(task_row(Status::blocked, true));
  c.add(task_row(Status::extension_requested, true));
  auto report = task_row(Status::not_started, true);
  report.obligation.task.clear();
  report.obligation.cycle = "monthly";
  c.add(report);
  CHECK(c.total == 6);
  CHECK(c.done_on_time == 1);
  CHECK(c.done_late == 1);
  CHECK(c.overdue == 2);
  CHECK(c.in_progress == 1);
  CHECK(c.not_started == 1);
  CHECK(c.blocked == 1);
  CHECK(c.extension_requested == 1);
  REQUIRE(c.on_time_rate);
  CHECK(*c.on_time_rate == Approx(0.25));
}

TEST_CASE("the overview counts the demo plan per body") {
  DashboardDb d;
  d.record("2", "vh_xh", Status::done, "2025-09-25T09:00+07:00");
  d.record("1", "vh_xh", Status::done, "2025-09-25T09:00+07:00");
  d.record("4", "vh_xh", Status::done, "2025-10-01T09:00+07:00");
  d.record("5", "vh_xh", Status::blocked, "2025-09-25T09:00+07:00");
  d.record("6", "vh_xh", Status::in_progress, "2025-09-25T09:00+07:00", 40);
  d.record("5", "kinh_te", Status::extension_requested, "2025-09-25T09:00+07:00");
  auto o = service::overview(d.db, at("2025-10-02T09:00+07:00"), admin(d.db));
  REQUIRE(o);
  REQUIRE(!o->bodies.empty());
  const auto& vh = o->bodies.front();
  CHECK(vh.body == "vh_xh");
  CHECK(vh.name == "Phòng Văn hóa - Xã hội");
  CHECK(vh.counts.done_on_time == 2);
  CHECK(vh.counts.done_late == 1);
  CHECK(vh.counts.overdue == 1);
  CHECK(vh.counts.in_progress == 1);
  CHECK(vh.counts.blocked == 1);
  REQUIRE(vh.counts.on_time_rate);
  CHECK(*vh.counts.on_time_rate == Approx(0.5));
  CHECK(vh.last_reply == at("2025-10-01T09:00+07:00"));
  int sum = 0;
  for (const auto& b : o->bodies) sum += b.counts.total;
  CHECK(sum == o->tasks.total);
  CHECK(o->tasks.extension_requested == 1);
  CHECK(o->attention.blockers.size() == 1);
  CHECK(o->attention.extension_requests.size() == 1);
  CHECK(o->attention.unlinked.size() == o->bodies.size());  // no chat linked yet

  auto h = service::overview(d.db, at("2025-10-02T09:00+07:00"), head(d.db, "kinh_te"));
  REQUIRE(h);
  REQUIRE(h->bodies.size() == 1);
  CHECK(h->bodies[0].body == "kinh_te");
  CHECK(h->tasks.total == h->bodies[0].counts.total);
}

TEST_CASE("status --json's summary is the overview's counts") {
  DashboardDb d;
  d.record("2", "vh_xh", Status::done, "2025-09-25T09:00+07:00");
  d.record("5", "vh_xh", Status::blocked, "2025-09-25T09:00+07:00");
  auto o = service::overview(d.db, at("2025-12-01T09:00+07:00"), admin(d.db));
  REQUIRE(o);
  auto run = run_dondoc({"--db", d.path, "status", "--json", "--now", "2025-12-01T09:00+07:00"});
  REQUIRE(run.exit_code == 0);
  auto j = nlohmann::ordered_json::parse(run.out);
  CHECK(j["summary"] == service::summary_json(*o));
  CHECK(j["summary"]["tasks"]["done_on_time"] == 1);
  CHECK(j["summary"]["tasks"]["blocked"] == 1);
  CHECK(j["obligations"].size() > 0);
}
