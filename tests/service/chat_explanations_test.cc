// Explanation requests by chat: a linked leader asks, the body answers "Giải trình GT1: …", the
// asker hears of it; a body that is nobody's leader may not ask.
#include <catch2/catch.hpp>

#include "service/explanations.h"
#include "storage/chat_store.h"
#include "tests/service/chat_fixture.h"

using namespace dondoc;
using dondoc::testing::ChatFixture;

TEST_CASE("chat: a leader asks for an explanation, the body answers it") {
  ChatFixture f;
  Instant now = ChatFixture::at("2026-11-20T09:00+07:00");
  bind_chat(f.db, {"generic", "boss", false}, "pct_ubnd", "Anh Hùng", format_instant(now));
  bind_chat(f.db, {"generic", "c1", false}, "vh_xh", "Chị Lan", format_instant(now));

  f.send("c1", "giải trình NV2 Phòng Kinh tế", now);  // vh_xh leads nobody
  CHECK(f.last_outcome() == "refused");
  CHECK(f.answers_to("c1").back().find("Chỉ lãnh đạo") != std::string::npos);

  f.send("boss", "yeu cau giai trinh NV2 vh_xh: vì sao chưa xong?", now);
  CHECK(f.last_outcome() == "applied");
  CHECK(f.answers_to("boss").back().find("Đã gửi yêu cầu giải trình GT1 đến Phòng Văn hóa - Xã "
                                         "hội") != std::string::npos);
  sql::Statement st(f.db.sql(),
                    "SELECT text FROM outbox WHERE recipient = 'vh_xh' AND "
                    "chat_id = '' ORDER BY id DESC LIMIT 1");
  REQUIRE(st.step());
  std::string request = st.column(0).text();
  CHECK(request.find("Phó Chủ tịch UBND xã đề nghị Phòng Văn hóa - Xã hội giải trình việc chậm "
                     "thực hiện Nhiệm vụ 2") != std::string::npos);
  CHECK(request.find("Nội dung yêu cầu: vì sao chưa xong?") != std::string::npos);

  f.send("c1", "Giải trình GT1: đang chờ kinh phí của huyện", now + std::chrono::hours(2));
  CHECK(f.last_outcome() == "applied");
  CHECK(f.answers_to("c1").back().find("Đã nhận giải trình GT1") != std::string::npos);
  CHECK(f.count("SELECT COUNT(*) FROM outbox WHERE recipient = 'pct_ubnd' AND text LIKE "
                "'%đã giải trình GT1%'") == 1);
  f.send("c1", "giải trình: lần nữa", now + std::chrono::hours(3));
  CHECK(f.last_outcome() == "refused");
  CHECK(f.count("SELECT COUNT(*) FROM explanation_requests WHERE answer = "
                "'đang chờ kinh phí của huyện'") == 1);
}
