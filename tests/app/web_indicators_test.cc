// The indicators page and API against a real `dondoc serve`: the table, a value recorded from the
// form (flash with the standing, history shown), a head limited to its body's indicators, and
// GET /api/v1/indicators.
#include <catch2/catch.hpp>

#include "tests/app/web_support.h"

namespace t = dondoc::testing;
using nlohmann::json;

TEST_CASE("web: the indicators page, recording a value, the API") {
  t::WebServed s;
  s.add_user("vhxh", "head", "vh_xh");
  std::string admin = s.sign_in("admin1");
  auto page = s.get("/chi-tieu", admin);
  REQUIRE(page.status == 200);
  CHECK(page.body.find("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến") != std::string::npos);
  CHECK(page.body.find("Chưa có số liệu") != std::string::npos);
  CHECK(page.body.find("href=\"/chi-tieu\"") != std::string::npos);  // in the nav

  std::string csrf = t::csrf_of(page.body);
  auto rec = s.post("/chi-tieu/3.4/ghi", "csrf=" + csrf + "&value=86%25&note=quy+III", admin);
  REQUIRE(rec.status == 303);
  page = s.get("/chi-tieu", admin);
  CHECK(page.body.find("Lịch sử số liệu chỉ tiêu 3.4") != std::string::npos);
  CHECK(page.body.find("quy III") != std::string::npos);

  auto api = s.get("/api/v1/indicators", admin);
  REQUIRE(api.status == 200);
  auto j = json::parse(api.body);
  bool found = false;
  for (const auto& i : j["indicators"]) {
    if (i["id"] != "3.4") continue;
    found = true;
    CHECK(i["latest"]["value"] == "86%");
    CHECK(i["latest"]["source"] == "web");
    CHECK(i["latest"]["by"] == "admin1");
  }
  CHECK(found);

  std::string head = s.sign_in("vhxh");
  auto mine = s.get("/api/v1/indicators", head);
  REQUIRE(mine.status == 200);
  json seen = json::parse(mine.body);  // kept: a range-for over a temporary's member dangles
  REQUIRE_FALSE(seen["indicators"].empty());
  for (const auto& i : seen["indicators"]) CHECK(i["monitoring_body"] == "vh_xh");
  std::string hcsrf = t::csrf_of(s.get("/chi-tieu", head).body);
  auto refused = s.post("/chi-tieu/3.4/ghi", "csrf=" + hcsrf + "&value=90", head);
  CHECK(refused.status == 403);
  auto ok = s.post("/chi-tieu/2.1/ghi", "csrf=" + hcsrf + "&value=85", head);
  CHECK(ok.status == 303);
}
