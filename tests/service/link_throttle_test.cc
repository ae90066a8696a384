// Guessing link codes (issue 13 item 5): wrong codes are limited per chat (5 an hour, then one
// explanation and silence until the window ends), counted and audited; codes are stored hashed and
// a link request's code does not stay in the inbound log.
#include <catch2/catch.hpp>

#include "service/link.h"
#include "storage/chat_store.h"
#include "tests/service/chat_fixture.h"

using namespace dondoc;
using dondoc::testing::ChatFixture;

namespace {

// A fixed code: "ABCDEFGH" (bytes 0..7 index the code alphabet).
std::string new_code(ChatFixture& f, Instant now) {
  auto r = service::create_link_code(f.db, "vh_xh", now, [](std::vector<std::uint8_t>& b) {
    for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::uint8_t>(i);
    return true;
  });
  REQUIRE(r.ok());
  return r->code;
}

// Every text value in every table, to look for a code in plain.
bool anywhere_in_db(Database& db, const std::string& needle) {
  std::vector<std::string> tables;
  sql::Statement t(db.sql(), "SELECT name FROM sqlite_master WHERE type = 'table'");
  while (t.step()) tables.push_back(t.column(0).text());
  for (const auto& name : tables) {
    sql::Statement st(db.sql(), "SELECT * FROM \"" + name + "\"");
    while (st.step()) {
      for (int c = 0; c < st.column_count(); ++c) {
        if (st.column(c).text().find(needle) != std::string::npos) return true;
      }
    }
  }
  return false;
}

}  // namespace

TEST_CASE("link guessing: 200 wrong codes from one chat queue at most 6 messages") {
  ChatFixture f;
  Instant t0 = ChatFixture::at("2026-11-20T09:00+07:00");
  std::string code = new_code(f, t0);
  CHECK(code == "ABCDEFGH");
  service::HandledBatch total;
  for (int i = 0; i < 200; ++i) {
    auto b = f.send("g1", "DK WRONG" + std::to_string(100 + i), t0 + std::chrono::seconds(i));
    total.link_failed += b.link_failed;
    total.link_throttled += b.link_throttled;
    total.replied += b.replied;
  }
  CHECK(total.link_failed == 5);
  CHECK(total.link_throttled == 195);
  CHECK(total.replied == 6);
  auto texts = f.answers_to("g1");
  REQUIRE(texts.size() == 6);
  for (int i = 0; i < 5; ++i)
    CHECK(texts[i].find("không tìm thấy mã liên kết") != std::string::npos);
  // The window opened with the first failure at 09:00: try again after 10:00.
  CHECK(texts[5] ==
        "Mã liên kết đã bị nhập sai quá nhiều lần. Để bảo đảm an toàn, cuộc trò chuyện này tạm "
        "thời không thể liên kết. Đồng chí vui lòng kiểm tra lại mã do Văn phòng cung cấp và thử "
        "lại sau 10:00.");
  CHECK(f.count("SELECT COUNT(*) FROM audit WHERE kind = 'link_attempt_failed'") == 5);
  CHECK(f.count("SELECT COUNT(*) FROM audit WHERE kind = 'link_attempts_throttled'") == 1);
  CHECK(f.count("SELECT COUNT(*) FROM inbound_events WHERE outcome = 'link_throttled_silent'") ==
        194);
  CHECK(f.count("SELECT throttled FROM link_attempts WHERE chat_id = 'g1'") == 195);

  // The right code inside the window is not even checked: still silence, still not linked.
  f.send("g1", "DK " + code, t0 + std::chrono::minutes(30));
  CHECK(f.last_outcome() == "link_throttled_silent");
  CHECK_FALSE(chat_body(f.db, "generic", "g1"));
  // Another chat is not held back by this one.
  f.send("g2", "DK WRONG999", t0 + std::chrono::minutes(30));
  CHECK(f.last_outcome() == "link_refused");

  // After the window the right code links, and the count starts again.
  f.send("g1", "dk " + code, t0 + std::chrono::minutes(61));
  CHECK(f.last_outcome() == "linked");
  CHECK(chat_body(f.db, "generic", "g1") == "vh_xh");
  CHECK(f.count("SELECT COUNT(*) FROM link_attempts WHERE chat_id = 'g1'") == 0);
  CHECK(f.answers_to("g1").size() == 7);
}

TEST_CASE("link codes: only their hash is stored, and a link request's code leaves the log") {
  ChatFixture f;
  Instant t0 = ChatFixture::at("2026-11-20T09:00+07:00");
  std::string code = new_code(f, t0);
  CHECK(find_link_code(f.db, code));
  CHECK(find_link_code(f.db, "abcdefgh"));  // as a user may type it
  CHECK_FALSE(find_link_code(f.db, "ABCDEFGJ"));
  CHECK_FALSE(anywhere_in_db(f.db, code));
  CHECK(f.count("SELECT COUNT(*) FROM link_codes WHERE length(code_hash) = 64") == 1);

  // Sent while the chat is throttled, a right code stays valid: it must not stay in the log.
  for (int i = 0; i < 6; ++i) f.send("g1", "DK WRONG" + std::to_string(100 + i), t0);
  f.send("g1", "DK " + code, t0);
  CHECK(f.last_outcome() == "link_throttled_silent");
  CHECK_FALSE(anywhere_in_db(f.db, code));
  CHECK_FALSE(anywhere_in_db(f.db, "WRONG100"));
  f.send("g2", "DK " + code, t0);
  CHECK(f.last_outcome() == "linked");
  CHECK_FALSE(anywhere_in_db(f.db, code));
}
