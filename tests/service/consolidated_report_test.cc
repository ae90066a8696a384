// The consolidated report (service/consolidated_report.h) after a scripted November 2026 on the
// demo plan: task replies, two body reports (one late), an indicator value and one explanation
// request with its answer. The MD and HTML are compared with golden files; the XLSX, DOCX and PDF
// are read back by real readers (openpyxl, python-docx, pdftotext).
//
// To regenerate the golden files after an intended change:
//   DONDOC_UPDATE_GOLDEN=1 build/test_service "consolidated report*"
// then review `git diff tests/data/report_monthly_2026-11.*`.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "service/body_reports.h"
#include "service/consolidated_report.h"
#include "service/explanations.h"
#include "service/indicators.h"
#include "service/record.h"
#include "service/tick.h"
#include "storage/commune_store.h"
#include "tests/engine/fixture.h"
#include "tests/service/chat_fixture.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

struct MonthFixture : ChatFixture {
  MonthFixture() {
    REQUIRE(rename_commune(db, db.commune(), "truong_giang", "Xã Trường Giang"));
    REQUIRE(set_commune_settings(db, db.commune(),
                                 R"({"report": {"superior": "ĐẢNG BỘ XÃ TRƯỜNG GIANG"}})"));
    REQUIRE(service::tick(db, FixedClock(at("2026-11-02T09:00+07:00"))));
    status("2", "vh_xh", Status::done, "2026-11-05T09:00+07:00");
    status("4", "kinh_te", Status::in_progress, "2026-11-10T10:00+07:00", 60);
    status("4", "vp_ubnd", Status::blocked, "2026-11-12T14:00+07:00");
    report("vp_ubnd",
           "Báo cáo tháng 11\nKết quả: hoàn thành kế hoạch, 85% cán bộ được bồi dưỡng kỹ năng số.\n"
           "Khó khăn, vướng mắc: thiếu máy tính cho bộ phận một cửa.\n"
           "Đề xuất, kiến nghị: bổ sung 5 máy tính trong quý I/2027.",
           "2026-11-16T09:30+07:00");
    report("kinh_te", "Báo cáo tháng 11: đang rà soát quy trình số hóa.", "2026-11-21T08:15+07:00");
    service::RecordIndicator ri{
        "2.1", "85%", "vh_xh", "test", "cli", "", at("2026-11-18T10:00+07:00")};
    REQUIRE(service::record_indicator(db, ri));
    service::AskExplanation a;
    a.body = "tt_hcc";
    a.task = "2";
    a.reason = "Chưa phối hợp hoàn thành kế hoạch";
    a.asked_by = "lanh_dao";
    a.at = at("2026-11-23T09:00+07:00");
    auto asked = service::ask_explanation(db, a);
    REQUIRE(asked);
    REQUIRE(service::answer_explanation(db, "tt_hcc", asked->id,
                                        "Đã trình dự thảo, chờ ý kiến Phòng Văn hóa - Xã hội.",
                                        "telegram:7", at("2026-11-24T15:00+07:00")));
  }

  void status(const std::string& task, const std::string& body, Status s, const char* when,
              int percent = 0) {
    Command c;
    c.task = task;
    c.body = body;
    c.status = s;
    c.percent = percent;
    if (s == Status::blocked) c.reason = "chưa có kinh phí";
    c.at = at(when);
    c.source = "cli:test";
    REQUIRE(service::record(db, c));
  }

  void report(const std::string& body, const std::string& text, const char* when) {
    service::ReportSubmission s;
    s.body = body;
    s.cycle = "monthly";
    s.period = "2026-11";
    s.text = text;
    s.source = "cli";
    s.by = "test";
    s.at = at(when);
    auto out = service::submit_report(db, s);
    INFO(body << ": " << (out ? "" : out.error()));
    REQUIRE(out);
  }

  service::ConsolidatedReport gather() {
    auto r = service::gather_report(db, "monthly", "2026-11", at("2026-11-30T09:00+07:00"));
    REQUIRE(r);
    return *r;
  }
};

std::string bytes(const service::ConsolidatedReport& r, service::ReportFormat f) {
  auto out = service::write_report(r, f);
  REQUIRE(out);
  return *out;
}

void golden(const std::string& name, const std::string& actual) {
  std::string path = source_path("tests/data/" + name);
  if (std::getenv("DONDOC_UPDATE_GOLDEN")) write_text(path, actual);
  CHECK(read_text(path) == actual);
}

// Runs a shell command; its stdout.
std::string shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  pclose(p);
  return out;
}

}  // namespace

