// The calendar feed tokens store (storage/feed_token_store.h) on both stores: only the hash is
// stored, a hash is taken once (whatever the commune), a token is found from any commune but
// listed, read and revoked only in its own, revoked once, and a rolled-back write leaves nothing.
#include "storage/feed_token_store.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/both_stores.h"
#include "tests/support/store_contract.h"

using namespace dondoc;
using dondoc::testing::on_both_stores;
using dondoc::testing::rows_text;
using dondoc::testing::StoreUnderTest;

namespace {

FeedTokenRow token(const std::string& plaintext, std::int64_t commune, const std::string& body) {
  FeedTokenRow r;
  r.token_hash = feed_token_hash(plaintext);
  r.commune = commune;
  r.body = body;
  r.created_by = "admin";
  r.created_at = "2026-01-05T08:00+07:00";
  return r;
}

std::vector<std::int64_t> ids(const std::vector<FeedTokenRow>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& r : rows) out.push_back(r.id);
  return out;
}

const char* const kAll =
    "SELECT id, token_hash, commune, body, created_by, created_at, revoked_at FROM feed_tokens "
    "ORDER BY id";

}  // namespace

TEST_CASE("feed token store: a token's hash reads back from any commune; a hash is taken once",
          "[pg][feed_token_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::TwoCommunes c(backend.location);
    std::string hash = feed_token_hash("bí-mật-1");
    CHECK(hash.size() == 64);
    CHECK(hash != "bí-mật-1");
    CHECK(feed_token_hash("bí-mật-1") == hash);
    CHECK(feed_token_hash("bí-mật-2") != hash);

    std::optional<std::int64_t> id;
    {
      CommuneScope scope(c.db, c.a);
      id = insert_feed_token(c.db, token("bí-mật-1", c.a, "vh_xh"));
    }
    REQUIRE(id);
    // No scope: a subscription URL names no commune.
    auto found = find_feed_token(c.db, hash);
    REQUIRE(found);
    CHECK(found->id == *id);
    CHECK(found->token_hash == hash);
    CHECK(found->commune == c.a);
    CHECK(found->body == "vh_xh");
    CHECK(found->created_by == "admin");
    CHECK(found->created_at == "2026-01-05T08:00+07:00");
    CHECK_FALSE(found->revoked_at);
    CHECK_FALSE(find_feed_token(c.db, feed_token_hash("bí-mật-2")));
    CHECK_FALSE(find_feed_token(c.db, ""));
    CHECK(rows_text(c.db, "SELECT COUNT(*) FROM feed_tokens WHERE token_hash = 'bí-mật-1'") ==
          "0\n");  // never the plaintext

    // The same hash again, in its commune or another: refused, nothing changed.
    const std::string before = rows_text(c.db, kAll);
    {
      CommuneScope scope(c.db, c.a);
      CHECK_FALSE(insert_feed_token(c.db, token("bí-mật-1", c.a, "")));
    }
    {
      CommuneScope scope(c.db, c.b);
      CHECK_FALSE(insert_feed_token(c.db, token("bí-mật-1", c.b, "kinh_te")));
    }
    CHECK(rows_text(c.db, kAll) == before);
  });
}

TEST_CASE("feed token store: listed, read and revoked in its own commune only, revoked once",
          "[pg][feed_token_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::TwoCommunes c(backend.location);
    std::int64_t a1 = 0, a2 = 0, b1 = 0;
    {
      CommuneScope scope(c.db, c.a);
      a1 = insert_feed_token(c.db, token("a-1", c.a, "")).value_or(0);
      a2 = insert_feed_token(c.db, token("a-2", c.a, "vh_xh")).value_or(0);
    }
    {
      CommuneScope scope(c.db, c.b);
      b1 = insert_feed_token(c.db, token("b-1", c.b, "")).value_or(0);
    }
    REQUIRE(a1 > 0);
    CHECK(a2 > a1);
    CHECK(b1 > a2);

    CommuneScope scope(c.db, c.a);
    CHECK(ids(list_feed_token_rows(c.db)) == std::vector<std::int64_t>{a1, a2});
    CHECK(feed_token_by_id(c.db, a2)->body == "vh_xh");
    CHECK(feed_token_by_id(c.db, a1)->body.empty());
    CHECK_FALSE(feed_token_by_id(c.db, b1));  // B's token is not A's to show
    const std::string before = rows_text(c.db, kAll);
    CHECK_FALSE(revoke_feed_token_row(c.db, b1, "2026-01-06T08:00+07:00"));
    CHECK_FALSE(revoke_feed_token_row(c.db, b1 + 100, "2026-01-06T08:00+07:00"));
    CHECK(rows_text(c.db, kAll) == before);

    CHECK(revoke_feed_token_row(c.db, a1, "2026-01-06T08:00+07:00"));
    CHECK_FALSE(revoke_feed_token_row(c.db, a1, "2026-01-07T08:00+07:00"));  // once
    CHECK(feed_token_by_id(c.db, a1)->revoked_at == "2026-01-06T08:00+07:00");
    CHECK(find_feed_token(c.db, feed_token_hash("a-1"))->revoked_at ==
          "2026-01-06T08:00+07:00");  // still found: the caller refuses it
    CHECK_FALSE(feed_token_by_id(c.db, a2)->revoked_at);
    CHECK(ids(list_feed_token_rows(c.db)) == std::vector<std::int64_t>{a1, a2});
    {
      CommuneScope in_b(c.db, c.b);
      CHECK(ids(list_feed_token_rows(c.db)) == std::vector<std::int64_t>{b1});
      CHECK_FALSE(feed_token_by_id(c.db, b1)->revoked_at);
    }
  });
}

TEST_CASE("feed token store: a token or a revocation in a rolled-back transaction leaves nothing",
          "[pg][feed_token_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    auto id = insert_feed_token(db, token("giữ", db.commune(), ""));
    REQUIRE(id);
    const std::string before = rows_text(db, kAll);
    {
      WriteTransaction tx(db);
      CHECK(insert_feed_token(db, token("bỏ", db.commune(), "")));
      CHECK(revoke_feed_token_row(db, *id, "2026-01-06T08:00+07:00"));
    }
    CHECK(rows_text(db, kAll) == before);
    CHECK_FALSE(find_feed_token(db, feed_token_hash("bỏ")));
    // The hash of the rolled-back token is free again.
    CHECK(insert_feed_token(db, token("bỏ", db.commune(), "")));
  });
}
