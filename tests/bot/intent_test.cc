// Messages that are not status replies: help, what do I owe, thanks, and "report sent".
#include "bot/intent.h"

#include <catch2/catch.hpp>

#include "bot/reply_parser.h"

using namespace dondoc;
using dondoc::bot::Intent;
using dondoc::bot::ReportSubmitted;

TEST_CASE("intent: help, owed and thanks, with or without diacritics, any case, NFD") {
  struct Row {
    const char* text;
    Intent intent;
  };
  const Row rows[] = {
      {"hướng dẫn", Intent::help},
      {"Hướng dẫn ạ", Intent::help},
      {"HUONG DAN", Intent::help},
      {"/help", Intent::help},
      {"trợ giúp", Intent::help},
      {"tro giup", Intent::help},
      {"?", Intent::help},
      {"help", Intent::help},
      {"nhiệm vụ của tôi", Intent::owed},
      {"Nhiệm vụ của tôi là gì?", Intent::owed},
      {"nhiem vu cua toi la gi", Intent::owed},
      {"việc của tôi", Intent::owed},
      {"còn gì", Intent::owed},
      {"còn gì?", Intent::owed},
      {"/tasks", Intent::owed},
      {"tôi còn việc gì", Intent::owed},
      {"Dạ em còn việc gì ạ?", Intent::owed},
      {"ok", Intent::thanks},
      {"OK ạ", Intent::thanks},
      {"cảm ơn", Intent::thanks},
      {"Cảm ơn ạ!", Intent::thanks},
      {"cam on", Intent::thanks},
      {"đã nhận", Intent::thanks},
      {"Đã nhận.", Intent::thanks},
      {"vâng", Intent::thanks},
      {"dạ", Intent::thanks},
      {"Dạ vâng", Intent::thanks},
      {"được", Intent::thanks},
      {"c\xE1\xBA\xA3m \xC6\xA1n", Intent::thanks},  // NFC
      {"ca\xCC\x89m o\xCC\x9Bn", Intent::thanks},    // NFD
      {"NV3 xong", Intent::none},
      {"đã xong", Intent::none},
      {"hướng dẫn em làm nhiệm vụ 3 với", Intent::none},
      {"ok NV3 xong", Intent::none},
      {"hello world", Intent::none},
      {"", Intent::none},
  };
  for (const auto& r : rows) {
    INFO("text: " << r.text);
    CHECK(bot::parse_intent(r.text) == r.intent);
  }
}

TEST_CASE("intent: a thanks or a question is no status reply") {
  Date today = *make_date(2026, 11, 24);
  for (const char* s : {"ok", "cảm ơn", "đã nhận", "hướng dẫn", "nhiệm vụ của tôi là gì?"}) {
    INFO(s);
    CHECK(bot::parse_reply(s, today).empty());
  }
}

TEST_CASE("report submitted: cycle and period as the engine names them") {
  Date today = *make_date(2026, 11, 24);
  auto rs = [&](const char* s) { return bot::parse_report_submitted(s, today); };
  CHECK(rs("Báo cáo tháng 11 đã gửi") == ReportSubmitted{"monthly", "2026-11"});
  CHECK(rs("bao cao thang 12 da gui") == ReportSubmitted{"monthly", "2025-12"});  // last December
  CHECK(rs("Báo cáo tháng 10/2026 đã nộp ạ") == ReportSubmitted{"monthly", "2026-10"});
  CHECK(rs("đã gửi báo cáo quý IV") == ReportSubmitted{"quarterly", "2026-Q4"});
  CHECK(rs("đã gửi báo cáo quý 3 năm 2025") == ReportSubmitted{"quarterly", "2025-Q3"});
  CHECK(bot::parse_report_submitted("đã gửi báo cáo quý IV", *make_date(2026, 5, 4)) ==
        ReportSubmitted{"quarterly", "2025-Q4"});
  CHECK(rs("bc 6 tháng đã nộp") == ReportSubmitted{"half_year", ""});
  CHECK(rs("Báo cáo 6 tháng đầu năm 2026 đã gửi") == ReportSubmitted{"half_year", "2026"});
  CHECK(rs("báo cáo năm 2026 đã gửi") == ReportSubmitted{"annual", "2026"});
  CHECK(rs("báo cáo năm đã gửi rồi") == ReportSubmitted{"annual", ""});
  CHECK(rs("Dạ em gửi báo cáo rồi ạ") == ReportSubmitted{"", ""});
  CHECK_FALSE(rs("Báo cáo tháng 11 chưa gửi"));
  CHECK_FALSE(rs("NV3 xong"));
  CHECK_FALSE(rs("đã gửi"));
  CHECK_FALSE(rs("báo cáo tháng 11"));
}

TEST_CASE("intent: \"đăng nhập\" asks for a sign-in link") {
  for (const char* text : {"đăng nhập", "Dang nhap", "/login", "Đăng nhập ạ", "/dangnhap"}) {
    CAPTURE(text);
    CHECK(bot::parse_intent(text) == bot::Intent::sign_in);
  }
  CHECK(bot::parse_intent("đăng nhập NV3 xong") == bot::Intent::none);
}
