#include "engine/plan_import.h"

#include <catch2/catch.hpp>

#include "tests/support/process.h"

using namespace dondoc;
using dondoc::testing::read_text;
using dondoc::testing::source_path;

namespace {

std::vector<Body> commune() {
  auto r = import_bodies_csv(read_text(source_path("examples/bodies.csv")), {});
  REQUIRE(r.problems.empty());
  return r.bodies;
}

bool has(const std::vector<LineProblem>& ps, int line, const std::string& part) {
  for (const auto& p : ps) {
    if (p.line == line && p.message.find(part) != std::string::npos) return true;
  }
  return false;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("body index: names, aliases and ids match after folding") {
  BodyIndex index(commune());
  CHECK(index.match("Phòng Văn hóa - Xã hội") == Ids{"vh_xh"});
  CHECK(index.match("Phòng Văn hoá -  Xã hội") == Ids{"vh_xh"});
  CHECK(index.match("PHONG VAN HOA - XA HOI") == Ids{"vh_xh"});
  CHECK(index.match("Phòng Văn hoá -\nXã hội") == Ids{"vh_xh"});
  CHECK(index.match("vh_xh") == Ids{"vh_xh"});
  CHECK(index.match("Trung tâm Phục vụ HCC") == Ids{"tt_hcc"});
  CHECK(index.match("Phòng Y tế").empty());
}

TEST_CASE("body cells: whole cell first, then ';' and line breaks, then ',' if all match") {
  BodyIndex index(commune());
  auto whole = resolve_body_cell("Phòng, ban\nngành, đơn vị", index);
  CHECK(whole.ids == Ids{"pbn_dv"});
  CHECK(whole.problems.empty());
  CHECK(resolve_body_cell("Phòng, ban ngành", index).ids == Ids{"pbn_dv"});

  auto split = resolve_body_cell("Phòng Văn hoá - Xã hội;\nPhòng Kinh tế\nCông an xã", index);
  CHECK(split.ids == Ids{"vh_xh", "kinh_te", "cong_an"});

  auto commas = resolve_body_cell("Phòng Kinh tế, Trung tâm Phục vụ HCC", index);
  CHECK(commas.ids == Ids{"kinh_te", "tt_hcc"});
  CHECK(commas.problems.empty());

  auto unknown = resolve_body_cell("Phòng Kinh tế; Phòng Y tế, Công an xã", index);
  CHECK(unknown.ids == Ids{"kinh_te", "cong_an"});
  REQUIRE(unknown.problems.size() == 1);
  CHECK(unknown.problems[0] == "không tìm thấy cơ quan \"Phòng Y tế\"");
  auto none = resolve_body_cell("Phòng Y tế, Trạm Y tế", index);
  CHECK(none.problems ==
        std::vector<std::string>{"không tìm thấy cơ quan \"Phòng Y tế, Trạm Y tế\""});

  CHECK(resolve_body_cell("-", index).ids.empty());
  CHECK(resolve_body_cell("  ", index).ids.empty());
  CHECK(resolve_body_cell("Phòng Kinh tế; Phòng Kinh tế", index).ids == Ids{"kinh_te"});
}

TEST_CASE("bodies csv: the example, with rows referring to later rows") {
  auto bodies = commune();
  REQUIRE(bodies.size() == 11);
  CHECK(bodies[0].id == "pbn_dv");
  CHECK(bodies[0].kind == Body::Kind::group);
  CHECK(bodies[0].members == Ids{"vh_xh", "kinh_te", "vp_ubnd", "tt_hcc"});
  CHECK(bodies[0].leader == "chu_tich");
  CHECK(bodies[1].aliases == Ids{"Phòng Văn hoá - Xã hội", "Phòng VH-XH"});
  Plan plan{bodies, {}, {}, {}};
  CHECK(plan.find_body("tt_dang_uy")->kind == Body::Kind::committee);
  CHECK(plan.find_body("chu_tich")->kind == Body::Kind::person);
}

TEST_CASE("bodies csv: every problem is listed with its line") {
  auto r = import_bodies_csv(read_text(source_path("tests/data/bodies_bad.csv")), {});
  CHECK(has(r.problems, 2, "người phụ trách \"pct\""));
  CHECK(has(r.problems, 3, "loại \"phong\" không hợp lệ"));
  CHECK(has(r.problems, 4, "mã \"vh_xh\" trùng với dòng 2"));
  CHECK(has(r.problems, 5, "chưa có thành viên"));
  CHECK(has(r.problems, 6, "thành viên \"phong_y_te\""));
  CHECK(has(r.problems, 7, "mã \"ke toan\" không hợp lệ"));
  CHECK(has(r.problems, 7, "trùng với cơ quan \"vh_xh\""));
  CHECK(has(r.problems, 2, "trùng với cơ quan \"ke toan\""));
}

TEST_CASE("bodies csv: members and leader may be stored bodies; names resolve to ids") {
  auto r = import_bodies_csv(
      "id,name,kind,members,leader\r\nnhom_kt,Nhóm kinh tế,,Phòng Kinh tế; tt_hcc,Chủ tịch "
      "UBND\r\n",
      commune());
  REQUIRE(r.problems.empty());
  REQUIRE(r.bodies.size() == 1);
  CHECK(r.bodies[0].kind == Body::Kind::group);
  CHECK(r.bodies[0].members == Ids{"kinh_te", "tt_hcc"});
  CHECK(r.bodies[0].leader == "chu_tich");
}

TEST_CASE("tasks csv: the seed-003 table gives 8 tasks in 4 sections") {
  auto r = import_tasks_csv(read_text(source_path("examples/tasks.csv")), commune());
  REQUIRE(r.problems.empty());
  REQUIRE(r.tasks.size() == 8);
  const auto& t = r.tasks;
  CHECK(t[0].id == "1");
  CHECK(t[0].section == "I");
  CHECK(t[0].section_title.rfind("Nhóm các nhiệm vụ về “Nâng cao nhận thức", 0) == 0);
  CHECK(t[0].lead == Ids{"pbn_dv"});
  CHECK(t[0].deadline.kind == DeadlineSpec::Kind::continuous);
  CHECK(t[1].lead == Ids{"vh_xh"});
  CHECK(t[1].coordinators == Ids{"pbn_dv"});
  CHECK(t[1].deadline_text == "Tháng 9/2025");
  CHECK(t[1].deadline.due == make_date(2025, 9, 30));
  CHECK(t[2].lead == Ids{"pbn_dv"});  // "Phòng, ban\nngành, đơn vị"
  CHECK(t[4].section == "II");
  CHECK(t[4].coordinators == Ids{"tt_hcc"});
  CHECK(t[5].deadline.due == make_date(2025, 12, 31));
  CHECK(t[6].section == "III");
  CHECK(t[6].coordinators.empty());  // "-"
  CHECK(t[7].section == "IV");
  CHECK(t[7].deadline_text == "2025 và những năm tiếp theo");
  CHECK(t[7].deadline.kind == DeadlineSpec::Kind::yearly);
  CHECK(t[7].deadline.from == 2025);
}

TEST_CASE("tasks csv: tolerant headers, title rows, repeated headers, section rows") {
  auto r = import_tasks_csv(read_text(source_path("tests/data/tasks_tolerant.csv")), commune());
  REQUIRE(r.problems.empty());
  REQUIRE(r.tasks.size() == 2);
  CHECK(r.tasks[0].id == "3");
  CHECK(r.tasks[0].section == "II");
  CHECK(r.tasks[0].section_title == "Nhóm nhiệm vụ thứ hai");
  CHECK(r.tasks[0].lead == Ids{"vh_xh", "kinh_te"});
  CHECK(r.tasks[0].coordinators == Ids{"kinh_te", "tt_hcc"});
  CHECK(r.tasks[0].output == "Báo cáo");
  CHECK(r.tasks[1].lead == Ids{"pbn_dv"});
  CHECK(r.tasks[1].coordinators.empty());
}

TEST_CASE("tasks csv: every bad row is reported, with its line") {
  auto r = import_tasks_csv(read_text(source_path("tests/data/tasks_bad.csv")), commune());
  CHECK(has(r.problems, 3, "không tìm thấy cơ quan \"Phòng Y tế\" (cột \"Cơ quan chủ trì\")"));
  CHECK(has(r.problems, 5, "\"Tháng 13/2025\""));
  CHECK(has(r.problems, 6, "TT \"1\" trùng với dòng 3"));
  CHECK(has(r.problems, 6, "không tìm thấy cơ quan \"Ban Tuyên giáo\" (cột \"Cơ quan phối hợp\")"));
  CHECK(has(r.problems, 7, "thiếu tên nhiệm vụ"));
  CHECK(has(r.problems, 7, "thiếu thời gian hoàn thành"));
  CHECK(r.problems.size() == 6);
}

TEST_CASE("tasks csv: missing columns are named") {
  auto r = import_tasks_csv(read_text(source_path("tests/data/tasks_missing_column.csv")), {});
  REQUIRE(r.problems.size() == 2);
  CHECK(r.problems[0] == LineProblem{1, "thiếu cột \"Cơ quan chủ trì\""});
  CHECK(r.problems[1] == LineProblem{1, "thiếu cột \"Thời gian hoàn thành\""});
  auto none = import_tasks_csv("a,b\r\n1,2\r\n", {});
  REQUIRE(none.problems.size() == 1);
  CHECK(none.problems[0].message.find("không tìm thấy dòng tiêu đề") != std::string::npos);
}

TEST_CASE("plan json: the demo plan reads cleanly and matches the CSV examples") {
  auto r = import_plan_json(read_text(source_path("examples/plan.json")), {});
  REQUIRE(r.problems.empty());
  CHECK(r.plan.bodies.size() == 11);
  REQUIRE(r.plan.tasks.size() == 8);
  CHECK(r.plan.indicators.size() >= 3);
  auto csv = import_tasks_csv(read_text(source_path("examples/tasks.csv")), commune());
  for (std::size_t i = 0; i < 8; ++i) {
    CHECK(r.plan.tasks[i].title == csv.tasks[i].title);
    CHECK(r.plan.tasks[i].lead == csv.tasks[i].lead);
    CHECK(r.plan.tasks[i].deadline == csv.tasks[i].deadline);
    CHECK(r.plan.tasks[i].section_title == csv.tasks[i].section_title);
  }
  const Indicator& ind = r.plan.indicators[1];
  CHECK(ind.id == "2.1");
  CHECK(ind.monitoring_body == "vh_xh");
  CHECK(ind.milestones.at(2025) == "≥ 80");
}

TEST_CASE("plan json: problems are reported at the line of their element") {
  std::string text =
      "{\n"
      "  \"bodies\": [\n"
      "    {\"id\": \"a\", \"name\": \"Phòng A\"},\n"
      "    {\"id\": \"g\", \"name\": \"Nhóm\", \"kind\": \"group\", \"members\": [\"b\"]}\n"
      "  ],\n"
      "  \"tasks\": [\n"
      "    {\"id\": 1, \"title\": \"Việc\", \"lead\": [\"Phòng A\"], \"deadline_text\": \"Quý "
      "V\"},\n"
      "    {\"id\": \"2\", \"title\": \"Việc\", \"lead\": \"Phòng B\", \"deadline\": \"Thường "
      "xuyên\",\n"
      "     \"colour\": \"red\"}\n"
      "  ],\n"
      "  \"indicators\": [{\"id\": \"x\", \"milestones\": {\"năm\": \"1\"}}]\n"
      "}\n";
  auto r = import_plan_json(text, {});
  CHECK(has(r.problems, 4, "thành viên \"b\""));
  CHECK(has(r.problems, 7, "\"Quý V\""));
  CHECK(has(r.problems, 8, "không tìm thấy cơ quan \"Phòng B\""));
  CHECK(has(r.problems, 8, "khóa không rõ \"colour\""));
  CHECK(has(r.problems, 11, "thiếu \"name\""));
  CHECK(has(r.problems, 11, "không phải là năm"));
  CHECK(r.problems.size() == 6);
  REQUIRE(r.plan.tasks.size() == 2);
  CHECK(r.plan.tasks[0].id == "1");
  CHECK(r.plan.tasks[0].lead == Ids{"a"});
  CHECK(r.plan.tasks[1].deadline.kind == DeadlineSpec::Kind::continuous);
}

TEST_CASE("plan json: a syntax error names its line and column") {
  auto r =
      import_plan_json("{\n  \"bodies\": [\n    {\"id\": \"a\" \"name\": \"Ă\"}\n  ]\n}\n", {});
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].line == 3);
  CHECK(r.problems[0].col == 16);
  CHECK(r.problems[0].message.rfind("lỗi cú pháp JSON: cần dấu phẩy", 0) == 0);
  CHECK(format(r.problems[0]).rfind("3:16: lỗi cú pháp JSON", 0) == 0);
}

