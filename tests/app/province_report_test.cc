// The province report (service/province_report.h) end to end: two demo communes with replies of
// their own, `dondoc province report` as XLSX read back by openpyxl (sheets, a row per commune,
// the figures of `province summary --json`), HTML and Markdown, bad input refused with nothing
// written, and the dashboard's download for a province viewer only.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/app/web_support.h"
#include "tests/support/process.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

const std::string kNow = "2025-12-01T09:00+07:00";

t::RunResult ok(const std::vector<std::string>& args) {
  auto r = t::run_dondoc(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

// Two demo communes; xa_b's vh_xh finished task 2 on time and is blocked on task 4, xa_a's
// reported task 2 in progress: same plans, different figures.
void two_communes(const std::string& db) {
  ok({"--db", db, "--commune", "xa_a", "init", "--demo", "--name", "Xã Ánh Dương"});
  ok({"--db", db, "--commune", "xa_b", "init", "--demo", "--name", "Xã Bình Minh"});
  ok({"--db", db, "tick", "--now", "2025-09-22T08:00+07:00"});
  ok({"--db", db, "--commune", "xa_b", "record", "--task", "2", "--body", "vh_xh", "--status",
      "done", "--now", "2025-09-25T09:00+07:00"});
  ok({"--db", db, "--commune", "xa_b", "record", "--task", "4", "--body", "vh_xh", "--status",
      "blocked", "--reason", "chưa có kinh phí", "--now", "2025-09-25T09:00+07:00"});
  ok({"--db", db, "--commune", "xa_a", "record", "--task", "2", "--body", "vh_xh", "--status",
      "in_progress", "--now", "2025-09-25T09:00+07:00"});
  ok({"--db", db, "province", "set", "--name", "Tỉnh Quảng Nam"});
}

std::string shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  pclose(p);
  return out;
}

// The workbook as JSON: sheet names, and each sheet's rows as lists of cell values.
json read_xlsx(const std::string& path) {
  return json::parse(shell(
      "/usr/bin/python3 -c \"import sys, json, openpyxl\n"
      "wb = openpyxl.load_workbook(sys.argv[1])\n"
      "out = {'sheets': wb.sheetnames}\n"
      "for ws in wb: out[ws.title] = {'rows': [list(r) for r in ws.iter_rows(values_only=True)],"
      " 'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref,"
      " 'bold': [bool(c.font.bold) for c in ws[7 if ws.title == 'Tổng hợp' else 1]]}\n"
      "print(json.dumps(out, default=str))\" " +
      path));
}

}  // namespace

