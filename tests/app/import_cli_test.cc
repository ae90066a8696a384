// The plan import commands as a user runs them: exit codes, messages, and the JSON printed.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"

using dondoc::testing::read_text;
using dondoc::testing::run_dondoc;
using dondoc::testing::RunResult;
using dondoc::testing::source_path;
using dondoc::testing::TempDir;
using dondoc::testing::write_text;
using nlohmann::json;

namespace {

RunResult dondoc_db(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", db});
  return run_dondoc(args);
}

// A database holding the example bodies and tasks, imported through the CLI.
std::string example_db(const TempDir& dir) {
  std::string db = dir.file("plan.db");
  auto b = dondoc_db(db, {"import", "bodies", source_path("examples/bodies.csv")});
  REQUIRE(b.exit_code == 0);
  auto t = dondoc_db(db, {"import", "tasks", source_path("examples/tasks.csv")});
  REQUIRE(t.exit_code == 0);
  return db;
}

std::string tasks_json(const std::string& db) {
  auto r = dondoc_db(db, {"tasks", "--json"});
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::string bodies_json(const std::string& db) {
  auto r = dondoc_db(db, {"bodies", "--json"});
  REQUIRE(r.exit_code == 0);
  return r.out;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// Runs a bad import on the example database: exit 2, every listed line in stderr, no change.
void expect_refused(const std::string& db, const std::vector<std::string>& args,
                    const std::vector<std::string>& lines) {
  std::string before_tasks = tasks_json(db), before_bodies = bodies_json(db);
  auto r = dondoc_db(db, args);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  for (const auto& l : lines) {
    INFO(r.err);
    CHECK(contains(r.err, l));
  }
  CHECK(contains(r.err, "cơ sở dữ liệu giữ nguyên"));
  CHECK(tasks_json(db) == before_tasks);
  CHECK(bodies_json(db) == before_bodies);
}

}  // namespace

TEST_CASE("cli import: the seed-003 example gives 8 tasks with sections, leads and deadlines") {
  TempDir dir;
  std::string db = dir.file("plan.db");
  auto b = dondoc_db(db, {"import", "bodies", source_path("examples/bodies.csv")});
  CHECK(b.exit_code == 0);
  CHECK(contains(b.out, "Đã nhập 11 cơ quan từ "));
  std::string file = source_path("examples/tasks.csv");
  auto t = dondoc_db(db, {"import", "tasks", file});
  CHECK(t.exit_code == 0);
  CHECK(contains(t.out, "Đã nhập 8 nhiệm vụ từ " + file));

  auto j = json::parse(tasks_json(db));
  REQUIRE(j["tasks"].size() == 8);
  std::vector<std::string> sections, ids;
  for (const auto& task : j["tasks"]) {
    sections.push_back(task["section"]);
    ids.push_back(task["id"]);
  }
  CHECK(ids == std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7", "8"});
  CHECK(sections == std::vector<std::string>{"I", "I", "I", "I", "II", "II", "III", "IV"});
  const json& t2 = j["tasks"][1];
  CHECK(t2["lead"] == json::array({"vh_xh"}));
  CHECK(t2["coordinators"] == json::array({"pbn_dv"}));
  CHECK(t2["deadline_text"] == "Tháng 9/2025");
  CHECK(t2["deadline"] == json({{"kind", "once"}, {"due", "2025-09-30"}}));
  CHECK(t2["assignees"][0] == json({{"body", "vh_xh"}, {"role", "lead"}}));
  CHECK(t2["assignees"][1] == json({{"body", "kinh_te"}, {"role", "coordinator"}}));
  CHECK(t2["assignees"].size() == 4);  // vh_xh leads, so it is not a coordinator too
  CHECK(j["tasks"][0]["deadline"] == json({{"kind", "continuous"}}));
  CHECK(j["tasks"][5]["deadline"]["due"] == "2025-12-31");
  CHECK(j["tasks"][7]["deadline"] == json({{"kind", "yearly"}, {"from", 2025}}));
  CHECK(j["tasks"][6]["section_title"].get<std::string>().rfind("Nhóm nhiệm vụ “Tăng cường", 0) ==
        0);
}

TEST_CASE("cli tasks --json / bodies --json: the documented shapes") {
  TempDir dir;
  std::string db = example_db(dir);
  auto task = json::parse(tasks_json(db))["tasks"][4];
  std::vector<std::string> keys;
  for (const auto& [k, v] : task.items()) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  CHECK(keys == std::vector<std::string>{"assignees", "coordinators", "deadline", "deadline_text",
                                         "directing", "id", "lead", "output", "section",
                                         "section_title", "title"});
  CHECK(task["lead"] == json::array({"pbn_dv"}));
  CHECK(task["coordinators"] == json::array({"tt_hcc"}));
  auto body = json::parse(bodies_json(db))["bodies"][0];
  CHECK(body == json({{"id", "pbn_dv"},
                      {"name", "Phòng, ban ngành, đơn vị"},
                      {"aliases",
                       {"Phòng, ban ngành", "Các phòng, ban ngành, đơn vị",
                        "Các phòng, ban ngành liên quan"}},
                      {"kind", "group"},
                      {"members", {"vh_xh", "kinh_te", "vp_ubnd", "tt_hcc"}},
                      {"leader", "chu_tich"}}));
  auto table = dondoc_db(db, {"tasks"});
  CHECK(table.exit_code == 0);
  CHECK(contains(table.out, "Kế hoạch có 8 nhiệm vụ."));
  CHECK(contains(table.out, "Phòng Văn hóa - Xã hội"));
  CHECK(contains(table.out, "Tháng 9/2025 (30/09/2025)"));
}

TEST_CASE("cli import: a bad tasks file lists every problem as FILE:LINE and changes nothing") {
  TempDir dir;
  std::string db = example_db(dir);
  std::string bad = source_path("tests/data/tasks_bad.csv");
  expect_refused(
      db, {"import", "tasks", bad},
      {bad + ":3: không tìm thấy cơ quan \"Phòng Y tế\" (cột \"Cơ quan chủ trì\")",
       bad + ":5: không hiểu thời gian hoàn thành \"Tháng 13/2025\"",
       bad + ":6: TT \"1\" trùng với dòng 3", bad + ":6: không tìm thấy cơ quan \"Ban Tuyên giáo\"",
       bad + ":7: thiếu tên nhiệm vụ", "6 lỗi"});
  std::string missing = source_path("tests/data/tasks_missing_column.csv");
  expect_refused(db, {"import", "tasks", missing},
                 {missing + ":1: thiếu cột \"Cơ quan chủ trì\"",
                  missing + ":1: thiếu cột \"Thời gian hoàn thành\""});
  std::string bodies = source_path("tests/data/bodies_bad.csv");
  expect_refused(db, {"import", "bodies", bodies},
                 {bodies + ":3: loại \"phong\" không hợp lệ", bodies + ":4: mã \"vh_xh\" trùng",
                  bodies + ":6: thành viên \"phong_y_te\""});
}

TEST_CASE("cli import: over-limit, non-UTF-8 and missing files are refused") {
  TempDir dir;
  std::string db = example_db(dir);
  std::string header = "TT,Tên nhiệm vụ,Cơ quan chủ trì,Thời gian hoàn thành\r\n";

  std::string long_cell = dir.file("long.csv");
  write_text(long_cell,
             header + "1,\"" + std::string(10001, 'a') + "\",Phòng Kinh tế,Quý IV/2025\r\n");
  expect_refused(db, {"import", "tasks", long_cell},
                 {long_cell + ":2: ô ở cột 2 dài 10001 ký tự, vượt giới hạn 10000 ký tự"});

  std::string big = dir.file("big.csv");
  write_text(big, header + std::string(10 * 1024 * 1024, '\n'));
  expect_refused(db, {"import", "tasks", big}, {"tệp quá lớn"});

  std::string latin = dir.file("latin.csv");
  write_text(latin, header + "1,Vi\xEA\x63,Ph\xF2ng Kinh t\xEA,Qu\xFD IV/2025\r\n");
  expect_refused(db, {"import", "tasks", latin}, {latin + ":2: tệp không phải UTF-8"});

  auto none = dondoc_db(db, {"import", "tasks", dir.file("none.csv")});
  CHECK(none.exit_code == 2);
  CHECK(contains(none.err, "không mở được tệp"));
}

TEST_CASE("cli import: a failed first import does not create the database") {
  TempDir dir;
  std::string db = dir.file("fresh.db");
  auto r = dondoc_db(db, {"import", "tasks", source_path("examples/tasks.csv")});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "không tìm thấy cơ quan \"Phòng, ban ngành\""));
  CHECK(contains(r.err, "hãy nhập trước: dondoc import bodies"));
  CHECK(read_text(db).empty());
}

TEST_CASE("cli import: re-importing updates tasks by TT and bodies by id") {
  TempDir dir;
  std::string db = example_db(dir);
  std::string changed = dir.file("changed.csv");
  write_text(changed,
             "\xEF\xBB\xBFTT,Tên nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Kết quả,Thời hạn\r\n"
             "2,\"Cập nhật kế hoạch, lần 2\",Phòng Kinh tế,-,Kế hoạch,Quý IV/2025\r\n"
             "9,Nhiệm vụ mới,Công an xã,,,Thường xuyên\r\n");
  auto r = dondoc_db(db, {"import", "tasks", changed});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Đã nhập 2 nhiệm vụ từ " + changed + " (1 mới, 1 cập nhật)"));
  auto j = json::parse(tasks_json(db));
  REQUIRE(j["tasks"].size() == 9);
  CHECK(j["tasks"][1]["title"] == "Cập nhật kế hoạch, lần 2");
  CHECK(j["tasks"][1]["lead"] == json::array({"kinh_te"}));
  CHECK(j["tasks"][1]["deadline"]["due"] == "2025-12-31");
  CHECK(j["tasks"][8]["id"] == "9");

  std::string bodies = dir.file("bodies.csv");
  write_text(bodies, "id,name,aliases,kind,members,leader\r\nkinh_te,Phòng Kinh tế xã,,unit,,\r\n");
  auto b = dondoc_db(db, {"import", "bodies", bodies});
  CHECK(b.exit_code == 0);
  auto all = json::parse(bodies_json(db))["bodies"];
  CHECK(all.size() == 11);
  CHECK(all[2]["name"] == "Phòng Kinh tế xã");
  CHECK(all[2]["leader"] == "");
}

TEST_CASE("cli import plan: the demo JSON, and its problems at their lines and columns") {
  TempDir dir;
  std::string db = dir.file("plan.db");
  auto r = dondoc_db(db, {"import", "plan", source_path("examples/plan.json")});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "11 cơ quan, 8 nhiệm vụ"));
  // The JSON plan and the two CSV files describe the same plan.
  TempDir other;
  CHECK(tasks_json(db) == tasks_json(example_db(other)));

  std::string bad = dir.file("bad.json");
  write_text(bad,
             "{\n \"tasks\": [\n  {\"id\": \"1\", \"title\": \"x\", \"lead\": [\"vh_xh\"],\n"
             "   \"deadline_text\": \"Tháng 13/2025\"}\n ]\n}\n");
  // FILE:LINE:COL, the column of the task's "{".
  expect_refused(db, {"import", "plan", bad},
                 {bad + ":3:3: không hiểu thời hạn \"Tháng 13/2025\""});
  write_text(bad, "{\n \"tasks\": [] \"x\": 1\n}\n");
  expect_refused(db, {"import", "plan", bad}, {bad + ":2:14: lỗi cú pháp JSON: cần dấu phẩy"});
}

