// A body's report recognised in chat (bot/report_intent.h): "Báo cáo …" in any case, with or
// without diacritics, NFD; replies to a report nudge; short statuses left to the status parser.
#include <catch2/catch.hpp>

#include "bot/conversation.h"
#include "bot/report_intent.h"

using namespace dondoc;
using namespace dondoc::bot;

namespace {
const Date kToday = *make_date(2026, 11, 25);
}

TEST_CASE("report text: a message starting with Báo cáo is a report") {
  auto r = parse_report_text("Báo cáo tháng 11/2026\nKết quả: xong 3 việc", "", false, kToday);
  REQUIRE(r);
  CHECK(r->cycle == "monthly");
  CHECK(r->period == "2026-11");
  auto plain = parse_report_text("BAO CAO: ket qua dat, kho khan khong co", "", false, kToday);
  REQUIRE(plain);
  CHECK(plain->cycle.empty());
  // NFD: "Báo cáo" with combining acute accents.
  auto nfd = parse_report_text("Ba\xCC\x81o ca\xCC\x81o quý IV: đạt kế hoạch", "", false, kToday);
  REQUIRE(nfd);
  CHECK(nfd->cycle == "quarterly");
}

TEST_CASE("report text: short statuses and other messages are not reports") {
  CHECK_FALSE(parse_report_text("Báo cáo tháng 11 đã gửi", "", false, kToday));
  CHECK_FALSE(parse_report_text("Báo cáo", "", false, kToday));
  CHECK_FALSE(parse_report_text("Báo cáoviên", "", false, kToday));
  CHECK_FALSE(parse_report_text("NV3 xong", "", false, kToday));
  CHECK_FALSE(parse_report_text("Kết quả: tốt", "", false, kToday));
}

TEST_CASE("report text: a reply to a report nudge is its report, a status still a status") {
  auto r = parse_report_text("Trong tháng đã hoàn thành tuyên truyền tại 5 thôn.", "monthly", false,
                             kToday);
  REQUIRE(r);
  CHECK(r->cycle == "monthly");
  CHECK_FALSE(parse_report_text("xong", "monthly", false, kToday));
  CHECK_FALSE(parse_report_text("ok", "monthly", false, kToday));
  CHECK_FALSE(parse_report_text("NV3 đang làm 50%", "monthly", false, kToday));
  auto photo = parse_report_text("", "monthly", true, kToday);
  REQUIRE(photo);
  CHECK_FALSE(parse_report_text("Đã hoàn thành tuyên truyền tại 5 thôn.", "", false, kToday));
}

TEST_CASE("report text: the conversation stores it for a linked chat") {
  InboundEvent e;
  e.kind = InboundEvent::Kind::message;
  e.text = "Báo cáo tháng 11: Kết quả: đạt";
  ChatContext ctx;
  ctx.body = "kinh_te";
  ctx.report_text = ReportText{"monthly", "2026-11"};
  Action a = decide(e, ctx);
  CHECK(a.kind == Action::Kind::submit_report);
  CHECK(a.cycle == "monthly");
  CHECK(a.period == "2026-11");
  ctx.body.reset();
  CHECK(decide(e, ctx).kind == Action::Kind::explain_unlinked);
}

TEST_CASE("report text: Telegram documents and photos are kept as files, caption as text") {
  nlohmann::json u = {
      {"update_id", 7},
      {"message",
       {{"message_id", 9},
        {"chat", {{"id", 42}, {"type", "private"}}},
        {"caption", "Báo cáo tháng 11"},
        {"document", {{"file_id", "BQAC"}, {"file_name", "bc.docx"}, {"mime_type", "x"}}}}}};
  auto e = parse_telegram_update(u);
  REQUIRE(e);
  CHECK(e->kind == InboundEvent::Kind::message);
  CHECK(e->text == "Báo cáo tháng 11");
  REQUIRE(e->files.size() == 1);
  CHECK(e->files[0].ref == "BQAC");
  auto back = event_from_json(nlohmann::json::parse(to_log_json(*e)));
  REQUIRE(back);
  REQUIRE(back->files.size() == 1);
  CHECK(back->files[0].name == "bc.docx");
}
