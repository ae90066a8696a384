// A body's report (service/body_reports.h) on a real SQLite file with the example plan and rules:
// on time, late, amended before and after the due date, headings with and without diacritics
// (NFC and NFD), attachments, and bad input that changes nothing.
#include <catch2/catch.hpp>

#include "engine/kinds.h"
#include "service/body_reports.h"
#include "service/tick.h"
#include "tests/engine/fixture.h"
#include "tests/service/chat_fixture.h"

using namespace dondoc;
using namespace dondoc::testing;

namespace {

struct ReportFixture : ChatFixture {
  ReportFixture() {  // the first tick starts the follow-up, so reports due after it are owed
    REQUIRE(service::tick(db, FixedClock(at("2026-11-02T09:00+07:00"))));
  }

  Result<service::ReportReceipt> submit(const std::string& text, const std::string& when,
                                        std::string cycle = "monthly", std::string period = "") {
    service::ReportSubmission s;
    s.body = "kinh_te";
    s.cycle = std::move(cycle);
    s.period = std::move(period);
    s.text = text;
    s.source = "cli";
    s.by = "test";
    s.at = at(when);
    return service::submit_report(db, s);
  }

  std::string status_of(const std::string& id) {
    sql::Statement q(db.sql(), "SELECT status FROM engine_obligations WHERE id = ?");
    q.bind(1, id);
    return q.step() ? q.column(0).text() : "";
  }
};

const char* kNovember = "report||monthly|2026-11|kinh_te";

}  // namespace

TEST_CASE("body reports: a report before its due date is on time, confirmed and marked done") {
  ReportFixture f;
  auto r = f.submit(
      "Báo cáo tháng 11/2026\nKết quả: hoàn thành 3 nhiệm vụ.\nKhó khăn, vướng mắc: thiếu kinh "
      "phí.\nĐề xuất, kiến nghị: bổ sung kinh phí.",
      "2026-11-10T10:00+07:00");
  REQUIRE(r);
  CHECK(r->report.period == "2026-11");
  CHECK(r->report.period_label == "tháng 11/2026");
  CHECK(r->report.on_time);
  CHECK_FALSE(r->amended);
  CHECK(r->report.sections.results == "hoàn thành 3 nhiệm vụ.");
  CHECK(r->report.sections.obstacles == "thiếu kinh phí.");
  CHECK(r->report.sections.proposals == "bổ sung kinh phí.");
  CHECK(r->message.rfind("Đã nhận báo cáo tháng 11/2026 của Phòng Kinh tế, đúng hạn", 0) == 0);
  CHECK(f.status_of(kNovember) == "done");
  CHECK(f.count("SELECT COUNT(*) FROM audit WHERE kind = 'report_received'") == 1);
  CHECK(f.count("SELECT COUNT(*) FROM outbox WHERE recipient = 'kinh_te' AND text LIKE "
                "'Đã nhận báo cáo tháng 11/2026%'") == 1);
  auto listed = service::reports_for_period(f.db, "monthly", "2026-11");
  REQUIRE(listed);
  REQUIRE(listed->size() == 1);
  CHECK(listed->front().body_name == "Phòng Kinh tế");
  CHECK(listed->front().sections.obstacles == "thiếu kinh phí.");
}

TEST_CASE("body reports: a second message before the due date amends, keeping the first time") {
  ReportFixture f;
  REQUIRE(f.submit("Báo cáo: bản đầu", "2026-11-10T10:00+07:00"));
  auto r = f.submit("Báo cáo: bản sửa", "2026-11-12T10:00+07:00");
  REQUIRE(r);
  CHECK(r->amended);
  CHECK(r->report.versions == 2);
  CHECK(r->report.text == "Báo cáo: bản sửa");
  CHECK(r->report.received == f.at("2026-11-10T10:00+07:00"));
  CHECK(r->report.updated == f.at("2026-11-12T10:00+07:00"));
  CHECK(r->report.on_time);
  CHECK(r->message.find("bản cập nhật") != std::string::npos);
  CHECK(f.count("SELECT COUNT(*) FROM body_report_versions") == 2);
  // After the due date a new message is a late amendment: recorded, timeliness unchanged.
  auto late = f.submit("Báo cáo: bổ sung", "2026-11-25T10:00+07:00", "monthly", "2026-11");
  REQUIRE(late);
  CHECK(late->report.versions == 3);
  CHECK(late->report.on_time);
  CHECK(late->message.find("sau hạn") != std::string::npos);
  CHECK(f.count("SELECT late FROM body_report_versions WHERE version = 3") == 1);
  auto mine = service::reports_of_body(f.db, "kinh_te", 10);
  REQUIRE(mine);
  REQUIRE(mine->size() == 1);
  CHECK(mine->front().versions == 3);
}

