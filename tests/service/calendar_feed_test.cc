// service/calendar_feed: the feed parsed back with libical (dates, alarms at the rules' reminder
// offsets, stable UIDs, Vietnamese text, CRLF) and the subscription tokens (hashed, revocable).
#include <libical/ical.h>

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <set>

#include "service/calendar_feed.h"
#include "tests/service/dashboard_fixture.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

struct Event {
  std::string uid, summary, description;
  std::string start;  // YYYY-MM-DD
  bool all_day = false;
  std::vector<int> triggers;  // seconds from the start
};

std::string ymd(const icaltimetype& t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year, t.month, t.day);
  return buf;
}

// The feed's events by UID, and its calendar name.
std::map<std::string, Event> parse(const std::string& text, std::string* name = nullptr) {
  std::unique_ptr<icalcomponent, decltype(&icalcomponent_free)> cal(
      icalparser_parse_string(text.c_str()), &icalcomponent_free);
  REQUIRE(cal);
  REQUIRE(icalcomponent_isa(cal.get()) == ICAL_VCALENDAR_COMPONENT);
  for (icalproperty* p = icalcomponent_get_first_property(cal.get(), ICAL_X_PROPERTY); p;
       p = icalcomponent_get_next_property(cal.get(), ICAL_X_PROPERTY)) {
    if (name && std::string(icalproperty_get_x_name(p)) == "X-WR-CALNAME")
      *name = icalproperty_get_x(p);
  }
  std::map<std::string, Event> out;
  for (icalcomponent* e = icalcomponent_get_first_component(cal.get(), ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(cal.get(), ICAL_VEVENT_COMPONENT)) {
    Event ev;
    ev.uid = icalcomponent_get_uid(e);
    ev.summary = icalcomponent_get_summary(e);
    ev.description = icalcomponent_get_description(e);
    icaltimetype start = icalcomponent_get_dtstart(e);
    ev.start = ymd(start);
    ev.all_day = start.is_date != 0;
    for (icalcomponent* a = icalcomponent_get_first_component(e, ICAL_VALARM_COMPONENT); a;
         a = icalcomponent_get_next_component(e, ICAL_VALARM_COMPONENT)) {
      icalproperty* t = icalcomponent_get_first_property(a, ICAL_TRIGGER_PROPERTY);
      REQUIRE(t);
      ev.triggers.push_back(icaldurationtype_as_int(icalproperty_get_trigger(t).duration));
    }
    CHECK(out.emplace(ev.uid, ev).second);  // UIDs are unique
  }
  return out;
}

constexpr int kHour = 3600, kDay = 24 * kHour;

}  // namespace

TEST_CASE("calendar feed: a body's report dues and deadlines, all-day, with the rules' alarms") {
  DashboardDb d;
  auto text = service::calendar_feed(d.db, "kinh_te", at("2025-10-15T09:00+07:00"));
  REQUIRE(text);
  CHECK(text->find("\r\n") != std::string::npos);
  CHECK(text->find("\n") == text->find("\r\n") + 1);  // CRLF lines
  std::string name;
  auto events = parse(*text, &name);
  CHECK(name == "Hạn nhiệm vụ và báo cáo — Phòng Kinh tế");
  REQUIRE_FALSE(events.empty());
  for (const auto& [uid, e] : events) {
    CHECK(e.all_day);
    CHECK(uid.find("|kinh_te@dondoc") != std::string::npos);
  }
  // Monthly report "trước ngày 20": 19/10/2025 is a Sunday, so due Friday 17/10; reminders 3 and 1
  // working days before (Tue 14, Thu 16) at 08:00 and on the day.
  auto monthly = events.find("report||monthly|2025-10|kinh_te@dondoc");
  REQUIRE(monthly != events.end());
  CHECK(monthly->second.start == "2025-10-17");
  CHECK(monthly->second.summary == "Hạn nộp báo cáo tháng 10/2025");
  CHECK(monthly->second.description.find("Phòng Văn hóa - Xã hội") != std::string::npos);
  CHECK(monthly->second.triggers ==
        std::vector<int>{-3 * kDay + 8 * kHour, -16 * kHour, 8 * kHour});
  // The annual cycle overrides the reminders: 5, 3 and 1 working days before Fri 28/11/2025.
  auto annual = events.find("report||annual|2025|kinh_te@dondoc");
  REQUIRE(annual != events.end());
  CHECK(annual->second.start == "2025-11-28");
  CHECK(annual->second.triggers ==
        std::vector<int>{-7 * kDay + 8 * kHour, -3 * kDay + 8 * kHour, -16 * kHour, 8 * kHour});
  int tasks = 0;
  for (const auto& [uid, e] : events) {
    if (uid.rfind("task|", 0) != 0) continue;
    ++tasks;
    CHECK(e.summary.rfind("Hạn: Nhiệm vụ ", 0) == 0);
    CHECK(e.description.find("Cơ quan chủ trì: ") != std::string::npos);
    CHECK(e.triggers.size() == 3);  // task deadlines: 5 and 1 working days before, on the day
  }
  CHECK(tasks > 0);
}