TEST_CASE("province report: the XLSX holds one row per commune with the summary's figures") {
  t::TempDir dir;
  std::string db = dir.file("p.db"), xlsx = dir.file("tinh.xlsx");
  two_communes(db);
  ok({"--db", db, "province", "report", "--cycle", "monthly", "--period", "2025-11", "--format",
      "xlsx", "-o", xlsx, "--now", kNow});
  json wb = read_xlsx(xlsx);
  INFO(wb.dump());
  CHECK(wb["sheets"] == json{"Tổng hợp", "Chỉ tiêu"});
  const auto& rows = wb["Tổng hợp"]["rows"];
  CHECK(rows[0][0] == "UBND TỈNH QUẢNG NAM");
  CHECK(rows[0][2] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  CHECK(rows[2][2] == "Quảng Nam, ngày 1 tháng 12 năm 2025");
  CHECK(rows[4][0].get<std::string>().find("của các xã (tháng 11/2025)") != std::string::npos);
  CHECK(rows[6][0] == "Xã");
  CHECK(wb["Tổng hợp"]["freeze"] == "A8");
  CHECK_FALSE(wb["Tổng hợp"]["filter"].is_null());
  CHECK(wb["Tổng hợp"]["bold"][0] == true);
  REQUIRE(rows.size() == 10);  // header (5 rows, a blank), table header, 2 communes, totals

  auto summary =
      json::parse(ok({"--db", db, "province", "summary", "--now", kNow, "--json"}).out)["communes"];
  REQUIRE(summary.size() == 2);
  for (int i = 0; i < 2; ++i) {
    const auto& row = rows[7 + i];
    const auto& s = summary[i];
    CHECK(row[0] == s["name"]);  // same order: ranked as the summary ranks
    CHECK(row[1] == s["id"]);
    CHECK(row[2] == s["rank"]);
    CHECK(row[8] == s["overdue"]);
    CHECK(row[9] == s["blocked"]);
    CHECK(row[15] == s["linked_chats"]);
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.1f%%", s["on_time_rate"].get<double>() * 100);
    std::string vn = rate;
    vn[vn.find('.')] = ',';
    CHECK(row[7] == vn);
  }
  CHECK(rows[7][0] == "Xã Bình Minh");  // task 2 done on time
  CHECK(rows[7][5] == 1);               // done
  CHECK(rows[7][6] == 1);               // blocked
  CHECK(rows[8][5] == 0);               // xa_a: nothing of xa_b's counted
  CHECK(rows[8][6] == 0);
  CHECK(rows[8][4].get<int>() >= 1);  // its own task 2 in progress
  CHECK(rows[9][0] == "Tổng cộng");
  CHECK(rows[9][8] == summary[0]["overdue"].get<int>() + summary[1]["overdue"].get<int>());
  CHECK(rows[7][10].get<int>() > 0);  // the November reports fell due
  CHECK(rows[7][11] == 0);

  const auto& ind = wb["Chỉ tiêu"]["rows"];
  CHECK(ind[0][0] == "Xã");
  CHECK(wb["Chỉ tiêu"]["freeze"] == "A2");
  int a = 0, b = 0;
  for (std::size_t i = 1; i < ind.size(); ++i) {
    a += ind[i][0] == "Xã Ánh Dương" ? 1 : 0;
    b += ind[i][0] == "Xã Bình Minh" ? 1 : 0;
  }
  CHECK(a > 0);
  CHECK(a == b);
}

TEST_CASE("province report: HTML and Markdown name both communes; bad input writes nothing") {
  t::TempDir dir;
  std::string db = dir.file("p.db");
  two_communes(db);
  auto html = ok({"--db", db, "province", "report", "--cycle", "quarterly", "--period", "2025-Q4",
                  "--format", "html", "--now", kNow})
                  .out;
  CHECK(html.find("<!DOCTYPE html>") == 0);
  CHECK(html.find("UBND TỈNH QUẢNG NAM") != std::string::npos);
  CHECK(html.find("Độc lập - Tự do - Hạnh phúc") != std::string::npos);
  CHECK(html.find("<td>Xã Ánh Dương</td>") != std::string::npos);
  CHECK(html.find("<td>Xã Bình Minh</td>") != std::string::npos);
  CHECK(html.find("(quý IV/2025)") != std::string::npos);
  auto md = ok({"--db", db, "province", "report", "--cycle", "annual", "--period", "2025",
                "--format", "md", "--now", kNow})
                .out;
  CHECK(md.find("| Tổng cộng |") != std::string::npos);

  std::string out = dir.file("x.xlsx");
  auto bad = [&](std::vector<std::string> extra, const std::string& says) {
    std::vector<std::string> args{"--db", db, "province", "report", "--now", kNow};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = t::run_dondoc(args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(says) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
  };
  bad({"--cycle", "weekly", "--period", "2025-11", "--format", "xlsx", "-o", out}, "--cycle");
  bad({"--cycle", "monthly", "--period", "2025-13", "--format", "xlsx", "-o", out}, "--period");
  bad({"--cycle", "monthly", "--period", "2025-Q4", "--format", "xlsx", "-o", out}, "--period");
  bad({"--cycle", "monthly", "--period", "2025-11", "--format", "docx", "-o", out}, "--format");
  bad({"--cycle", "monthly", "--period", "2025-11", "--format", "xlsx"}, "-o");
  bad({"--cycle", "monthly", "--period", "2025-11", "--format", "xlsx", "-o",
       dir.file("no/such/dir/x.xlsx")},
      "không ghi được");
}

TEST_CASE("web: the province report downloads for a province viewer, 403 for a commune role") {
  t::WebServed s(false);
  two_communes(s.db);
  s.add_user("tinh", "province_viewer");
  auto r = t::run_dondoc({"--db", s.db, "--commune", "xa_a", "user", "add", "lanhdao", "--role",
                          "leader", "--password-stdin"},
                         t::kWebPassword + "\n");
  REQUIRE(r.exit_code == 0);
  std::string province = s.sign_in("tinh"), leader = s.sign_in("lanhdao");
  std::string url = "/tinh/bao-cao?cycle=monthly&period=2025-11&format=";
  auto page = s.get("/tinh", province);
  CHECK(page.status == 200);
  CHECK(page.body.find("action=\"/tinh/bao-cao\"") != std::string::npos);
  auto html = s.get(url + "html", province);
  CHECK(html.status == 200);
  CHECK(html.body.find("Xã Ánh Dương") != std::string::npos);
  CHECK(html.body.find("Xã Bình Minh") != std::string::npos);
  auto xlsx = s.get(url + "xlsx", province);
  CHECK(xlsx.status == 200);
  CHECK(xlsx.header("Content-Disposition").find("bao-cao-toan-tinh-monthly-2025-11.xlsx") !=
        std::string::npos);
  CHECK(xlsx.body.rfind("PK", 0) == 0);
  CHECK(s.get(url + "pdf", province).status == 400);
  CHECK(s.get("/tinh/bao-cao?cycle=weekly&period=2025-11&format=md", province).status == 400);
  CHECK(s.get(url + "xlsx", leader).status == 403);
  CHECK(s.get("/tinh", leader).status == 403);
}
