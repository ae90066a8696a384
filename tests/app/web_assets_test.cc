// The static files compiled into the binary (app/web/assets.h): found by name or fingerprint,
// typed, cached forever only under their fingerprinted URL, never outside the folder.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "app/web/assets.h"

using namespace dondoc::app::web;

namespace {
std::string read_source(const std::string& name) {
  std::ifstream in(std::string(DONDOC_SOURCE_DIR) + "/app/web/assets/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("every asset is embedded byte for byte with its content type") {
  struct Want {
    const char* name;
    const char* type;
  };
  for (Want w : {Want{"dondoc.css", "text/css; charset=utf-8"},
                 Want{"htmx.min.js", "text/javascript; charset=utf-8"},
                 Want{"logo.svg", "image/svg+xml"}, Want{"favicon.svg", "image/svg+xml"}}) {
    INFO(w.name);
    auto a = find_asset(w.name);
    REQUIRE(a);
    CHECK(a->content_type == w.type);
    CHECK(a->body == read_source(w.name));
    CHECK(a->cache_control == "no-cache");
    CHECK(a->etag.size() == 18);
  }
  CHECK_FALSE(find_asset("README.md"));
}

TEST_CASE("the pinned htmx is a 2.0.x release") {
  auto js = find_asset("/static/htmx.min.js");
  REQUIRE(js);
  CHECK(js->body.find("version:\"2.0.") != std::string_view::npos);
}

TEST_CASE("the fingerprinted URL serves the same bytes, cached forever") {
  std::string url = asset_url("dondoc.css");
  REQUIRE(url.rfind("/static/dondoc.", 0) == 0);
  REQUIRE(url.ends_with(".css"));
  CHECK(url.size() == std::string("/static/dondoc.01234567.css").size());
  auto a = find_asset(url);
  REQUIRE(a);
  CHECK(a->name == "dondoc.css");
  CHECK(a->cache_control == "public, max-age=31536000, immutable");
  CHECK(a->body == find_asset("dondoc.css")->body);
  CHECK(etag_matches(*a, a->etag));
  CHECK(etag_matches(*a, "W/" + a->etag + ", \"x\""));
  CHECK_FALSE(etag_matches(*a, "\"0000\""));
  CHECK(asset_url("nope.css").empty());
  CHECK_FALSE(find_asset("/static/dondoc.00000000.css"));
}

TEST_CASE("no path leaves the folder") {
  CHECK_FALSE(find_asset("../CMakeLists.txt"));
  CHECK_FALSE(find_asset("/static/../dondoc.css"));
  CHECK_FALSE(find_asset("sub/dondoc.css"));
  CHECK_FALSE(find_asset(""));
  CHECK_FALSE(find_asset("/static/"));
}
