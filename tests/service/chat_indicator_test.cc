// Indicator values by chat (issue 16 §2): a linked chat of the monitoring body records a value
// and is told the standing; another body's chat, an unknown indicator or an unreadable value
// records nothing and is told why.
#include <catch2/catch.hpp>

#include "storage/chat_store.h"
#include "storage/indicator_store.h"
#include "tests/service/chat_fixture.h"

using namespace dondoc;
using dondoc::testing::ChatFixture;

TEST_CASE("chat: an indicator value from the monitoring body's chat") {
  ChatFixture f;
  Instant now = ChatFixture::at("2026-11-20T09:00+07:00");
  bind_chat(f.db, {"generic", "c1", false}, "vh_xh", "Chị Lan", format_instant(now));
  bind_chat(f.db, {"generic", "c2", false}, "tt_hcc", "Anh Nam", format_instant(now));

  f.send("c1", "chỉ tiêu 2.1 đạt 85%", now);
  CHECK(f.last_outcome() == "indicator_recorded");
  auto texts = f.answers_to("c1");
  REQUIRE(texts.size() == 1);
  CHECK(texts[0] ==
        "Đã ghi chỉ tiêu 2.1 (Tỷ lệ cán bộ, công chức cấp xã được bồi dưỡng kỹ năng số căn…): "
        "85% (mốc 2030: 100%, đúng tiến độ).");

  f.send("c2", "chi tieu 3.4 dat 86%", now);
  CHECK(f.last_outcome() == "indicator_recorded");
  CHECK(f.answers_to("c2").back().find("(mốc 2030: ≥ 85%, đạt).") != std::string::npos);

  f.send("c2", "CT 2.1: 90%", now);  // not its indicator
  CHECK(f.last_outcome() == "indicator_refused");
  CHECK(f.answers_to("c2").back() ==
        "Chỉ tiêu 2.1 do Phòng Văn hóa - Xã hội theo dõi, không phải Trung tâm Phục vụ hành "
        "chính công. Chưa ghi gì.");
  f.send("c1", "CT 9.9: 5", now);
  CHECK(f.last_outcome() == "indicator_refused");
  f.send("c1", "CT 2.1: chưa có", now);
  CHECK(f.last_outcome() == "indicator_refused");
  CHECK(load_indicator_values(f.db).size() == 2);
}
