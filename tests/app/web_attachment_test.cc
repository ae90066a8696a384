// A report's file fetched from the dashboard (issue 16 §1) against a real `dondoc serve` and
// tests/support/fake_files.js standing in for Telegram's Bot API and Zalo's CDN: a document sent
// by chat, then GET /bao-cao-co-quan/tep/{id} by the body's head (bytes and headers), refused to
// another body's head, 404 unknown, 502 when the platform refuses or is down, 413 over 20 MB;
// the same for a Zalo photo; a slow download does not hold the other pages.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <thread>

#include "tests/app/web_support.h"
#include "tests/support/demo_db.h"

namespace t = dondoc::testing;
using nlohmann::json;

namespace {

const std::string kToken = "123:FILES";
const std::string kSecret = "attachment-test-secret-0123456789";

struct FakeFiles {
  int port = t::free_port();
  t::Background proc;
  explicit FakeFiles(t::TempDir& d)
      : proc({"node", t::source_path("tests/support/fake_files.js"), std::to_string(port), kToken},
             d.file("fake_files.log")) {
    REQUIRE(t::wait_for_http(port, "/control/log"));
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port); }
  void file(const json& f) {
    REQUIRE(t::http_request(port, "POST", "/control/file", f.dump()).status == 200);
  }
};

// The demo plan, heads of kinh_te and vh_xh, served with Telegram and Zalo in webhook mode, both
// platforms' API at the fake.
struct Served : t::WebServed {
  FakeFiles fake{dir};
  Served() {
    add_user("truongkt", "head", "kinh_te");
    add_user("truongvh", "head", "vh_xh");
    proc.reset();
    json bot{{"token", kToken},
             {"api_base", fake.base()},
             {"mode", "webhook"},
             {"webhook_secret", kSecret}};
    json config{{"listen", "127.0.0.1:" + std::to_string(port)}, {"telegram", bot}, {"zalo", bot}};
    t::write_text(dir.file("serve.json"), config.dump());
    proc = std::make_unique<t::Background>(
        std::vector<std::string>{DONDOC_BINARY, "--db", db, "serve", "--config",
                                 dir.file("serve.json"), "--no-scheduler", "--now", t::kServeTime},
        dir.file("serve.log"));
    REQUIRE(t::wait_for_http(port, "/healthz"));
  }
  std::string code(const std::string& body) {
    auto out = t::run_dondoc({"--db", db, "link", "--body", body, "--json"}).out;
    return json::parse(out)["code"].get<std::string>();
  }
  void telegram(const json& message) {
    static int update = 0;
    json u{{"update_id", ++update}, {"message", message}};
    auto r = t::http_request(
        port, "POST", "/webhook/telegram", u.dump(),
        {{"X-Telegram-Bot-Api-Secret-Token", kSecret}, {"Content-Type", "application/json"}});
    REQUIRE(r.status == 200);
  }
  void zalo(const std::string& event, const json& message) {
    json u{{"ok", true}, {"result", {{"event_name", event}, {"message", message}}}};
    auto r = t::http_request(
        port, "POST", "/webhook/zalo", u.dump(),
        {{"X-Bot-Api-Secret-Token", kSecret}, {"Content-Type", "application/json"}});
    REQUIRE(r.status == 200);
  }
  // The body's stored files (dondoc reports --json), waiting up to 10 s for n of them.
  json files(const std::string& body, std::size_t n) {
    json all = json::array();
    for (int i = 0; i < 100; ++i) {
      auto out = t::run_dondoc({"--db", db, "reports", "--body", body, "--json"}).out;
      all = json::array();
      auto list = json::parse(out, nullptr, false);
      if (list.is_array())
        for (const auto& r : list)
          for (const auto& f : r["attachments"]) all.push_back(f);
      if (all.size() >= n) return all;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return all;
  }
};

json tg_message(int id, const std::string& text, const json& document = nullptr) {
  json m{{"message_id", id},
         {"chat", {{"id", 4242}, {"type", "private"}}},
         {"from", {{"id", 4242}, {"first_name", "Kinh tế"}}}};
  if (document.is_null()) {
    m["text"] = text;
  } else {
    m["caption"] = text;
    m["document"] = document;
  }
  return m;
}

std::string url_of(const json& f) {
  return "/bao-cao-co-quan/tep/" + std::to_string(f["id"].get<long long>());
}

const std::string kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

}  // namespace

