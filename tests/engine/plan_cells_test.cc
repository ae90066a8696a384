// Body cells as real plans write them: lists joined by "và", plural group phrases, a piece that
// names nothing, who directs; section headings with commas; the plan's date; derive and resolve.
#include <catch2/catch.hpp>

#include "engine/model.h"
#include "engine/plan_import.h"

using namespace dondoc;

namespace {

using Ids = std::vector<std::string>;

Body unit(std::string id, std::string name, std::vector<std::string> aliases = {}) {
  Body b;
  b.id = std::move(id);
  b.name = std::move(name);
  b.aliases = std::move(aliases);
  return b;
}

Body group(std::string id, std::string name, std::vector<std::string> aliases, Ids members) {
  Body b = unit(std::move(id), std::move(name), std::move(aliases));
  b.kind = Body::Kind::group;
  b.members = std::move(members);
  return b;
}

// The bodies of seed 000 (Đăk Pxi) that its assignment lines name.
std::vector<Body> dak_pxi() {
  return {unit("bi_thu", "Bí thư Đảng ủy xã", {"Đồng chí Bí thư Đảng ủy xã"}),
          unit("pbt_ct", "Phó Bí thư Đảng ủy - Chủ tịch UBND xã",
               {"Phó Bí thư Đảng ủy, Chủ tịch Ủy ban nhân dân xã"}),
          unit("btv", "Ban Thường vụ Đảng ủy"),
          unit("bcd", "Ban Chỉ đạo xã", {"Ban Chỉ đạo"}),
          unit("ban_xd", "Ban Xây dựng Đảng"),
          unit("ubnd", "Ủy ban nhân dân xã", {"UBND xã"}),
          unit("vp", "Văn phòng HĐND và UBND xã"),
          unit("cb_qs", "Chi bộ Quân sự"),
          unit("cb_ca", "Chi bộ Công an xã"),
          group("chi_bo", "Các chi bộ trực thuộc Đảng ủy xã", {"Chi bộ trực thuộc"},
                {"cb_qs", "cb_ca"}),
          group("dv_lq", "Các đơn vị liên quan", {}, {"ubnd"})};
}

}  // namespace

TEST_CASE("body cells: lists joined by 'và' and plural group phrases") {
  BodyIndex index(dak_pxi());
  auto r = resolve_body_cell("Chi bộ trực thuộc và các đơn vị liên quan", index);
  CHECK(r.problems.empty());
  CHECK(r.ids == Ids{"chi_bo", "dv_lq"});
  CHECK(resolve_body_cell("các chi bộ trực thuộc", index).ids == Ids{"chi_bo"});
  CHECK(resolve_body_cell("Chi bộ Quân sự, Chi bộ Công an xã và UBND xã", index).ids ==
        Ids{"cb_qs", "cb_ca", "ubnd"});
  // A name with "và" in it stays one name; the longest run of pieces wins.
  CHECK(resolve_body_cell("Văn phòng HĐND và UBND xã, Ban Xây dựng Đảng", index).ids ==
        Ids{"vp", "ban_xd"});
}

TEST_CASE("body cells: the piece of a list that names nothing is the one reported") {
  BodyIndex index(dak_pxi());
  auto r = resolve_body_cell("Ban Xây dựng Đảng, Ban Tuyên giáo và UBND xã", index);
  CHECK(r.ids == Ids{"ban_xd", "ubnd"});
  CHECK(r.problems == std::vector<std::string>{"không tìm thấy cơ quan \"Ban Tuyên giáo\""});
}

TEST_CASE("lead cells: the clause with 'chỉ đạo' names directing bodies, the rest lead") {
  BodyIndex index(dak_pxi());
  auto a = split_lead_cell("Ban Thường vụ Đảng ủy chỉ đạo; UBND xã triển khai", index);
  CHECK(a.directing == Ids{"Ban Thường vụ Đảng ủy"});
  CHECK(a.lead == Ids{"UBND xã"});
  auto b = split_lead_cell(
      "Đồng chí Bí thư Đảng ủy xã chỉ đạo, Chi bộ Quân sự, Chi bộ Công an xã, UBND xã triển khai "
      "thực hiện thường xuyên",
      index);
  CHECK(b.directing == Ids{"Bí thư Đảng ủy xã"});
  CHECK(b.lead == Ids{"Chi bộ Quân sự, Chi bộ Công an xã, UBND xã"});
  // "Ban Chỉ đạo" is a body, not a verb; a cell without "chỉ đạo" is all lead.
  CHECK(split_lead_cell("Ban Chỉ đạo", index).lead == Ids{"Ban Chỉ đạo"});
  CHECK(split_lead_cell("Ban Chỉ đạo", index).directing.empty());
  CHECK(split_lead_cell("Ban Xây dựng Đảng; UBND xã", index).lead ==
        Ids{"Ban Xây dựng Đảng; UBND xã"});
}

