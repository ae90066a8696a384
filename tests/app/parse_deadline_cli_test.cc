#include <catch2/catch.hpp>

#include "tests/support/process.h"

using dondoc::testing::run_dondoc;

TEST_CASE("parse deadline --json prints one JSON object with kind first") {
  auto r = run_dondoc({"parse", "deadline", "Tháng \n9/2025", "--json"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "{\"kind\":\"once\",\"due\":\"2025-09-30\"}\n");
  CHECK(r.err.empty());

  r = run_dondoc({"parse", "deadline", "Trước ngày 10 tháng cuối quý", "--json"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "{\"kind\":\"quarterly\",\"month_of_quarter\":3,\"day\":9}\n");

  r = run_dondoc({"parse", "deadline", "--json", "2025 và \nnhững năm \ntiếp theo"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "{\"kind\":\"yearly\",\"from\":2025}\n");
}

TEST_CASE("parse deadline without --json prints a Vietnamese line") {
  auto r = run_dondoc({"parse", "deadline", "Tháng 9/2025"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "Một lần, hạn 30/09/2025\n");
  r = run_dondoc({"parse", "deadline", "thuong xuyen"});
  CHECK(r.out == "Thường xuyên\n");
  r = run_dondoc({"parse", "deadline", "trước ngày 20 hàng tháng"});
  CHECK(r.out == "Hằng tháng, trước ngày 20 (hạn ngày 19)\n");
  // Unquoted words form one phrase.
  r = run_dondoc({"parse", "deadline", "Quý", "IV/2025", "--json"});
  CHECK(r.out == "{\"kind\":\"once\",\"due\":\"2025-12-31\"}\n");
}

TEST_CASE("parse deadline refuses bad phrases with exit 2 and one line on stderr") {
  struct Bad {
    const char* phrase;
    const char* err;
  };
  const Bad bad[] = {
      {"Tháng 13/2025", "dondoc: \"Tháng 13/2025\": tháng 13 không tồn tại\n"},
      {"30/02/2026", "dondoc: \"30/02/2026\": ngày 30/02/2026 không tồn tại\n"},
      {"Quý V", "dondoc: \"Quý V\": quý V không tồn tại\n"},
      {"", "dondoc: \"\": thời hạn trống\n"},
  };
  for (const auto& b : bad) {
    INFO("phrase: " << b.phrase);
    auto r = run_dondoc({"parse", "deadline", b.phrase, "--json"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == b.err);
  }
  auto r = run_dondoc({"parse", "deadline", "abc"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::StartsWith("dondoc: \"abc\": không nhận ra thời hạn"));
  CHECK(r.err.find('\n') == r.err.size() - 1);

  r = run_dondoc({"parse", "deadline"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_FALSE(r.err.empty());
}
