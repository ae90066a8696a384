#include <utf8proc.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "bot/reply_parser.h"
#include "rules/date.h"
#include "rules/text.h"
#include "tests/support/process.h"

using namespace dondoc;
using nlohmann::json;

namespace {

// One row of tests/data/replies.tsv: a reply, the day it is read on, the items expected.
struct Row {
  int line = 0;
  std::string text;
  Date today;
  json expected;
};

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
      out += '\n';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<Row> load_table() {
  std::istringstream in(testing::read_text(testing::source_path("tests/data/replies.tsv")));
  std::vector<Row> rows;
  Date today = *parse_date("2026-11-24");
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("@today ", 0) == 0) {
      today = *parse_date(line.substr(7));
      continue;
    }
    auto tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    rows.push_back(Row{n, unescape(line.substr(0, tab)), today, json::parse(line.substr(tab + 1))});
  }
  return rows;
}

json items_of(std::string_view text, Date today) {
  return bot::to_json(bot::parse_reply(text, today))["items"];
}

// Reasons compared on their folded form: for variants of the text that change its letters.
json fold_reasons(json items) {
  for (auto& item : items) {
    if (item.contains("reason")) item["reason"] = text::fold(item["reason"].get<std::string>());
  }
  return items;
}

std::string map_utf8(const std::string& s, utf8proc_int32_t (*f)(utf8proc_int32_t)) {
  std::string out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  for (std::size_t i = 0; i < s.size();) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    utf8proc_uint8_t buf[4];
    auto len = utf8proc_encode_char(f(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
    i += static_cast<std::size_t>(n);
  }
  return out;
}

std::string nfd(const std::string& s) {
  utf8proc_uint8_t* d = utf8proc_NFD(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
  std::string out(reinterpret_cast<const char*>(d));
  std::free(d);
  return out;
}

// Each line without diacritics (and lower case), as most people type in Zalo.
std::string strip_diacritics(const std::string& s) {
  std::istringstream in(s);
  std::string line, out;
  bool first = true;
  while (std::getline(in, line)) {
    out += (first ? "" : "\n") + text::fold(line);
    first = false;
  }
  return out;
}

}  // namespace

TEST_CASE("the reply table reads as expected") {
  const std::vector<Row> rows = load_table();
  REQUIRE(rows.size() >= 120);
  for (const Row& row : rows) {
    INFO("replies.tsv:" << row.line << ": " << row.text);
    CHECK(items_of(row.text, row.today) == row.expected);
  }
}

TEST_CASE("every table reply reads the same in NFD, in capitals and without diacritics") {
  for (const Row& row : load_table()) {
    INFO("replies.tsv:" << row.line << ": " << row.text);
    CHECK(items_of(nfd(row.text), row.today) == row.expected);
    const json folded = fold_reasons(row.expected);
    CHECK(fold_reasons(items_of(map_utf8(row.text, utf8proc_toupper), row.today)) == folded);
    CHECK(fold_reasons(items_of(strip_diacritics(row.text), row.today)) == folded);
  }
}

TEST_CASE("polite words around a one-line reply change nothing") {
  for (const Row& row : load_table()) {
    if (row.text.find('\n') != std::string::npos) continue;
    INFO("replies.tsv:" << row.line << ": " << row.text);
    CHECK(items_of("Dạ em báo cáo " + row.text + " ạ", row.today) == row.expected);
    CHECK(items_of("Báo cáo anh/chị: " + row.text, row.today) == row.expected);
    CHECK(items_of("em xin báo cáo " + row.text + " a", row.today) == row.expected);
  }
}

TEST_CASE("items carry the fields and names the engine maps") {
  const Date today = *parse_date("2026-11-24");
  auto items = bot::parse_reply("NV3 xin gia hạn đến 31/12 do chưa có kinh phí, đạt 40%", today);
  REQUIRE(items.size() == 1);
  CHECK(items[0].task == "3");
  CHECK(items[0].status == bot::ReplyStatus::extension_requested);
  CHECK(items[0].percent == 40);
  CHECK(items[0].reason == "chưa có kinh phí");
  CHECK(items[0].new_due == make_date(2026, 12, 31));
  CHECK(bot::to_string(bot::ReplyStatus::done) == "done");
  CHECK(bot::to_string(bot::ReplyStatus::in_progress) == "in_progress");
  CHECK(bot::to_string(bot::ReplyStatus::blocked) == "blocked");
  CHECK(bot::to_string(bot::ReplyStatus::extension_requested) == "extension_requested");
  CHECK(bot::to_string(bot::ReplyStatus::not_started) == "not_started");
  CHECK(bot::to_json(items).dump() ==
        R"({"items":[{"new_due":"2026-12-31","percent":40,"reason":"chưa có kinh phí",)"
        R"("status":"extension_requested","task":"3"}]})");
  CHECK(bot::to_json({}).dump() == R"({"items":[]})");
}

TEST_CASE("the reason keeps the user's own NFC text even when the reply came in NFD") {
  const Date today = *parse_date("2026-11-24");
  // "vướng mắc: chưa có kinh phí" decomposed.
  auto items = bot::parse_reply(nfd("Vướng mắc: Chưa có Kinh phí ạ"), today);
  REQUIRE(items.size() == 1);
  CHECK(items[0].reason == "Chưa có Kinh phí");
}

TEST_CASE("input is bounded and invalid UTF-8 is tolerated") {
  const Date today = *parse_date("2026-11-24");
  std::string at_limit = "xong" + std::string(bot::kMaxReplyChars - 4, ' ');
  CHECK(bot::parse_reply(at_limit, today).size() == 1);
  CHECK(bot::parse_reply(at_limit + " ", today).empty());
  CHECK(bot::parse_reply(std::string(100000, '%'), today).empty());
  auto items = bot::parse_reply("vướng: thiếu \xFF người", today);
  REQUIRE(items.size() == 1);
  CHECK(text::valid_utf8(*items[0].reason));
  CHECK(bot::parse_reply("\xC3", today).empty());
}

TEST_CASE("a long numbered report gives one item per line, in order") {
  const Date today = *parse_date("2026-11-24");
  std::string text;
  for (int i = 1; i <= 40; ++i) text += std::to_string(i) + ". đạt " + std::to_string(i) + "%\n";
  auto items = bot::parse_reply(text, today);
  REQUIRE(items.size() == 40);
  for (int i = 1; i <= 40; ++i) {
    CHECK(items[static_cast<std::size_t>(i - 1)].task == std::to_string(i));
    CHECK(items[static_cast<std::size_t>(i - 1)].percent == i);
  }
}