TEST_CASE("cli init --demo: creates, refuses a non-empty database, --force replaces") {
  TempDir dir;
  std::string db = dir.file("demo.db");
  auto r = dondoc_db(db, {"init", "--demo"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "8 nhiệm vụ"));
  std::string demo_tasks = tasks_json(db);
  TempDir other;
  CHECK(demo_tasks == tasks_json(example_db(other)));

  std::string extra = dir.file("extra.csv");
  write_text(extra,
             "TT,Tên nhiệm vụ,Cơ quan chủ trì,Thời hạn\r\n9,Thêm,Phòng Kinh tế,Quý IV/2025\r\n");
  REQUIRE(dondoc_db(db, {"import", "tasks", extra}).exit_code == 0);
  std::string changed = tasks_json(db);

  auto again = dondoc_db(db, {"init", "--demo"});
  CHECK(again.exit_code == 2);
  CHECK(contains(again.err, "đã có kế hoạch"));
  CHECK(contains(again.err, "--force"));
  CHECK(tasks_json(db) == changed);

  auto forced = dondoc_db(db, {"init", "--demo", "--force"});
  CHECK(forced.exit_code == 0);
  CHECK(tasks_json(db) == demo_tasks);
}

TEST_CASE("cli tasks: a database that does not exist is not created") {
  TempDir dir;
  auto r = dondoc_db(dir.file("none.db"), {"tasks", "--json"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "init --demo"));
  CHECK(read_text(dir.file("none.db")).empty());
}