TEST_CASE("web attachments: a Telegram document is fetched by its body's head only") {
  Served s;
  s.fake.file({{"id", "DOC1"}, {"path", "documents/file_1.docx"}, {"text", "nội dung báo cáo"}});
  s.telegram(tg_message(1, "DK " + s.code("kinh_te")));
  s.telegram(tg_message(
      2, "Báo cáo: Kết quả: xong 3 việc",
      {{"file_id", "DOC1"}, {"file_name", "Báo cáo tháng 9.docx"}, {"mime_type", kDocx}}));
  auto files = s.files("kinh_te", 1);
  REQUIRE(files.size() == 1);
  CHECK(files[0]["ref"] == "DOC1");
  std::string head = s.sign_in("truongkt");

  auto page = s.get("/bao-cao-co-quan", head);
  CHECK(page.body.find("href=\"" + url_of(files[0]) + "\"") != std::string::npos);
  CHECK(page.body.find("Báo cáo tháng 9.docx") != std::string::npos);

  auto got = s.get(url_of(files[0]), head);
  REQUIRE(got.status == 200);
  CHECK(got.body == "nội dung báo cáo");
  CHECK(got.header("Content-Type") == kDocx);
  CHECK(got.header("Content-Disposition")
            .find("filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20th%C3%A1ng%209.docx") !=
        std::string::npos);
  CHECK(got.header("Content-Disposition").find("attachment; filename=\"B_o c_o th_ng 9.docx\"") ==
        0);
  CHECK(got.header("Cache-Control") == "private, no-store");

  CHECK(s.get(url_of(files[0]), s.sign_in("truongvh")).status == 403);
  CHECK(s.get(url_of(files[0]), s.sign_in("lanhdao")).status == 200);  // sees every body
  CHECK(s.get("/bao-cao-co-quan/tep/99999", head).status == 404);
  CHECK(s.get("/bao-cao-co-quan/tep/abc", head).status == 404);
  CHECK(s.get(url_of(files[0])).status == 303);  // not signed in: to the sign-in page
}

TEST_CASE("web attachments: refused, too big and platform down") {
  Served s;
  s.fake.file({{"id", "BIG"}, {"path", "documents/big.pdf"}, {"size", 21 << 20}});
  s.telegram(tg_message(1, "DK " + s.code("kinh_te")));
  s.telegram(tg_message(2, "Báo cáo: lần 1", {{"file_id", "GONE"}, {"file_name", "a.pdf"}}));
  s.telegram(tg_message(3, "Báo cáo: lần 2", {{"file_id", "BIG"}, {"file_name", "b.pdf"}}));
  auto files = s.files("kinh_te", 2);
  REQUIRE(files.size() == 2);
  std::string head = s.sign_in("truongkt");

  auto gone = s.get(url_of(files[0]), head);
  CHECK(gone.status == 502);
  CHECK(gone.body.find("Telegram không trả tệp: Bad Request: invalid file_id") !=
        std::string::npos);
  auto big = s.get(url_of(files[1]), head);
  CHECK(big.status == 413);
  CHECK(big.body.find("20 MB") != std::string::npos);

  s.fake.proc.kill9();
  auto down = s.get(url_of(files[1]), head);
  CHECK(down.status == 502);
  CHECK(down.body.find("Không kết nối được Telegram") != std::string::npos);
}

TEST_CASE("web attachments: a Zalo photo from its URL; a URL off Zalo's hosts is not fetched") {
  Served s;
  s.fake.file({{"id", "z"},
               {"path", "/zalo/anh-hien-truong.jpg"},
               {"text", "JPEGDATA"},
               {"type", "image/jpeg"}});
  json chat{{"id", "zchat"}, {"chat_type", "PRIVATE"}};
  json from{{"id", "zuser"}, {"display_name", "Kinh tế"}};
  s.zalo("message.text.received", {{"message_id", "m1"},
                                   {"chat", chat},
                                   {"from", from},
                                   {"text", "DK " + s.code("kinh_te")},
                                   {"date", 1}});
  s.zalo("message.image.received", {{"message_id", "m2"},
                                    {"chat", chat},
                                    {"from", from},
                                    {"photo_url", s.fake.base() + "/zalo/anh-hien-truong.jpg"},
                                    {"caption", "Báo cáo: ảnh hiện trường"},
                                    {"date", 2}});
  s.zalo("message.image.received", {{"message_id", "m3"},
                                    {"chat", chat},
                                    {"from", from},
                                    {"photo_url", "http://203.0.113.7/anh.jpg"},
                                    {"caption", "Báo cáo: ảnh khác"},
                                    {"date", 3}});
  auto files = s.files("kinh_te", 2);
  REQUIRE(files.size() == 2);
  std::string head = s.sign_in("truongkt");
  auto got = s.get(url_of(files[0]), head);
  REQUIRE(got.status == 200);
  CHECK(got.body == "JPEGDATA");
  CHECK(got.header("Content-Type") == "image/jpeg");
  CHECK(got.header("Content-Disposition").find("anh-hien-truong.jpg") != std::string::npos);
  CHECK(s.get(url_of(files[0]), s.sign_in("truongvh")).status == 403);
  auto off = s.get(url_of(files[1]), head);
  CHECK(off.status == 502);
  CHECK(off.body.find("không thuộc máy chủ của Zalo") != std::string::npos);
}

