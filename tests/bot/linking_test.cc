#include "bot/linking.h"

#include <catch2/catch.hpp>

#include "bot/templates_vi.h"

namespace bot = dondoc::bot;
using namespace std::chrono_literals;

TEST_CASE("link codes are 8 characters without look-alikes, from the given bytes") {
  std::vector<std::uint8_t> bytes = {0, 1, 2, 3, 250, 251, 252, 253};
  std::string code = bot::make_link_code(bytes);
  CHECK(code.size() == 8);
  CHECK(code == bot::make_link_code(bytes));
  CHECK(code.find_first_of("01OIL") == std::string::npos);
}

TEST_CASE("link requests are recognised in every form") {
  CHECK(bot::parse_link_request("/start AB3K9XYZ") == "AB3K9XYZ");
  CHECK(bot::parse_link_request("/start@dondoc_bot ab3k9xyz") == "AB3K9XYZ");
  CHECK(bot::parse_link_request("DK AB3K9XYZ") == "AB3K9XYZ");
  CHECK(bot::parse_link_request("dk ab3k9xyz") == "AB3K9XYZ");
  CHECK(bot::parse_link_request("ĐK: AB3K9XYZ") == "AB3K9XYZ");
  CHECK(bot::parse_link_request("  Dk   AB3K9XYZ  ") == "AB3K9XYZ");
  CHECK(bot::parse_link_request("\u00A0đk AB3K9XYZ") == "AB3K9XYZ");  // no-break space first
  CHECK(bot::parse_link_request("D\u0323K AB3K9XYZ") == "AB3K9XYZ");  // a stray combining mark
  CHECK_FALSE(bot::parse_link_request("/start"));
  CHECK_FALSE(bot::parse_link_request("dkAB3K9XYZ"));
  CHECK_FALSE(bot::parse_link_request("NV3 xong"));
  CHECK_FALSE(bot::parse_link_request("dk AB3K9XYZ rồi nhé anh ơi"));
}

TEST_CASE("a code is good for 7 days and once") {
  dondoc::Instant t0{std::chrono::seconds(1'700'000'000)};
  bot::LinkCode c{"AB3K9XYZ", "vh_xh", t0, t0 + bot::kLinkCodeLifetime, false};
  CHECK(bot::check_link_code(c, t0 + 24h * 6) == bot::CodeCheck::ok);
  CHECK(bot::check_link_code(c, t0 + 24h * 7) == bot::CodeCheck::expired);
  c.used = true;
  CHECK(bot::check_link_code(c, t0) == bot::CodeCheck::used);
  CHECK(bot::check_link_code(std::nullopt, t0) == bot::CodeCheck::unknown);
  CHECK(bot::vi::link_refused(bot::CodeCheck::expired).find("hết hạn") != std::string::npos);
  CHECK(bot::vi::link_refused(bot::CodeCheck::used).find("đã được sử dụng") != std::string::npos);
  CHECK(bot::vi::link_ok("Phòng Văn hóa - Xã hội").find("Phòng Văn hóa - Xã hội") !=
        std::string::npos);
}