TEST_CASE("tasks csv: a directing column and 'chỉ đạo' in the lead cell") {
  std::string csv =
      "TT,Tên nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Cơ quan chỉ đạo,Thời gian hoàn thành\n"
      "1,Việc một,\"Ban Thường vụ Đảng ủy chỉ đạo; UBND xã triển khai\",,,Thường xuyên\n"
      "2,Việc hai,Ban Xây dựng Đảng,UBND xã,\"Bí thư Đảng ủy xã, Ban Thường vụ Đảng ủy\",Tháng "
      "9/2025\n"
      "3,Việc ba,Ban Xây dựng Đảng,,Ban Tuyên giáo,Tháng 9/2025\n";
  auto r = import_tasks_csv(csv, dak_pxi());
  REQUIRE(r.tasks.size() == 3);
  CHECK(r.tasks[0].lead == Ids{"ubnd"});
  CHECK(r.tasks[0].directing == Ids{"btv"});
  CHECK(r.tasks[1].directing == Ids{"bi_thu", "btv"});
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0] ==
        LineProblem{4, "không tìm thấy cơ quan \"Ban Tuyên giáo\" (cột \"Cơ quan chỉ đạo\")"});
}

TEST_CASE("tasks csv: a section heading with commas is a heading, not bodies") {
  std::string csv =
      "TT,Tên nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Kết quả,Thời gian hoàn thành\n"
      "I.,,\"Nhóm nhiệm vụ về “Khẩn trương, quyết liệt hoàn thiện thể chế”\",,,\n"
      "1,Việc một,UBND xã,,,Thường xuyên\n"
      "\"II. Nhóm nhiệm vụ hạ tầng, dữ liệu\",,,,,\n"
      "2,Việc hai,UBND xã,,,Thường xuyên\n"
      ",\"III. Chuyển đổi số, an ninh\",,,,\n"
      "3,Việc ba,UBND xã,,,Thường xuyên\n";
  auto r = import_tasks_csv(csv, dak_pxi());
  CHECK(r.problems.empty());
  REQUIRE(r.tasks.size() == 3);
  CHECK(r.tasks[0].section == "I");
  CHECK(r.tasks[0].section_title ==
        "Nhóm nhiệm vụ về “Khẩn trương, quyết liệt hoàn thiện thể chế”");
  CHECK(r.tasks[1].section == "II");
  CHECK(r.tasks[1].section_title == "Nhóm nhiệm vụ hạ tầng, dữ liệu");
  CHECK(r.tasks[2].section == "III");
  CHECK(r.tasks[2].section_title == "Chuyển đổi số, an ninh");
}

TEST_CASE("derive_assignees: directing bodies last, never also lead or coordinator") {
  auto bodies = dak_pxi();
  Task t;
  t.lead = {"chi_bo"};
  t.coordinators = {"ubnd"};
  t.directing = {"bi_thu", "cb_qs", "ubnd"};
  auto a = derive_assignees(t, bodies);
  using R = Assignee::Role;
  CHECK(a == std::vector<Assignee>{{"cb_qs", R::lead},
                                   {"cb_ca", R::lead},
                                   {"ubnd", R::coordinator},
                                   {"bi_thu", R::directing}});
}

TEST_CASE("resolve_body: id, name or alias after folding; unique matches only") {
  Plan plan;
  plan.bodies = dak_pxi();
  plan.bodies.push_back(unit("ubnd2", "UBND phường", {"Ủy ban"}));
  plan.bodies.push_back(unit("ubnd3", "UBND thị trấn", {"Ủy ban"}));
  auto id = [&](std::string_view s) {
    const Body* b = resolve_body(plan, s);
    return b == nullptr ? std::string("-") : b->id;
  };
  CHECK(id("ubnd") == "ubnd");
  CHECK(id("UBND XÃ") == "ubnd");
  CHECK(id("uy ban nhan dan xa") == "ubnd");
  CHECK(id("Ban Xây dựng Đảng") == "ban_xd");
  CHECK(id("CHI BO TRUC THUOC") == "chi_bo");
  CHECK(id("Ủy ban") == "-");  // two bodies
  CHECK(id("Phòng Y tế") == "-");
  CHECK(id("") == "-");
}
TEST_CASE("plan json: issued, directing as ids or in the lead") {
  std::string json = R"({"issued": "2025-08-01",
    "tasks": [
      {"id": "1", "title": "A", "lead": ["ubnd"], "directing": ["Ban Thường vụ Đảng ủy"],
       "deadline_text": "Thường xuyên"},
      {"id": "2", "title": "B",
       "lead": "Đồng chí Phó Bí thư Đảng ủy, Chủ tịch Ủy ban nhân dân xã chỉ đạo; chi bộ trực thuộc và các đơn vị liên quan triển khai thực hiện",
       "deadline_text": "Thường xuyên"}]})";
  auto r = import_plan_json(json, dak_pxi());
  CHECK(r.problems.empty());
  CHECK(r.plan.issued == make_date(2025, 8, 1));
  REQUIRE(r.plan.tasks.size() == 2);
  CHECK(r.plan.tasks[0].directing == Ids{"btv"});
  CHECK(r.plan.tasks[1].directing == Ids{"pbt_ct"});
  CHECK(r.plan.tasks[1].lead == Ids{"chi_bo", "dv_lq"});
  auto bad = import_plan_json(R"({"issued": "1/8/2025"})", {});
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].message.find("\"issued\"") != std::string::npos);
}
