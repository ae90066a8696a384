// Compressed answers (app/web/encoding.h): which Accept-Encoding values allow gzip, which answers
// are worth it, and, on a real `dondoc serve`, that a browser's page, JSON and stylesheet come back
// gzip-compressed with the same content, while a client that does not ask gets them as they were.
#include <zlib.h>

#include <catch2/catch.hpp>
#include <string>

#include "app/server.h"
#include "app/web/assets.h"
#include "app/web/encoding.h"
#include "tests/app/web_support.h"

using namespace dondoc::app;
using namespace dondoc::app::web;
using namespace dondoc::testing;

namespace {

// The text of a gzip member; "" (and a failed check) when it is not one.
std::string gunzip(const std::string& packed) {
  z_stream zs{};
  REQUIRE(inflateInit2(&zs, 15 + 16) == Z_OK);
  std::string out;
  char buf[1 << 14];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  zs.avail_in = static_cast<uInt>(packed.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  }
  inflateEnd(&zs);
  CHECK(rc == Z_STREAM_END);
  return rc == Z_STREAM_END ? out : std::string();
}

std::string header_of(const HttpOut& out, const std::string& name) {
  for (const auto& [n, v] : out.headers) {
    if (n == name) return v;
  }
  return {};
}

std::string page_text(std::size_t n) {
  std::string s;
  while (s.size() < n) s += "<tr><td>Văn phòng Đảng ủy</td><td class=\"late\">Quá hạn</td></tr>\n";
  return s;
}

}  // namespace

TEST_CASE("accepts_gzip reads Accept-Encoding as RFC 9110 says") {
  CHECK(accepts_gzip("gzip, deflate, br"));  // Chromium
  CHECK(accepts_gzip("br;q=1.0, gzip;q=0.8, *;q=0.1"));
  CHECK(accepts_gzip("GZIP"));
  CHECK(accepts_gzip("x-gzip"));
  CHECK(accepts_gzip(" deflate ,\tgzip ; q=0.5"));
  CHECK(accepts_gzip("*"));
  CHECK(accepts_gzip("gzip;q=0.001"));
  CHECK_FALSE(accepts_gzip(""));
  CHECK_FALSE(accepts_gzip("identity"));
  CHECK_FALSE(accepts_gzip("deflate, br"));
  CHECK_FALSE(accepts_gzip("gzip;q=0"));
  CHECK_FALSE(accepts_gzip("gzip; Q=0.000"));
  CHECK_FALSE(accepts_gzip("*;q=0"));
  CHECK_FALSE(accepts_gzip("gzip;q=0, *"));  // the named coding wins over the wildcard
  CHECK(accepts_gzip("*;q=0, gzip"));
  CHECK_FALSE(accepts_gzip("gzipx, xgzip"));
}

