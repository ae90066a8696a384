// A reply the engine refuses is not counted as applied (issue 13 item 7): the event is marked
// `refused` (or `partly_applied` when some of its items were applied), the pass counts it in
// replies_refused, and the chat is told why.
#include <catch2/catch.hpp>

#include "storage/chat_store.h"
#include "tests/service/chat_fixture.h"

using namespace dondoc;
using dondoc::testing::ChatFixture;

TEST_CASE("chat replies: applied, refused and partly applied are told apart and counted") {
  ChatFixture f;
  Instant now = ChatFixture::at("2026-11-20T09:00+07:00");
  bind_chat(f.db, {"generic", "c1", false}, "vh_xh", "Chị Lan", format_instant(now));

  auto ok = f.send("c1", "NV2 đang làm 60%", now);
  CHECK(f.last_outcome() == "applied");
  CHECK(ok.replies_applied == 1);
  CHECK(ok.replies_refused == 0);

  // The plan has 8 tasks: the engine refuses Nhiệm vụ 9, nothing is recorded for it.
  auto refused = f.send("c1", "NV9 xong", now);
  CHECK(f.last_outcome() == "refused");
  CHECK(refused.replies_applied == 0);
  CHECK(refused.replies_refused == 1);
  CHECK(refused.replied == 1);  // the chat hears why
  auto texts = f.answers_to("c1");
  REQUIRE(texts.size() == 2);
  CHECK(texts[1].find("Đã ghi nhận") == std::string::npos);
  CHECK(f.count("SELECT COUNT(*) FROM engine_obligations WHERE task = '9'") == 0);

  auto mixed = f.send("c1", "NV2 xong, NV9 xong", now);
  CHECK(f.last_outcome() == "partly_applied");
  CHECK(mixed.replies_applied == 1);
  CHECK(mixed.replies_refused == 1);
}