TEST_CASE("web attachments: a slow download does not hold the other pages") {
  Served s;
  s.fake.file(
      {{"id", "SLOW"}, {"path", "documents/slow.pdf"}, {"text", "%PDF"}, {"delay_ms", 3000}});
  s.telegram(tg_message(1, "DK " + s.code("kinh_te")));
  s.telegram(tg_message(2, "Báo cáo: chậm", {{"file_id", "SLOW"}, {"file_name", "c.pdf"}}));
  auto files = s.files("kinh_te", 1);
  REQUIRE(files.size() == 1);
  std::string head = s.sign_in("truongkt");
  auto slow = std::async(std::launch::async, [&] { return s.get(url_of(files[0]), head); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the download has started
  auto page = s.get("/bao-cao-co-quan", head);
  CHECK(page.status == 200);
  CHECK(slow.wait_for(std::chrono::seconds(0)) != std::future_status::ready);
  CHECK(slow.get().status == 200);
}

TEST_CASE("web report: a PDF being printed does not hold the other pages") {
  t::TempDir bin;
  std::string chromium = bin.file("slow-chromium");
  t::write_text(chromium,
                "#!/bin/sh\nsleep 3\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) "
                "printf '%%PDF-1.4 slow' > \"${a#--print-to-pdf=}\";; esac; done\n");
  REQUIRE(::chmod(chromium.c_str(), 0755) == 0);
  ::setenv("DONDOC_CHROMIUM", chromium.c_str(), 1);
  Served s;
  ::unsetenv("DONDOC_CHROMIUM");
  std::string leader = s.sign_in("lanhdao");
  auto pdf = std::async(std::launch::async, [&] {
    return s.get("/bao-cao/tai?cycle=monthly&period=2025-09&format=pdf", leader);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // Chromium has started
  auto page = s.get("/nhiem-vu", leader);
  CHECK(page.status == 200);
  CHECK(pdf.wait_for(std::chrono::seconds(0)) != std::future_status::ready);
  auto got = pdf.get();
  CHECK(got.status == 200);
  CHECK(got.body.rfind("%PDF", 0) == 0);
  CHECK(got.header("Content-Type") == "application/pdf");
}

TEST_CASE("web attachments: another commune's viewer gets 403 there and 404 in its own") {
  Served s;
  s.fake.file({{"id", "DOC1"}, {"path", "documents/file_1.docx"}, {"text", "x"}});
  s.telegram(tg_message(1, "DK " + s.code("kinh_te")));
  s.telegram(tg_message(2, "Báo cáo: có tệp", {{"file_id", "DOC1"}, {"file_name", "a.docx"}}));
  auto files = s.files("kinh_te", 1);
  REQUIRE(files.size() == 1);
  REQUIRE(
      t::run_dondoc({"--db", s.db, "commune", "add", "dak_ha", "--name", "Xã Đăk Hà"}).exit_code ==
      0);
  auto added = t::run_dondoc({"--db", s.db, "--commune", "dak_ha", "user", "add", "admindh",
                              "--role", "admin", "--password-stdin"},
                             t::kWebPassword + "\n");
  INFO(added.err);
  REQUIRE(added.exit_code == 0);
  std::string other = s.sign_in("admindh");
  CHECK(s.get("/xa/truong_giang" + url_of(files[0]), other).status == 403);
  CHECK(s.get("/xa/dak_ha" + url_of(files[0]), other).status == 404);
  CHECK(s.get("/xa/truong_giang" + url_of(files[0]), s.sign_in("truongkt")).status == 200);
}
