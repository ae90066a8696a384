// The indicator commands on the demo database: `indicators [--json]`, `indicator record` (on the
// monitoring body's behalf; bad input exit 2, nothing written) and `import indicators` of the
// demo table (and a broken one: FILE:LINE, nothing imported).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/process.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

json indicator(const json& all, const std::string& id) {
  for (const auto& i : all["indicators"]) {
    if (i["id"] == id) return i;
  }
  FAIL("no indicator " << id);
  return {};
}

}  // namespace

TEST_CASE("cli: indicators listed, recorded and imported") {
  t::TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  const std::string now = "2026-11-30T09:00+07:00";

  auto list = t::run_dondoc({"--db", db, "indicators", "--json", "--now", now});
  REQUIRE(list.exit_code == 0);
  auto j = json::parse(list.out);
  REQUIRE(j["indicators"].size() == 6);
  auto i21 = indicator(j, "2.1");
  CHECK(i21["state"] == "no_data");
  CHECK(i21["latest"].is_null());
  CHECK(i21["next_milestone"]["year"] == 2030);
  CHECK(i21["monitoring_body"] == "vh_xh");

  auto rec = t::run_dondoc({"--db", db, "indicator", "record", "2.1", "100%", "--body", "vh_xh",
                            "--note", "theo báo cáo năm", "--now", now});
  INFO(rec.err);
  REQUIRE(rec.exit_code == 0);
  CHECK(rec.out.find("Đã ghi chỉ tiêu 2.1") != std::string::npos);
  CHECK(rec.out.find("(mốc 2030: 100%, đạt).") != std::string::npos);

  auto wrong = t::run_dondoc({"--db", db, "indicator", "record", "2.1", "90%", "--body", "tt_hcc"});
  CHECK(wrong.exit_code == 2);
  CHECK(wrong.err.find("do Phòng Văn hóa - Xã hội theo dõi") != std::string::npos);
  CHECK(t::run_dondoc({"--db", db, "indicator", "record", "2.1", "nhiều"}).exit_code == 2);

  j = json::parse(t::run_dondoc({"--db", db, "indicators", "--json", "--now", now}).out);
  i21 = indicator(j, "2.1");
  CHECK(i21["state"] == "met");
  CHECK(i21["latest"]["value"] == "100%");
  CHECK(i21["latest"]["note"] == "theo báo cáo năm");
  CHECK(i21["history"].size() == 1);

  t::write_text(dir.file("bad.csv"),
                "STT;Tên chỉ tiêu;2030;Cơ quan theo dõi\r\n9.1;A;5;Phòng X\r\n");
  auto bad = t::run_dondoc({"--db", db, "import", "indicators", dir.file("bad.csv")});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("bad.csv:2: cột \"Cơ quan theo dõi\": không tìm thấy cơ quan \"Phòng X\"") !=
        std::string::npos);
  auto imp = t::run_dondoc(
      {"--db", db, "import", "indicators", t::source_path("examples/indicators.csv")});
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);
  CHECK(imp.out.find("Đã nhập 14 chỉ tiêu (10 mới, 4 cập nhật)") != std::string::npos);
  j = json::parse(t::run_dondoc({"--db", db, "indicators", "--json"}).out);
  CHECK(j["indicators"].size() == 16);
}
