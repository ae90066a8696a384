#include "rules/rules_file.h"

#include <functional>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "tests/support/process.h"

using dondoc::Diagnostic;
using dondoc::EscalationStep;
using dondoc::parse_rules;
using dondoc::RulesParse;

namespace {

// The one error of a file expected to have exactly one.
Diagnostic only_error(const RulesParse& r) {
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.errors.size() == 1);
  return r.errors[0];
}

const char* kMinimal = R"({
  "report_cycles": [
    {"name": "monthly", "due": "trước ngày 20 hàng tháng", "to": "vh_xh"}
  ]
})";

}  // namespace

TEST_CASE("rules file: the example encodes seed 004's rules") {
  std::string text =
      dondoc::testing::read_text(dondoc::testing::source_path("examples/rules.jsonc"));
  std::set<std::string, std::less<>> bodies = {"vp_dang_uy", "tt_dang_uy", "vh_xh"};
  std::function<bool(std::string_view)> known = [&](std::string_view id) {
    return bodies.count(id) > 0;
  };
  RulesParse r = parse_rules(text, &known);
  for (const auto& e : r.errors) INFO(e.line << ":" << e.col << ": " << e.message);
  REQUIRE(r.ok());
  const auto& rules = *r.rules;
  CHECK(rules.secretariat == "vp_dang_uy");
  CHECK(rules.standing_committee == "tt_dang_uy");
  CHECK(rules.office_hours.start_minute == 7 * 60 + 30);
  CHECK(rules.office_hours.end_minute == 17 * 60);
  CHECK(rules.reminders.before_working_days == std::vector<int>{3, 1});
  REQUIRE(rules.report_cycles.size() == 4);
  const auto& monthly = rules.report_cycles[0];
  CHECK(monthly.name == "monthly");
  CHECK(monthly.title == "Báo cáo tháng");
  CHECK(monthly.due.kind == dondoc::DeadlineSpec::Kind::monthly);
  CHECK(monthly.due.day == 19);  // "trước ngày 20": the last permissible day is the 19th
  CHECK(monthly.reporters == "assignees");
  CHECK(monthly.to == "vh_xh");
  CHECK(monthly.roll == dondoc::RollPolicy::previous_working_day);
  CHECK_FALSE(monthly.reminders.has_value());
  CHECK(rules.report_cycles[1].due.kind == dondoc::DeadlineSpec::Kind::quarterly);
  CHECK(rules.report_cycles[2].due.kind == dondoc::DeadlineSpec::Kind::yearly);
  CHECK(rules.report_cycles[2].due.month == 6);
  CHECK(rules.report_cycles[3].due.month == 11);
  CHECK(rules.report_cycles[3].due.day == 29);
  REQUIRE(rules.report_cycles[3].reminders.has_value());
  CHECK(rules.report_cycles[3].reminders->before_working_days == std::vector<int>{5, 3, 1});
  CHECK(rules.report_cycles[3].reminders->at_minute == 8 * 60);  // inherited
  REQUIRE(rules.escalation.size() == 4);
  CHECK(rules.escalation[0].condition == EscalationStep::Condition::not_acknowledged);
  CHECK(rules.escalation[0].to == EscalationStep::Target::lead);
  CHECK(rules.escalation[3].after_working_days == 5);
  CHECK(rules.escalation[3].to == EscalationStep::Target::standing_committee);
  CHECK(rules.task_deadlines.reminders.before_working_days == std::vector<int>{5, 1});
  CHECK(rules.task_deadlines.escalation.size() == 4);
  CHECK(dondoc::rules_summary(rules) ==
        "4 chu kỳ báo cáo, nhắc trước 3 và 1 ngày làm việc, thang chuyển cấp 4 bước");
}

TEST_CASE("rules file: defaults apply to absent fields") {
  RulesParse r = parse_rules(kMinimal);
  REQUIRE(r.ok());
  CHECK(r.rules->office_hours.start_minute == 7 * 60 + 30);
  CHECK(r.rules->reminders.on_due_day);
  CHECK(r.rules->escalation.empty());
  CHECK(r.rules->blocker_notify ==
        std::vector<EscalationStep::Target>{EscalationStep::Target::leader_in_charge});
  CHECK(r.rules->report_cycles[0].title == "monthly");
  CHECK(r.rules->report_cycles[0].reporters == "assignees");
}

TEST_CASE("rules file: a syntax error has its line and column") {
  Diagnostic e = only_error(parse_rules("{\n  \"digest_at\": \"08:00\"\n  \"reminders\": {}\n}"));
  CHECK(e.line == 3);
  CHECK(e.col == 3);
  CHECK_THAT(e.message, Catch::StartsWith("lỗi cú pháp JSON"));
}

TEST_CASE("rules file: an unknown key is reported at the key, with a suggestion") {
  Diagnostic e = only_error(parse_rules("{\n  // nhắc\n  \"remindres\": {}\n}"));
  CHECK(e.line == 3);
  CHECK(e.col == 3);
  CHECK(e.message == "khóa không hợp lệ \"remindres\" (unknown key), có phải \"reminders\"?");
}

