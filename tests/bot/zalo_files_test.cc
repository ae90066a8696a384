// Zalo Bot Platform image messages as the webhook and getUpdates deliver them
// (message.image.received: photo_url, caption): the photo is kept as a file, the caption as the
// text; stickers and text messages carry no file.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/payloads.h"

using namespace dondoc::bot;
using nlohmann::json;

namespace {

json zalo(const std::string& event, json message) {
  message["from"] = {{"id", "6ede9afa66b88fe6d6a9"}, {"display_name", "Ted"}, {"is_bot", false}};
  message["chat"] = {{"id", "6ede9afa66b88fe6d6a9"}, {"chat_type", "PRIVATE"}};
  message["message_id"] = "2d758cb5e222177a4e35";
  message["date"] = 1750316131602LL;
  return {{"ok", true}, {"result", {{"event_name", event}, {"message", message}}}};
}

}  // namespace

TEST_CASE("zalo: an image message keeps its CDN URL as a file and its caption as text") {
  auto e = parse_zalo_event(
      zalo("message.image.received",
           {{"photo_url", "https://f20-zpc.zdn.vn/jpg/123/anh-hien-truong.jpg?x=1"},
            {"caption", "Báo cáo tháng 11: ảnh hiện trường"}}));
  REQUIRE(e);
  CHECK(e->kind == InboundEvent::Kind::message);
  CHECK(e->text == "Báo cáo tháng 11: ảnh hiện trường");
  REQUIRE(e->files.size() == 1);
  CHECK(e->files[0].ref == "https://f20-zpc.zdn.vn/jpg/123/anh-hien-truong.jpg?x=1");
  CHECK(e->files[0].name == "anh-hien-truong.jpg");
  CHECK(e->files[0].mime.empty());
}

TEST_CASE("zalo: the image URL is also read from message.photo; no caption is no text") {
  auto e = parse_zalo_event(
      zalo("message.image.received", {{"photo", "https://photo-stal-1.zdn.vn/abc"}}));
  REQUIRE(e);
  CHECK(e->kind == InboundEvent::Kind::message);
  CHECK(e->text.empty());
  REQUIRE(e->files.size() == 1);
  CHECK(e->files[0].name.empty());
}

TEST_CASE("zalo: stickers and text messages carry no file") {
  auto sticker = parse_zalo_event(
      zalo("message.sticker.received",
           {{"sticker", "bfe458bf64fa8da4d4eb"}, {"url", "https://zalo-api.zadn.vn/sticker.png"}}));
  REQUIRE(sticker);
  CHECK(sticker->files.empty());
  CHECK(sticker->kind == InboundEvent::Kind::other);
  auto text = parse_zalo_event(
      zalo("message.text.received", {{"text", "xong"}, {"photo_url", "https://x.zdn.vn/a.jpg"}}));
  REQUIRE(text);
  CHECK(text->text == "xong");
  CHECK(text->files.empty());
}
