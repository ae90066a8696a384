// `dondoc report submit` and `dondoc reports` on a demo database: a report stored from a file,
// listed as text and JSON; bad input exits 2 and changes nothing.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/process.h"

namespace t = dondoc::testing;
using nlohmann::json;

TEST_CASE("cli: report submit stores a body's report, reports lists it") {
  t::TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  t::write_text(dir.file("bc.txt"),
                "Báo cáo tháng\nKết quả: đạt.\nKhó khăn, vướng mắc: không.\nĐề xuất: không.");
  auto r = t::run_dondoc({"--db", db, "report", "submit", "--body", "kinh_te", "--file",
                          dir.file("bc.txt"), "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto j = json::parse(r.out);
  CHECK(j["message"].get<std::string>().rfind("Đã nhận báo cáo", 0) == 0);
  std::string cycle = j["cycle"], period = j["period"];
  auto list =
      t::run_dondoc({"--db", db, "reports", "--cycle", cycle, "--period", period, "--json"});
  REQUIRE(list.exit_code == 0);
  auto l = json::parse(list.out);
  REQUIRE(l.size() == 1);
  CHECK(l[0]["sections"]["results"] == "đạt.");
  auto text = t::run_dondoc({"--db", db, "reports", "--body", "kinh_te"});
  CHECK(text.out.find("Phòng Kinh tế") != std::string::npos);

  auto bad = t::run_dondoc({"--db", db, "report", "submit", "--body", "kinh_te", "--text", " "});
  CHECK(bad.exit_code == 2);
  auto none = t::run_dondoc({"--db", db, "report", "submit", "--body", "khong_co", "--text", "x"});
  CHECK(none.exit_code == 2);
  CHECK(json::parse(t::run_dondoc({"--db", db, "reports", "--body", "kinh_te", "--json"}).out)
            .size() == 1);
}