TEST_CASE("body reports: a report after its due date is late") {
  ReportFixture f;
  auto r = f.submit("Báo cáo tháng 11", "2026-11-25T10:00+07:00");
  REQUIRE(r);
  CHECK(r->report.period == "2026-11");
  CHECK_FALSE(r->report.on_time);
  CHECK(r->message.find("nộp muộn") != std::string::npos);
  CHECK(f.status_of(kNovember) == "done");
}

TEST_CASE("body reports: headings without diacritics, in capitals, NFD and numbered") {
  auto plain = service::split_report_sections(
      "bao cao thang 11\n1. KET QUA: xong\n2. Kho khan, vuong mac: khong co\n3. De xuat: khong");
  CHECK(plain.results == "xong");
  CHECK(plain.obstacles == "khong co");
  CHECK(plain.proposals == "khong");
  // "Kết quả" and "Khó khăn" in NFD (combining marks), on one line after sentences.
  auto nfd = service::split_report_sections(
      "Báo cáo. K\xC3\xAA\xCC\x81t qua\xCC\x89: đạt. Kho\xCC\x81 kha\xCC\x86n: chậm. Kiến nghị: "
      "hỗ trợ.");
  CHECK(nfd.results == "đạt.");
  CHECK(nfd.obstacles == "chậm.");
  CHECK(nfd.proposals == "hỗ trợ.");
  auto none = service::split_report_sections("Đã hoàn thành các việc trong tháng.");
  CHECK(none.results == "Đã hoàn thành các việc trong tháng.");
  CHECK(none.obstacles.empty());
}

TEST_CASE("body reports: attachments are kept with their version") {
  ReportFixture f;
  service::ReportSubmission s;
  s.body = "kinh_te";
  s.text = "Báo cáo tháng 11, xem tệp kèm";
  s.attachments = {{"telegram", "BQACAgUAAx", "bao_cao.docx", "application/msword", 0}};
  s.source = "chat";
  s.by = "telegram:42";
  s.at = f.at("2026-11-10T10:00+07:00");
  auto r = service::submit_report(f.db, s);
  REQUIRE(r);
  REQUIRE(r->report.attachments.size() == 1);
  CHECK(r->report.attachments[0].ref == "BQACAgUAAx");
  auto listed = service::reports_of_body(f.db, "kinh_te", 5);
  REQUIRE(listed);
  REQUIRE(listed->front().attachments.size() == 1);
  CHECK(listed->front().attachments[0].name == "bao_cao.docx");
  CHECK(r->message.find("1 tệp đính kèm") != std::string::npos);
}

TEST_CASE("body reports: bad input changes nothing") {
  ReportFixture f;
  int audit = f.count("SELECT COUNT(*) FROM audit");
  int outbox = f.count("SELECT COUNT(*) FROM outbox");
  CHECK_FALSE(f.submit("   ", "2026-11-10T10:00+07:00"));
  CHECK_FALSE(f.submit("Báo cáo", "2026-11-10T10:00+07:00", "weekly"));
  CHECK_FALSE(f.submit("Báo cáo", "2026-11-10T10:00+07:00", "monthly", "2031-01"));
  CHECK_FALSE(f.submit(std::string("B\xFF"), "2026-11-10T10:00+07:00"));
  service::ReportSubmission s;
  s.body = "khong_co";
  s.text = "Báo cáo";
  s.source = "cli";
  s.at = f.at("2026-11-10T10:00+07:00");
  auto r = service::submit_report(f.db, s);
  REQUIRE_FALSE(r);
  CHECK_FALSE(r.error().empty());
  CHECK(f.count("SELECT COUNT(*) FROM body_reports") == 0);
  CHECK(f.count("SELECT COUNT(*) FROM audit") == audit);
  CHECK(f.count("SELECT COUNT(*) FROM outbox") == outbox);
}
