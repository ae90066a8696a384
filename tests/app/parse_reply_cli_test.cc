#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/process.h"

using dondoc::testing::run_dondoc;
using nlohmann::json;

namespace {

struct Row {
  int line = 0;
  std::string text;
  std::string today;
  json expected;
};

// tests/data/replies.tsv, the table the library test reads in full.
std::vector<Row> load_table() {
  std::istringstream in(
      dondoc::testing::read_text(dondoc::testing::source_path("tests/data/replies.tsv")));
  std::vector<Row> rows;
  std::string today = "2026-11-24";
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("@today ", 0) == 0) {
      today = line.substr(7);
      continue;
    }
    auto tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    std::string text;
    for (std::size_t i = 0; i < tab; ++i) {
      bool escape = line[i] == '\\' && i + 1 < tab && line[i + 1] == 'n';
      text += escape ? '\n' : line[i];
      i += escape ? 1 : 0;
    }
    rows.push_back(Row{n, text, today, json::parse(line.substr(tab + 1))});
  }
  return rows;
}

json run_json(const std::vector<std::string>& args) {
  auto r = run_dondoc(args);
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("parse reply --json prints the items of a sample of the reply table") {
  const std::vector<Row> rows = load_table();
  REQUIRE(rows.size() >= 120);
  const std::size_t step = rows.size() / 15;
  int checked = 0;
  for (std::size_t i = 0; i < rows.size(); i += step, ++checked) {
    const Row& row = rows[i];
    INFO("replies.tsv:" << row.line << ": " << row.text);
    CHECK(run_json({"parse", "reply", row.text, "--today", row.today, "--json"}) ==
          json{{"items", row.expected}});
  }
  CHECK(checked >= 15);
}

TEST_CASE("parse reply reads several tasks, NFD input and a date relative to --today") {
  CHECK(run_json({"parse", "reply", "1. xong\n2. đang làm 50%\n3. vướng: thiếu người", "--json"}) ==
        json::parse(R"({"items":[{"task":"1","status":"done"},
            {"task":"2","status":"in_progress","percent":50},
            {"task":"3","status":"blocked","reason":"thiếu người"}]})"));
  // "Vướng mắc: chưa có kinh phí" in NFD: the reason comes back composed.
  CHECK(run_json({"parse", "reply",
                  "Vu\xCC\x9Bo\xCC\x9B\xCC\x81ng ma\xCC\x86\xCC\x81"
                  "c: chu\xCC\x9B"
                  "a co\xCC\x81 kinh phi\xCC\x81",
                  "--json"}) ==
        json::parse(R"({"items":[{"status":"blocked","reason":"chưa có kinh phí"}]})"));
  CHECK(run_json({"parse", "reply", "xin gia hạn đến 15/1", "--today", "2026-11-24", "--json"}) ==
        json::parse(R"({"items":[{"status":"extension_requested","new_due":"2027-01-15"}]})"));
  // Words given without quotes are read as one text.
  CHECK(run_json({"parse", "reply", "NV3", "đã", "xong", "--json"}) ==
        json::parse(R"({"items":[{"task":"3","status":"done"}]})"));
}

TEST_CASE("parse reply understands nothing in empty text or nonsense, and says so") {
  for (std::string text : {"", "ok", "150%", "cảm ơn"}) {
    INFO(text);
    auto r = run_dondoc({"parse", "reply", text, "--json"});
    CHECK(r.exit_code == 0);
    CHECK(json::parse(r.out) == json::parse(R"({"items":[]})"));
  }
  auto r = run_dondoc({"parse", "reply", "vâng ạ"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Không hiểu") != std::string::npos);
}

TEST_CASE("parse reply without --json prints a Vietnamese summary") {
  auto r = run_dondoc({"parse", "reply", "NV3 xong"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "NV3: hoàn thành\n");
  r = run_dondoc({"parse", "reply", "NV 4 xin gia hạn đến 31/12/2026 do thiếu kinh phí, đạt 60%"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "NV4: xin gia hạn đến 31/12/2026, 60% (lý do: thiếu kinh phí)\n");
}

TEST_CASE("parse reply rejects a missing text and a bad --today with exit 2") {
  auto r = run_dondoc({"parse", "reply", "--json"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("thiếu nội dung") != std::string::npos);
  r = run_dondoc({"parse", "reply", "xong", "--today", "24/11/2026", "--json"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("--today") != std::string::npos);
}
