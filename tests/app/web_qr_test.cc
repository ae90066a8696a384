// QR codes for link codes (app/web/qr.h): the text chosen, and an SVG of the right shape.
#include <catch2/catch.hpp>

#include <string>

#include "app/web/qr.h"

using namespace dondoc::app::web;

TEST_CASE("the QR text is the Telegram deep link when the bot's name is known") {
  CHECK(link_qr_text("dondoc_bot", "ABC123") == "https://t.me/dondoc_bot?start=ABC123");
  CHECK(link_qr_text("@DonDocBot", "X9") == "https://t.me/DonDocBot?start=X9");
  CHECK(link_qr_text("", "ABC123") == "DK ABC123");
  CHECK(link_qr_text("bad name/<x>", "ABC123") == "DK ABC123");
}

TEST_CASE("a QR code is a square SVG with a quiet zone and dark modules") {
  auto svg = qr_svg("https://t.me/dondoc_bot?start=ABC123");
  REQUIRE(svg);
  CHECK(svg->rfind("<svg ", 0) == 0);
  CHECK(svg->ends_with("</svg>"));
  CHECK(svg->find("class=\"qr\"") != std::string::npos);
  CHECK(svg->find("role=\"img\"") != std::string::npos);
  // 36 chars at level M: version 3, 29 modules + 2 x 4 quiet = 37.
  CHECK(svg->find("viewBox=\"0 0 37 37\"") != std::string::npos);
  // The top-left finder pattern: a run of 7 dark modules at (4,4).
  CHECK(svg->find("M4 4h7v1h-7z") != std::string::npos);
}

TEST_CASE("the QR's label is escaped; empty or oversized text gives no QR") {
  auto svg = qr_svg("DK <A&B>");
  REQUIRE(svg);
  CHECK(svg->find("aria-label=\"Mã QR: DK &lt;A&amp;B&gt;\"") != std::string::npos);
  CHECK_FALSE(qr_svg(""));
  CHECK_FALSE(qr_svg(std::string(4000, 'x')));  // beyond version 40 at level M
}