TEST_CASE("plan json: problems carry the column of their element or key") {
  std::string text =
      "{\"bodies\": [{\"id\": \"a\", \"name\": \"Phòng A\"}, {\"id\": \"b\"}],\n"
      " \"tasks\": 3,\n"
      "  \"extra\": 1}\n";
  auto r = import_plan_json(text, {});
  REQUIRE(r.problems.size() == 4);
  // Both problems of the second body are at its "{", not at the first body on the same line.
  CHECK(r.problems[0] == LineProblem{1, "thiếu \"name\"", 45});
  CHECK(r.problems[1] == LineProblem{1, "thiếu tên cơ quan (name)", 45});
  CHECK(r.problems[2] == LineProblem{2, "\"tasks\" phải là danh sách [...]", 11});
  CHECK(r.problems[3].line == 3);
  CHECK(r.problems[3].col == 3);
  CHECK(r.problems[3].message.rfind("khóa không rõ \"extra\"", 0) == 0);
}

TEST_CASE("plan json: comments and trailing commas are read, duplicate keys refused") {
  auto ok = import_plan_json(
      "// kế hoạch\n{\"bodies\": [{\"id\": \"a\", \"name\": \"Phòng A\",},], /* hết */}", {});
  CHECK(ok.problems.empty());
  CHECK(ok.plan.bodies.size() == 1);
  auto dup = import_plan_json("{\"bodies\": [],\n \"bodies\": []}", {});
  REQUIRE(dup.problems.size() == 1);
  CHECK(dup.problems[0].line == 2);
  CHECK(dup.problems[0].col == 2);
  CHECK(dup.problems[0].message.find("bị lặp lại") != std::string::npos);
}

TEST_CASE("plan json: a number out of range is a problem, not a crash (fuzz regression)") {
  // fuzz/regressions/plan_json/number-overflow-min.json
  auto r = import_plan_json(R"({"bodies": [], "x": 1e999})", {});
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].message.find("lỗi cú pháp JSON") != std::string::npos);
  CHECK(r.problems[0].col == 21);
}
