// The Quy tắc page's views (service/rules_view.h): errors beside their lines, the line diff, the
// upload check that stores nothing, and the versions list (storage/rules_store.h).
#include "service/rules_view.h"

#include <catch2/catch.hpp>

#include <string>

#include "service/import_rules.h"
#include "storage/rules_store.h"
#include "tests/support/process.h"
#include "tests/support/scoped_db.h"

using dondoc::Database;
using dondoc::Diagnostic;
using dondoc::testing::TempDir;
using namespace dondoc::service;

namespace {

void add_body(Database& db, const std::string& id) {
  dondoc::sql::Statement st(db.sql(),
                            "INSERT INTO bodies(commune, id, name, kind) VALUES (?, ?, ?, ?)");
  st.bind(1, db.commune());
  st.bind(2, id);
  st.bind(3, id);
  st.bind(4, "unit");
  st.exec();
}

const std::string kValid = R"({
  "secretariat": "vp_dang_uy",
  "report_cycles": [{"name": "monthly", "due": "trước ngày 20 hàng tháng", "to": "vh_xh"}]
})";

std::string kinds(const std::vector<DiffLine>& d) {
  std::string s;
  for (const auto& l : d)
    s += l.kind == DiffKind::same ? '=' : l.kind == DiffKind::added ? '+' : '-';
  return s;
}

}  // namespace

TEST_CASE("numbered lines carry each error beside its line as LINE:COL: message") {
  std::vector<Diagnostic> errors = {{2, "sai kiểu", 5}, {9, "quá cuối", 1}, {0, "tệp rỗng", 0}};
  auto t = numbered_lines("a\r\nb\nc", errors);
  REQUIRE(t.lines.size() == 3);
  CHECK(t.lines[0].number == 1);
  CHECK(t.lines[0].text == "a");  // the \r is dropped
  CHECK(t.lines[0].errors.empty());
  REQUIRE(t.lines[1].errors.size() == 1);
  CHECK(t.lines[1].errors[0] == "2:5: sai kiểu");
  CHECK(t.general == std::vector<std::string>{"9:1: quá cuối", "tệp rỗng"});
}

TEST_CASE("the line diff keeps common lines and orders removals before additions") {
  auto d = line_diff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n");
  CHECK(kinds(d) == "=-+==+");
  CHECK(d[1].text == "b");
  CHECK(d[1].old_number == 2);
  CHECK(d[1].new_number == 0);
  CHECK(d[2].text == "B");
  CHECK(d[2].new_number == 2);
  CHECK(d[5].new_number == 5);
  CHECK(kinds(line_diff("x\ny\n", "x\ny\n")) == "==");
  CHECK(kinds(line_diff("", "a\nb")) == "++");
  CHECK(kinds(line_diff("a\nb", "")) == "--");
  // A moved line: the longest common subsequence keeps the most lines.
  CHECK(kinds(line_diff("1\n2\n3\n4", "2\n3\n4\n1")) == "-===+");
}

TEST_CASE("the diff with context keeps changes and marks gaps") {
  std::string a, b;
  for (int i = 1; i <= 20; ++i) a += std::to_string(i) + "\n";
  b = a;
  b.replace(b.find("10\n"), 3, "mười\n");
  auto d = diff_with_context(line_diff(a, b), 2);
  CHECK(kinds(d) == "===-+===");
  CHECK(d.front().text == "…");
  CHECK(d.back().text == "…");
  CHECK(d[1].text == "8");
  CHECK(diff_with_context(line_diff(a, a)).empty());
}

TEST_CASE("checking an upload reports errors by line and stores nothing") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("d.db"));
  add_body(db, "vp_dang_uy");
  add_body(db, "vh_xh");
  auto now = *dondoc::parse_instant("2026-01-05T08:00+07:00");
  std::string bad = "{\n  \"secretariat\": \"khong_co\",\n  \"report_cycles\": []\n}";
  auto check = check_rules(db, bad, now);
  REQUIRE_FALSE(check.errors.empty());
  CHECK(check.errors[0].line == 2);
  auto numbered = numbered_lines(bad, check.errors);
  CHECK_FALSE(numbered.lines[1].errors.empty());
  CHECK(numbered.lines[1].errors[0].rfind("2:", 0) == 0);
  CHECK(dondoc::active_rules_version(db) == 0);

  auto good = check_rules(db, kValid, now);
  CHECK(good.errors.empty());
  CHECK_FALSE(good.summary.empty());
  CHECK(dondoc::active_rules_version(db) == 0);  // checking never activates
}

TEST_CASE("the versions list is newest first with the active one marked") {
  TempDir dir;
  dondoc::testing::ScopedDb db(dir.file("d.db"));
  add_body(db, "vp_dang_uy");
  add_body(db, "vh_xh");
  auto now = *dondoc::parse_instant("2026-01-05T08:00+07:00");
  REQUIRE(import_rules(db, kValid, "a.jsonc", now).version == 1);
  REQUIRE(import_rules(db, "// hai\n" + kValid, "b.jsonc", now).version == 2);
  auto list = dondoc::rules_versions(db);
  REQUIRE(list.size() == 2);
  CHECK(list[0].version == 2);
  CHECK(list[0].active);
  CHECK(list[0].source == "b.jsonc");
  CHECK(list[0].bytes == kValid.size() + 7);
  CHECK_FALSE(list[1].active);
  auto one = dondoc::rules_version(db, 1);
  REQUIRE(one);
  CHECK(one->text == kValid);
  CHECK_FALSE(dondoc::rules_version(db, 99));
  auto d = line_diff(dondoc::rules_version(db, 1)->text, dondoc::rules_version(db, 2)->text);
  CHECK(kinds(d).rfind("+=", 0) == 0);
}