TEST_CASE("consolidated report: the model of the scripted month") {
  MonthFixture f;
  auto r = f.gather();
  CHECK(r.period_label == "tháng 11/2026");
  CHECK(r.header.issuing_body == "UBND XÃ TRƯỜNG GIANG");
  CHECK(r.header.superior_body == "ĐẢNG BỘ XÃ TRƯỜNG GIANG");
  CHECK(r.header.subtitle.find("(tháng 11/2026)") != std::string::npos);
  CHECK(r.totals.done_on_time + r.totals.done_late == 1);
  CHECK(r.totals.blocked == 1);
  REQUIRE(r.reports.size() == 2);
  REQUIRE_FALSE(r.proposals.empty());
  CHECK(r.proposals[0].find("bổ sung 5 máy tính") != std::string::npos);
  bool late_kinh_te = false;
  for (const auto& t : r.late_or_missing) late_kinh_te |= t.body == "kinh_te" && t.state == "late";
  CHECK(late_kinh_te);
  REQUIRE(r.explanations.size() == 1);
  CHECK(r.explanations[0].state == "answered");
  bool valued = false;
  for (const auto& i : r.indicators)
    valued |= i.id == "2.1" && i.latest && i.latest->value == "85%";
  CHECK(valued);
}

TEST_CASE("consolidated report: bad cycle and period are refused in Vietnamese") {
  MonthFixture f;
  Instant now = f.at("2026-11-30T09:00+07:00");
  auto r = service::gather_report(f.db, "weekly", "2026-11", now);
  REQUIRE_FALSE(r);
  CHECK(r.error().find("chu kỳ") != std::string::npos);
  CHECK_FALSE(service::gather_report(f.db, "monthly", "2026-13", now));
  CHECK_FALSE(service::gather_report(f.db, "monthly", "2026-Q4", now));
  CHECK(service::gather_report(f.db, "quarterly", "2026-Q4", now));
  CHECK_FALSE(service::report_format_from_string("rtf"));
}

TEST_CASE("consolidated report: MD and HTML match the golden files") {
  MonthFixture f;
  auto r = f.gather();
  golden("report_monthly_2026-11.md", bytes(r, service::ReportFormat::md));
  golden("report_monthly_2026-11.html", bytes(r, service::ReportFormat::html));
  std::string csv = bytes(r, service::ReportFormat::csv);
  CHECK(csv.rfind("\xEF\xBB\xBFNhiệm vụ,Nội dung,", 0) == 0);
}

TEST_CASE("consolidated report: XLSX and DOCX read back by openpyxl and python-docx") {
  MonthFixture f;
  auto r = f.gather();
  TempDir dir;
  write_text(dir.file("r.xlsx"), bytes(r, service::ReportFormat::xlsx));
  write_text(dir.file("r.docx"), bytes(r, service::ReportFormat::docx));
  std::string xlsx = shell(
      "/usr/bin/python3 -c \"import sys, openpyxl\n"
      "wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['Nhiệm vụ']\n"
      "print('|'.join(wb.sheetnames)); print(ws['A1'].value, ws['C1'].value, ws['F1'].font.b)\n"
      "print(ws.freeze_panes, ws.auto_filter.ref); print(ws['C2'].value)\n"
      "print(wb['Chỉ tiêu']['B1'].value)\" " +
      dir.file("r.xlsx"));
  CHECK(xlsx.find("Tổng hợp|Nhiệm vụ|Chỉ tiêu|Cơ quan\n") != std::string::npos);
  CHECK(xlsx.find("Nhiệm vụ Cơ quan True\n") != std::string::npos);
  CHECK(xlsx.find("A2 A1:H") != std::string::npos);
  CHECK(xlsx.find("Phòng Văn hóa - Xã hội\n") != std::string::npos);
  CHECK(xlsx.find("Chỉ tiêu\n") != std::string::npos);
  std::string docx = shell(
      "/usr/bin/python3 -c \"import sys, docx\n"
      "d = docx.Document(sys.argv[1])\n"
      "print(d.tables[0].rows[0].cells[1].text)\n"
      "for p in d.paragraphs[:2]: print(p.text)\n"
      "print(len(d.tables), d.tables[1].rows[0].cells[0].text)\" " +
      dir.file("r.docx"));
  CHECK(docx.find("Độc lập - Tự do - Hạnh phúc") != std::string::npos);
  CHECK(docx.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != std::string::npos);
  CHECK(docx.find("BÁO CÁO\nKết quả thực hiện Kế hoạch số") != std::string::npos);
  CHECK(docx.find("Cơ quan, đơn vị") != std::string::npos);
}

TEST_CASE("consolidated report: PDF through Chromium, or a plain error without it") {
  MonthFixture f;
  auto r = f.gather();
  setenv("DONDOC_CHROMIUM", "/nonexistent/chromium", 1);
  auto missing = service::write_report(r, service::ReportFormat::pdf);
  unsetenv("DONDOC_CHROMIUM");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().find("Chromium không có") != std::string::npos);
  if (!std::filesystem::exists("/usr/bin/chromium")) return;
  TempDir dir;
  write_text(dir.file("r.pdf"), bytes(r, service::ReportFormat::pdf));
  std::string text = shell("pdftotext -layout " + dir.file("r.pdf") + " -");
  CHECK(text.find("BÁO CÁO") != std::string::npos);
  CHECK(text.find("Kết quả thực hiện Kế hoạch số") != std::string::npos);
  CHECK(text.find("Độc lập - Tự do - Hạnh phúc") != std::string::npos);
}