TEST_CASE("compressible: text of at least a kilobyte, not compressed yet") {
  CHECK(compressible(HttpOut(200, "text/html; charset=utf-8", page_text(2000))));
  CHECK(compressible(HttpOut(200, "application/json", page_text(2000))));
  CHECK(compressible(HttpOut(200, "text/calendar; charset=utf-8", page_text(2000))));
  CHECK(compressible(HttpOut(404, "text/html; charset=utf-8", page_text(2000))));
  CHECK_FALSE(compressible(HttpOut(200, "text/html; charset=utf-8", page_text(100))));
  CHECK_FALSE(compressible(HttpOut(200, "image/png", page_text(2000))));
  CHECK_FALSE(compressible(HttpOut(
      200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", page_text(2000))));
  HttpOut done(200, "text/html", page_text(2000));
  done.headers.emplace_back("Content-Encoding", "gzip");
  CHECK_FALSE(compressible(done));
}

TEST_CASE("encode_answer: gzip for a client that accepts it, Vary for every client") {
  std::string text = page_text(50000);
  HttpOut plain(200, "text/html; charset=utf-8", text);
  plain.headers.emplace_back("ETag", "\"0123456789abcdef\"");
  encode_answer("deflate", plain);
  CHECK(plain.body == text);
  CHECK(header_of(plain, "Vary") == "Accept-Encoding");
  CHECK(header_of(plain, "Content-Encoding").empty());
  CHECK(header_of(plain, "ETag") == "\"0123456789abcdef\"");

  HttpOut packed(200, "text/html; charset=utf-8", text);
  packed.headers.emplace_back("ETag", "\"0123456789abcdef\"");
  packed.headers.emplace_back("Vary", "Cookie");
  encode_answer("gzip, deflate, br", packed);
  CHECK(header_of(packed, "Content-Encoding") == "gzip");
  CHECK(header_of(packed, "Vary") == "Cookie, Accept-Encoding");
  CHECK(header_of(packed, "ETag") == "\"0123456789abcdef.gz\"");  // the variant's own tag
  CHECK(packed.body.size() * 10 < text.size());
  CHECK(gunzip(packed.body) == text);

  HttpOut small(200, "text/html; charset=utf-8", "<p>ok</p>");
  encode_answer("gzip", small);
  CHECK(small.body == "<p>ok</p>");
  CHECK(small.headers.empty());
}

TEST_CASE("gzip_join: pieces compressed apart make one gzip member of their texts") {
  std::string a = page_text(70000), b = "<input name=\"csrf\" value=\"0123abcd\">", c;
  DeflatedPiece pa = deflate_piece(a), pb = deflate_piece(b), pc = deflate_piece(c);
  const DeflatedPiece* three[] = {&pa, &pb, &pc, &pa};
  CHECK(gunzip(gzip_join(three)) == a + b + c + a);
  const DeflatedPiece* none[] = {&pc};
  CHECK(gunzip(gzip_join(none)).empty());
  CHECK(pa.blocks.size() * 10 < a.size());
  DeflatedPiece thorough = deflate_piece(a, Compression::thorough);
  CHECK(thorough.blocks.size() <= pa.blocks.size());
  const DeflatedPiece* mixed[] = {&pb, &thorough, &pb};
  CHECK(gunzip(gzip_join(mixed)) == b + a + b);

  std::string slot = "dondoc-csrf-slot-3e9a1c";
  std::string text = slot + "<form>" + slot + slot + page_text(5000) + slot;
  DeflatedParts parts = deflate_around(text, slot);
  REQUIRE(parts.parts.size() == 5);
  std::vector<const DeflatedPiece*> joined;
  for (std::size_t i = 0; i < parts.parts.size(); ++i) {
    if (i > 0) joined.push_back(&pb);
    joined.push_back(&parts.parts[i]);
  }
  CHECK(gunzip(gzip_join(joined)) == b + "<form>" + b + b + page_text(5000) + b);
  CHECK(deflate_around("no slot here", slot).parts.size() == 1);
}

TEST_CASE("a static file's gzip variant is fresh under its own ETag") {
  auto a = find_asset("dondoc.css");
  REQUIRE(a);
  std::string gz = a->etag.substr(0, a->etag.size() - 1) + ".gz\"";
  CHECK(etag_matches(*a, gz));
  CHECK(etag_matches(*a, "W/" + gz));
  CHECK_FALSE(etag_matches(*a, a->etag.substr(0, a->etag.size() - 1) + ".gzx\""));
  CHECK_FALSE(etag_matches(*a, a->etag.substr(0, a->etag.size() - 2) + "\""));
}

TEST_CASE("serve: pages, JSON and the stylesheet gzip-compressed for a browser") {
  WebServed s;
  std::string cookie = s.sign_in("admin1");
  auto get = [&](const std::string& path, const std::string& encoding) {
    std::map<std::string, std::string> h{{"Cookie", cookie}};
    if (!encoding.empty()) h["Accept-Encoding"] = encoding;
    return http_request(s.port, "GET", path, "", h);
  };

  // The overview and the task list are memoised: the first answer computes the page, the next
  // ones come from the memo (compressed around the CSRF slots once); the others are compressed
  // whole.
  for (std::string path : {"/", "/nhiem-vu", "/nhiem-vu?trang=2", "/co-quan", "/lich"}) {
    INFO(path);
    auto first = get(path, "gzip, deflate, br");
    auto plain = get(path, "");
    auto again = get(path, "gzip");
    REQUIRE(plain.status == 200);
    CHECK(plain.header("Content-Encoding").empty());
    CHECK(plain.header("Vary") == "Accept-Encoding");
    for (const auto& packed : {first, again}) {
      REQUIRE(packed.status == 200);
      CHECK(packed.header("Content-Encoding") == "gzip");
      CHECK(packed.header("Vary") == "Accept-Encoding");
      CHECK(packed.body.size() * 3 < plain.body.size());
      CHECK(without_csrf(gunzip(packed.body)) == without_csrf(plain.body));
    }
    auto refused = get(path, "gzip;q=0, identity");
    CHECK(refused.header("Content-Encoding").empty());
  }

  auto json = get("/api/v1/tasks", "gzip");
  REQUIRE(json.status == 200);
  CHECK(json.header("Content-Encoding") == "gzip");
  CHECK(nlohmann::json::parse(gunzip(json.body)).is_array());

  std::string css = asset_url("dondoc.css");
  auto sheet = get(css, "gzip");
  REQUIRE(sheet.status == 200);
  CHECK(sheet.header("Content-Encoding") == "gzip");
  CHECK(gunzip(sheet.body) == std::string(find_asset("dondoc.css")->body));
  std::string tag = sheet.header("ETag");
  CHECK(tag.ends_with(".gz\""));
  auto again =
      http_request(s.port, "GET", css, "", {{"Accept-Encoding", "gzip"}, {"If-None-Match", tag}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());

  // The chat platforms' webhooks and the health check are answered as before.
  auto health = http_request(s.port, "GET", "/healthz", "", {{"Accept-Encoding", "gzip"}});
  CHECK(health.status == 200);
  CHECK(health.header("Content-Encoding").empty());
}
