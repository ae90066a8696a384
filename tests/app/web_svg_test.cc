// The server-drawn charts (app/web/svg.h): widths add up, text is escaped, empty bars say so, and
// the colours are the stylesheet's.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "app/web/assets.h"
#include "app/web/svg.h"

using namespace dondoc::app::web;

namespace {

std::vector<Segment> five(int a, int b, int c, int d, int e) {
  return {{"done_on_time", "Hoàn thành đúng hạn", a},
          {"done_late", "Hoàn thành quá hạn", b},
          {"in_progress", "Đang thực hiện trong hạn", c},
          {"overdue", "Quá hạn chưa hoàn thành", d},
          {"not_started", "Chưa bắt đầu", e}};
}

// The width="N" of every <rect> in a <g class="s-..."> (the segments, not the background).
std::vector<int> drawn_widths(const std::string& svg) {
  static const std::regex re(R"re(<g class="s-[a-z_]+"><rect x="\d+" y="\d+" width="(\d+)")re");
  std::vector<int> out;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back(std::stoi((*it)[1].str()));
  }
  return out;
}

int sum(const std::vector<int>& v) {
  int s = 0;
  for (int x : v) s += x;
  return s;
}

}  // namespace

TEST_CASE("segment widths are proportional and add up to the bar's width") {
  auto segs = five(1, 1, 1, 0, 0);
  auto w = segment_widths(segs, 100);
  CHECK(sum(w) == 100);
  CHECK(w[3] == 0);
  CHECK(w[4] == 0);
  for (int i = 0; i < 3; ++i) CHECK((w[i] == 33 || w[i] == 34));

  auto lopsided = five(997, 1, 1, 1, 0);
  auto w2 = segment_widths(lopsided, 480);
  CHECK(sum(w2) == 480);
  CHECK(w2[0] >= 478);

  CHECK(sum(segment_widths(five(0, 0, 0, 0, 0), 480)) == 0);
  CHECK(sum(segment_widths(five(-3, 2, 0, 0, 0), 50)) == 50);  // negatives count as 0
}

TEST_CASE("a stacked bar draws one titled rect per non-empty bucket, widths summing to width") {
  std::string svg = stacked_bar("Văn hóa - Xã hội", five(3, 1, 2, 4, 0), 500);
  CHECK(svg.rfind("<svg ", 0) == 0);
  CHECK(svg.ends_with("</svg>"));
  CHECK(svg.find("role=\"img\"") != std::string::npos);
  CHECK(svg.find("aria-label=\"Văn hóa - Xã hội: 3 Hoàn thành đúng hạn, 1 Hoàn thành quá hạn, "
                 "2 Đang thực hiện trong hạn, 4 Quá hạn chưa hoàn thành\"") != std::string::npos);
  auto w = drawn_widths(svg);
  REQUIRE(w.size() == 4);  // not_started is empty: not drawn
  CHECK(sum(w) == 500);
  CHECK(w[0] == 150);
  CHECK(svg.find("<title>Quá hạn chưa hoàn thành: 4</title>") != std::string::npos);
  CHECK(svg.find("class=\"s-overdue\"") != std::string::npos);
  CHECK(svg.find("fill=\"#c62828\"") != std::string::npos);
  CHECK(svg.find(">4</text>") != std::string::npos);
}

TEST_CASE("a bar with no tasks says so and has no segments") {
  std::string svg = stacked_bar("Công an", five(0, 0, 0, 0, 0));
  CHECK(drawn_widths(svg).empty());
  CHECK(svg.find("Chưa có nhiệm vụ") != std::string::npos);
  CHECK(svg.find("aria-label=\"Công an: chưa có nhiệm vụ\"") != std::string::npos);
}

TEST_CASE("names and labels are escaped in text and attributes") {
  std::string evil = "<script>alert(\"x\")</script> & 'b'";
  std::string bar = stacked_bar(evil, five(1, 0, 0, 0, 0));
  CHECK(bar.find("<script>") == std::string::npos);
  CHECK(bar.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;b&#39;") !=
        std::string::npos);
  std::vector<RateBar> bars = {{evil, 0.5}};
  std::string chart = rate_chart(bars);
  CHECK(chart.find("<script>") == std::string::npos);
  CHECK(chart.find("&lt;script&gt;") != std::string::npos);
  CHECK(xml_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
}

TEST_CASE("the rate chart has one row per body, the percentage, and a dash without a rate") {
  std::vector<RateBar> bars = {{"Văn phòng", 0.75}, {"Công an", std::nullopt}, {"Quân sự", 1.0}};
  std::string svg = rate_chart(bars, 640);
  CHECK(svg.find(">75%</text>") != std::string::npos);
  CHECK(svg.find(">100%</text>") != std::string::npos);
  CHECK(svg.find(">—</text>") != std::string::npos);
  CHECK(svg.find("<title>Văn phòng: 75% đúng hạn</title>") != std::string::npos);
  CHECK(svg.find("aria-label=\"Tỷ lệ hoàn thành đúng hạn theo cơ quan\"") != std::string::npos);
  // Out-of-range rates are clamped, never drawn wider than the track.
  std::vector<RateBar> odd = {{"X", 1.7}};
  CHECK(rate_chart(odd).find(">100%</text>") != std::string::npos);
  CHECK(rate_chart({}).find("Chưa có cơ quan") != std::string::npos);
}

TEST_CASE("the charts' colours are the stylesheet's colour code") {
  auto css = find_asset("dondoc.css");
  REQUIRE(css);
  for (std::string key : {"done_on_time", "done_late", "in_progress", "overdue", "not_started",
                          "blocked", "extension_requested"}) {
    std::string var = key == "extension_requested" ? "extension" : key;
    std::string decl = "--c-" + var + ": " + std::string(colour_of(key)) + ";";
    INFO(decl);
    CHECK(css->body.find(decl) != std::string_view::npos);
    if (key != "blocked" && key != "extension_requested") {
      CHECK(css->body.find(".s-" + key) != std::string_view::npos);
    }
  }
  CHECK(css->body.find(".o-blocked") != std::string_view::npos);
  CHECK(css->body.find(".o-extension_requested") != std::string_view::npos);
  CHECK(css->body.find("@media print") != std::string_view::npos);
}