TEST_CASE("rules file: a wrong type is reported at the value") {
  Diagnostic e = only_error(parse_rules("{\"reminders\": {\"on_due_day\": \"có\"}}"));
  CHECK(e.line == 1);
  CHECK(e.col == 30);
  CHECK(e.message == "\"on_due_day\" phải là true hoặc false, gặp \"có\"");
}

TEST_CASE("rules file: negative days are refused") {
  Diagnostic e = only_error(parse_rules(R"({
  "escalation": [
    {"after_working_days": -1, "condition": "not_done", "to": "lead"}
  ]
})"));
  CHECK(e.line == 3);
  CHECK(e.col == 28);
  CHECK(e.message == "\"after_working_days\" phải là số nguyên không âm, gặp -1");

  Diagnostic before = only_error(parse_rules("{\"reminders\": {\"before_working_days\": [3, 0]}}"));
  CHECK(before.col == 43);
  CHECK_THAT(before.message, Catch::Contains("số nguyên dương"));
}

TEST_CASE("rules file: an empty ladder is refused") {
  Diagnostic e = only_error(parse_rules("{\n\"escalation\": []\n}"));
  CHECK(e.line == 2);
  CHECK(e.col == 15);
  CHECK_THAT(e.message, Catch::StartsWith("\"escalation\" không được rỗng"));
}

TEST_CASE("rules file: an unparsable or non-recurring due phrase is refused") {
  Diagnostic e = only_error(parse_rules(R"({
  "report_cycles": [
    {"name": "monthly", "due": "trước ngày 35 hàng tháng", "to": "vh_xh"}
  ]
})"));
  CHECK(e.line == 3);
  CHECK(e.col == 32);
  CHECK_THAT(e.message, Catch::StartsWith("không hiểu hạn \"trước ngày 35 hàng tháng\": "));

  Diagnostic once = only_error(parse_rules(R"({"report_cycles": [
    {"name": "x", "due": "Tháng 9/2025", "to": "vh_xh"}]})"));
  CHECK(once.line == 2);
  CHECK_THAT(once.message, Catch::Contains("phải lặp lại"));
}

TEST_CASE("rules file: unknown body ids are reported when a predicate is given") {
  std::function<bool(std::string_view)> known = [](std::string_view id) { return id == "vh_xh"; };
  const char* text = R"({
  "secretariat": "phong_y_te",
  "report_cycles": [{"name": "m", "due": "trước ngày 20 hàng tháng", "to": "vh_xh"}]
})";
  Diagnostic e = only_error(parse_rules(text, &known));
  CHECK(e.line == 2);
  CHECK(e.col == 18);
  CHECK(e.message == "cơ quan không tồn tại: \"phong_y_te\"");
  CHECK(parse_rules(text).ok());  // without a database, ids are not checked
}

TEST_CASE("rules file: impossible values and every error at once, in file order") {
  RulesParse r = parse_rules(R"({
  "office_hours": {"start": "17:00", "end": "07:30"},
  "digest_at": "25:00",
  "escalation": [
    {"after_working_days": 3, "condition": "not_done", "to": "secretariat"},
    {"after_working_days": 1, "condition": "late", "to": "lead"},
    {"after_working_days": 2, "condition": "not_done", "to": "coordinators"}
  ],
  "report_cycles": [
    {"name": "monthly", "due": "trước ngày 20 hàng tháng", "to": "vh_xh", "roll": "sau"},
    {"name": "monthly", "due": "trước ngày 20 hàng tháng", "to": "vh_xh"},
    {"title": "Không tên"}
  ]
})");
  REQUIRE_FALSE(r.ok());
  std::vector<std::string> where;
  for (const auto& e : r.errors)
    where.push_back(std::to_string(e.line) + ":" + std::to_string(e.col));
  CHECK(where == std::vector<std::string>{"2:45", "3:16", "5:62", "6:44", "7:28", "7:62", "10:83",
                                          "11:14", "12:5", "12:5", "12:5"});
  CHECK(r.errors[0].message == "giờ kết thúc \"end\" phải sau giờ bắt đầu \"start\"");
  CHECK_THAT(r.errors[1].message, Catch::Contains("HH:MM"));
  CHECK_THAT(r.errors[2].message, Catch::Contains("cần khai báo khóa \"secretariat\""));
  CHECK_THAT(r.errors[3].message, Catch::Contains("\"condition\" phải là một trong"));
  CHECK_THAT(r.errors[4].message, Catch::Contains("tăng dần"));
  CHECK_THAT(r.errors[5].message, Catch::Contains("chỉ dùng cho hạn của nhiệm vụ"));
  CHECK_THAT(r.errors[6].message, Catch::Contains("\"roll\" phải là một trong"));
  CHECK(r.errors[7].message == "tên chu kỳ \"monthly\" bị trùng");
  CHECK(r.errors[8].message == "thiếu khóa \"name\" (missing key)");
  CHECK(r.errors[9].message == "thiếu khóa \"due\" (missing key)");
  CHECK(r.errors[10].message == "thiếu khóa \"to\" (missing key)");
}
