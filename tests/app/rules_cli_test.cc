// `dondoc rules check|load|show` run as a child process against real files in a TempDir.
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "storage/database.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

using dondoc::testing::run_dondoc;
using dondoc::testing::source_path;
using dondoc::testing::TempDir;
using dondoc::testing::write_text;

namespace {

// A database whose bodies table holds the ids the example rules name.
std::string demo_db(const TempDir& dir) {
  std::string path = dir.file("d.db");
  dondoc::testing::ScopedDb db(path);
  for (const char* id : {"vp_dang_uy", "tt_dang_uy", "vh_xh", "kinh_te", "chu_tich", "pct_ubnd"}) {
    dondoc::sql::Statement st(
        db.sql(), "INSERT INTO bodies(commune, id, name, kind) VALUES (?, ?, ?, 'unit')");
    st.bind(1, db.commune());
    st.bind(2, id);
    st.bind(3, id);
    st.exec();
  }
  return path;
}

int count(const std::string& db_path, const std::string& sql) {
  dondoc::Database db(db_path);
  return db.sql().exec_and_get(sql).as_int();
}

const std::string kBadRules =
    "{\n"
    "  \"remindres\": {},\n"
    "  \"secretariat\": \"phong_y_te\",\n"
    "  \"escalation\": [],\n"
    "  \"report_cycles\": [{\"name\": \"m\", \"due\": \"trước ngày 35 hàng tháng\", \"to\": "
    "\"vh_xh\"}]\n"
    "}\n";

}  // namespace

TEST_CASE("rules check: the example file is valid") {
  std::string example = source_path("examples/rules.jsonc");
  auto r = run_dondoc({"rules", "check", example});
  CHECK(r.exit_code == 0);
  CHECK(r.out == example +
                     ": hợp lệ — 4 chu kỳ báo cáo, nhắc trước 3 và 1 ngày làm việc, thang chuyển "
                     "cấp 4 bước\n");

  TempDir dir;
  auto with_db = run_dondoc({"rules", "check", example, "--db", demo_db(dir), "--json"});
  CHECK(with_db.exit_code == 0);
  auto j = nlohmann::json::parse(with_db.out);
  CHECK(j["valid"] == true);
  CHECK(j["report_cycles"].size() == 4);
  CHECK(j["report_cycles"][0]["due"]["kind"] == "monthly");
  CHECK(j["escalation_steps"] == 4);
}

TEST_CASE("rules check: every error as FILE:LINE:COL, exit 2") {
  TempDir dir;
  std::string file = dir.file("bad.jsonc");
  write_text(file, kBadRules);
  auto r = run_dondoc({"rules", "check", file, "--db", demo_db(dir)});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains(file + ":2:3: khóa không hợp lệ \"remindres\" (unknown key)"));
  CHECK_THAT(r.err, Catch::Contains(file + ":3:18: cơ quan không tồn tại: \"phong_y_te\""));
  CHECK_THAT(r.err, Catch::Contains(file + ":4:17: \"escalation\" không được rỗng"));
  CHECK_THAT(r.err, Catch::Contains(file + ":5:42: không hiểu hạn \"trước ngày 35 hàng tháng\""));

  auto json = run_dondoc({"rules", "check", file, "--json"});  // no db: body ids not checked
  CHECK(json.exit_code == 2);
  auto j = nlohmann::json::parse(json.out);
  CHECK(j["valid"] == false);
  REQUIRE(j["errors"].size() == 3);
  CHECK(j["errors"][0] == nlohmann::json{{"line", 2},
                                         {"col", 3},
                                         {"message",
                                          "khóa không hợp lệ \"remindres\" (unknown "
                                          "key), có phải \"reminders\"?"}});
}

TEST_CASE("rules check: a syntax error and a missing database") {
  TempDir dir;
  std::string file = dir.file("syntax.jsonc");
  write_text(file, "{\n  \"digest_at\": \"08:00\"\n  \"reminders\": {}\n}\n");
  auto r = run_dondoc({"rules", "check", file});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith(file + ":3:3: lỗi cú pháp JSON: cần dấu phẩy"));

  auto no_db = run_dondoc(
      {"rules", "check", source_path("examples/rules.jsonc"), "--db", dir.file("none.db")});
  CHECK(no_db.exit_code == 2);
  CHECK_THAT(no_db.err, Catch::Contains("không tìm thấy cơ sở dữ liệu"));
}

TEST_CASE("rules load: stores a version with an audit row; invalid input changes nothing") {
  TempDir dir;
  std::string db = demo_db(dir);
  std::string example = source_path("examples/rules.jsonc");
  auto first = run_dondoc({"--db", db, "rules", "load", example});
  CHECK(first.exit_code == 0);
  CHECK(first.out == "Đã nạp quy tắc phiên bản 1 từ " + example + "\n");
  auto second = run_dondoc({"--db", db, "rules", "load", example, "--json"});
  CHECK(second.exit_code == 0);
  CHECK(nlohmann::json::parse(second.out) == nlohmann::json{{"version", 2}});

  std::string bad = dir.file("bad.jsonc");
  write_text(bad, kBadRules);
  auto refused = run_dondoc({"--db", db, "rules", "load", bad});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains(bad + ":3:18: cơ quan không tồn tại: \"phong_y_te\""));

  CHECK(count(db, "SELECT COUNT(*) FROM rules_versions") == 2);
  CHECK(count(db, "SELECT version FROM rules_versions WHERE active = 1") == 2);
  CHECK(count(db, "SELECT COUNT(*) FROM audit WHERE kind = 'rules_load'") == 2);

  auto show = run_dondoc({"--db", db, "rules", "show", "--json"});
  CHECK(show.exit_code == 0);
  auto j = nlohmann::json::parse(show.out);
  CHECK(j["version"] == 2);
  CHECK(j["source"] == example);
  CHECK(j["text"] == dondoc::testing::read_text(example));
}

TEST_CASE("rules load: refuses a database that does not exist") {
  TempDir dir;
  auto r = run_dondoc(
      {"--db", dir.file("none.db"), "rules", "load", source_path("examples/rules.jsonc")});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("không tìm thấy cơ sở dữ liệu"));
}
