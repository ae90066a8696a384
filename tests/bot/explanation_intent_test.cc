// Explanation requests in chat: a body's answer and a leader's request, with or without
// diacritics; and what is neither.
#include "bot/explanation_intent.h"

#include <catch2/catch.hpp>

#include "bot/conversation.h"

using namespace dondoc;
using namespace dondoc::bot;

namespace {
Date day(const char* iso) { return *parse_date(iso); }
}  // namespace

TEST_CASE("explanation answer: with an id, without one, without diacritics") {
  auto a = parse_explanation_answer("Giải trình GT12: Chờ kinh phí từ huyện.");
  REQUIRE(a);
  CHECK(a->id == 12);
  CHECK(a->text == "Chờ kinh phí từ huyện.");
  a = parse_explanation_answer("giải trình: do thiếu người");
  REQUIRE(a);
  CHECK(a->id == 0);
  CHECK(a->text == "do thiếu người");
  a = parse_explanation_answer("GIAI TRINH gt 7 - đã làm xong phần chính");
  REQUIRE(a);
  CHECK(a->id == 7);
  CHECK(a->text == "đã làm xong phần chính");
  a = parse_explanation_answer("Giải trình GT3 chưa có hướng dẫn của huyện");
  REQUIRE(a);
  CHECK(a->id == 3);
  CHECK(a->text == "chưa có hướng dẫn của huyện");
  CHECK_FALSE(parse_explanation_answer("giải trình NV3 Phòng Kinh tế"));
  CHECK_FALSE(parse_explanation_answer("NV3 xong"));
  CHECK_FALSE(parse_explanation_answer("Báo cáo tháng 10 đã gửi"));
}

TEST_CASE("explanation ask: a task or a report, a body, a reason") {
  Date today = day("2026-11-05");
  auto a = parse_explanation_ask("giải trình NV3 Phòng Kinh tế", today);
  REQUIRE(a);
  CHECK(a->task == "3");
  CHECK(a->cycle.empty());
  CHECK(a->body_words == "phong kinh te");
  a = parse_explanation_ask("Yêu cầu giải trình nhiệm vụ 12 kinh_te: vì sao chậm?", today);
  REQUIRE(a);
  CHECK(a->task == "12");
  CHECK(a->body_words == "kinh_te");
  CHECK(a->reason == "vì sao chậm?");
  a = parse_explanation_ask("yeu cau giai trinh bao cao thang 10 vh_xh", today);
  REQUIRE(a);
  CHECK(a->cycle == "monthly");
  CHECK(a->period == "2026-10");
  CHECK(a->body_words == "vh_xh");
  a = parse_explanation_ask("giải trình báo cáo quý III/2026 Phòng Văn hóa - Xã hội", today);
  REQUIRE(a);
  CHECK(a->cycle == "quarterly");
  CHECK(a->period == "2026-Q3");
  CHECK(a->body_words == "phong van hoa xa hoi");
  a = parse_explanation_ask("giai trinh bc thang 12 kinh te", today);  // December: last year's
  REQUIRE(a);
  CHECK(a->period == "2025-12");
  CHECK_FALSE(parse_explanation_ask("giải trình NV3", today));  // no body
  CHECK_FALSE(parse_explanation_ask("Giải trình GT12: chờ kinh phí", today));
  CHECK_FALSE(parse_explanation_ask("NV3 xong", today));
}

TEST_CASE("explanation: the body named by id, name or alias") {
  std::vector<Body> bodies(2);
  bodies[0].id = "vh_xh";
  bodies[0].name = "Phòng Văn hóa - Xã hội";
  bodies[0].aliases = {"Phòng VH-XH"};
  bodies[1].id = "kinh_te";
  bodies[1].name = "Phòng Kinh tế";
  CHECK(find_named_body(bodies, "phong kinh te") == &bodies[1]);
  CHECK(find_named_body(bodies, "vh_xh") == &bodies[0]);
  CHECK(find_named_body(bodies, "phong vh xh") == &bodies[0]);
  CHECK(find_named_body(bodies, "phong tai chinh") == nullptr);
}

TEST_CASE("explanation: the conversation answers or asks before reading a status reply") {
  InboundEvent ev;
  ev.kind = InboundEvent::Kind::message;
  ev.text = "Giải trình GT2: thiếu kinh phí";
  ChatContext ctx;
  ctx.body = "vh_xh";
  ctx.explanation_answer = parse_explanation_answer(ev.text);
  CHECK(decide(ev, ctx).kind == Action::Kind::explain_answer);
  ctx.explanation_answer.reset();
  ctx.explanation_ask = parse_explanation_ask("giải trình NV2 vh_xh", day("2026-11-05"));
  CHECK(decide(ev, ctx).kind == Action::Kind::explain_ask);
}