TEST_CASE("calendar feed: the whole plan names each body; the same UIDs on every call") {
  DashboardDb d;
  Instant now = at("2025-10-15T09:00+07:00");
  auto a = service::calendar_feed(d.db, "", now);
  auto b = service::calendar_feed(d.db, "", now + std::chrono::hours(30));
  REQUIRE(a);
  REQUIRE(b);
  auto ea = parse(*a), eb = parse(*b);
  CHECK(ea.size() > parse(*service::calendar_feed(d.db, "kinh_te", now)).size());
  CHECK(ea.count("report||monthly|2025-10|kinh_te@dondoc") == 1);
  CHECK(eb.count("report||monthly|2025-10|kinh_te@dondoc") == 1);
  CHECK(ea.at("report||monthly|2025-10|kinh_te@dondoc").summary ==
        "Hạn nộp báo cáo tháng 10/2025 (Phòng Kinh tế)");
}

TEST_CASE("calendar feed: an unknown body is an error naming it; a body by its name works") {
  DashboardDb d;
  auto bad = service::calendar_feed(d.db, "phong_khong_co", at("2025-10-15T09:00+07:00"));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().find("phong_khong_co") != std::string::npos);
  CHECK(service::calendar_feed(d.db, "Phòng Kinh tế", at("2025-10-15T09:00+07:00")));
}

TEST_CASE("feed tokens: stored hashed, looked up to their commune, revoked for good") {
  DashboardDb d;
  Instant now = at("2025-10-15T09:00+07:00");
  auto t = service::create_feed_token(d.db, "Phòng Kinh tế", "admin", now);
  REQUIRE(t);
  CHECK(t->body == "kinh_te");
  CHECK(t->token.size() == 48);
  CHECK(d.db.sql()
            .exec_and_get("SELECT COUNT(*) FROM feed_tokens WHERE token_hash = '" + t->token + "'")
            .as_int() == 0);
  auto found = service::feed_token_lookup(d.db, t->token);
  REQUIRE(found);
  CHECK(found->commune == d.db.commune());
  CHECK(found->body == "kinh_te");
  auto wrong = t->token;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  CHECK(service::feed_token_lookup(d.db, wrong).error() == "not_found");
  CHECK(service::feed_token_lookup(d.db, "").error() == "not_found");
  auto list = service::list_feed_tokens(d.db);
  REQUIRE(list);
  REQUIRE(list->size() == 1);
  CHECK(list->front().token.empty());
  REQUIRE(service::revoke_feed_token(d.db, t->id, "admin", now));
  CHECK(service::feed_token_lookup(d.db, t->token).error() == "not_found");
  CHECK(service::list_feed_tokens(d.db)->front().revoked);
  CHECK(d.db.sql()
            .exec_and_get("SELECT COUNT(*) FROM audit WHERE kind IN "
                          "('feed_token_created','feed_token_revoked')")
            .as_int() == 2);
  CHECK_FALSE(service::revoke_feed_token(d.db, 999, "admin", now));
  CHECK_FALSE(service::create_feed_token(d.db, "khong_co", "admin", now));
}
