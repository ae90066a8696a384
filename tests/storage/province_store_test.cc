// The province settings store (storage/province_store.h) on both stores: the name is "" until
// set, one value for the whole deployment whatever the commune, replaced (never duplicated) when
// set again, and a rolled-back change leaves the previous name.
#include "storage/province_store.h"

#include <catch2/catch.hpp>

#include <string>

#include "tests/support/both_stores.h"
#include "tests/support/store_contract.h"

using namespace dondoc;
using dondoc::testing::count_rows;
using dondoc::testing::on_both_stores;
using dondoc::testing::StoreUnderTest;

TEST_CASE("province store: one name for the deployment, replaced when set again",
          "[pg][province_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::TwoCommunes c(backend.location);
    CHECK(province_name(c.db).empty());
    {
      CommuneScope scope(c.db, c.a);
      CHECK(province_name(c.db).empty());
      set_province_name(c.db, "Tỉnh Quảng Nam");
    }
    CHECK(province_name(c.db) == "Tỉnh Quảng Nam");  // unscoped: no commune needed
    {
      CommuneScope scope(c.db, c.b);
      CHECK(province_name(c.db) == "Tỉnh Quảng Nam");  // every commune reads the same
      set_province_name(c.db, "Thành phố Đà Nẵng");
    }
    CHECK(province_name(c.db) == "Thành phố Đà Nẵng");
    set_province_name(c.db, "Thành phố Đà Nẵng");  // the same value twice changes nothing
    CHECK(count_rows(c.db, "SELECT COUNT(*) FROM province_settings") == 1);
    CHECK(province_name(c.db) == "Thành phố Đà Nẵng");

    Database other(backend.location);  // another connection sees the committed name
    CHECK(province_name(other) == "Thành phố Đà Nẵng");
  });
}

TEST_CASE("province store: a name set in a rolled-back transaction leaves the previous one",
          "[pg][province_store]") {
  on_both_stores([](const StoreUnderTest& backend) {
    dondoc::testing::ScopedDb db(backend.location);
    set_province_name(db, "Tỉnh Quảng Ngãi");
    {
      WriteTransaction tx(db);
      set_province_name(db, "Tỉnh Kon Tum");
      CHECK(province_name(db) == "Tỉnh Kon Tum");
    }
    CHECK(province_name(db) == "Tỉnh Quảng Ngãi");
    CHECK(count_rows(db, "SELECT COUNT(*) FROM province_settings") == 1);
  });
}
