#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "rules/deadline.h"

using namespace dondoc;

namespace {

struct Case {
  const char* phrase;
  const char* json;
};

// Phrase -> the JSON a user sees. Seed citations: the file in /work/shared/seeds and its line.
const Case kCases[] = {
    // 003 Phụ lục II (Trường Giang), table cells split by the PDF extraction.
    {"Thường \n\nxuyên", R"({"kind":"continuous"})"},                             // 003:1080
    {"Tháng \n\n9/2025", R"({"kind":"once","due":"2025-09-30"})"},                // 003:1101
    {"Tháng \n\n12/2025", R"({"kind":"once","due":"2025-12-31"})"},               // 003:1231
    {"2025 và \n\nnhững năm \n\ntiếp theo", R"({"kind":"yearly","from":2025})"},  // 003:1285
    // 003:595-597 and 004:109 reporting rules.
    {"trước ngày \n\n10 hàng tháng", R"({"kind":"monthly","day":9})"},
    {"trước ngày 20 hàng tháng", R"({"kind":"monthly","day":19})"},
    {"trước ngày 10 tháng cuối Quý", R"({"kind":"quarterly","month_of_quarter":3,"day":9})"},
    {"trước ngày 10/6", R"({"kind":"yearly","month":6,"day":9})"},
    {"trước ngày 30/11", R"({"kind":"yearly","month":11,"day":29})"},
    // 001:263 and 000:160 milestones, 002:141, 003:587, 003:400, 002:676, 001:233, 000:303,
    // 003:341.
    {"Đến hết năm 2025", R"({"kind":"once","due":"2025-12-31"})"},
    {"Đến hết năm 2030", R"({"kind":"once","due":"2030-12-31"})"},
    {"Đến năm 2030", R"({"kind":"once","due":"2030-12-31"})"},
    {"hoàn thành trong năm 2025.", R"({"kind":"once","due":"2025-12-31"})"},
    {"giai đoạn 2025 - 2045", R"({"kind":"once","due":"2045-12-31"})"},
    {"hàng quý", R"({"kind":"quarterly"})"},
    {"Hằng năm", R"({"kind":"yearly"})"},
    {"thực hiện thường xuyên.", R"({"kind":"continuous"})"},
    {"thường xuyên, liên tục", R"({"kind":"continuous"})"},
    // Issue 3 §4.
    {"Tháng 9/2025", R"({"kind":"once","due":"2025-09-30"})"},
    {"Tháng 2/2028", R"({"kind":"once","due":"2028-02-29"})"},
    {"Quý IV/2025", R"({"kind":"once","due":"2025-12-31"})"},
    {"Quý 2/2026", R"({"kind":"once","due":"2026-06-30"})"},
    {"Quý III năm 2026", R"({"kind":"once","due":"2026-09-30"})"},
    {"quý I/2026", R"({"kind":"once","due":"2026-03-31"})"},
    {"Năm 2026", R"({"kind":"once","due":"2026-12-31"})"},
    {"Cuối năm 2025", R"({"kind":"once","due":"2025-12-31"})"},
    {"Giai đoạn 2025-2030", R"({"kind":"once","due":"2030-12-31"})"},
    {"Giai đoạn 2025–2030", R"({"kind":"once","due":"2030-12-31"})"},  // en dash
    {"6 tháng đầu năm 2026", R"({"kind":"once","due":"2026-06-30"})"},
    {"6 tháng cuối năm 2026", R"({"kind":"once","due":"2026-12-31"})"},
    {"31/12/2025", R"({"kind":"once","due":"2025-12-31"})"},
    {"Ngày 15 tháng 10 năm 2025", R"({"kind":"once","due":"2025-10-15"})"},
    {"Đến ngày 15/12/2025", R"({"kind":"once","due":"2025-12-15"})"},
    {"Chậm nhất ngày 05/01/2026", R"({"kind":"once","due":"2026-01-05"})"},
    {"hạn 15/12/2025", R"({"kind":"once","due":"2025-12-15"})"},
    {"Trước ngày 30/11/2025", R"({"kind":"once","due":"2025-11-29"})"},
    {"trước 30/6/2026", R"({"kind":"once","due":"2026-06-29"})"},
    {"Trước ngày 1/1/2026", R"({"kind":"once","due":"2025-12-31"})"},
    {"Trước ngày 1/3/2028", R"({"kind":"once","due":"2028-02-29"})"},
    {"Trước ngày 1/3/2027", R"({"kind":"once","due":"2027-02-28"})"},
    {"29/02/2028", R"({"kind":"once","due":"2028-02-29"})"},
    {"Trước tháng 10/2025", R"({"kind":"once","due":"2025-09-30"})"},
    {"thuong xuyen", R"({"kind":"continuous"})"},
    {"THƯỜNG XUYÊN", R"({"kind":"continuous"})"},
    {"Thường xuyên, liên tục", R"({"kind":"continuous"})"},
    {"Năm 2025 và các năm tiếp theo", R"({"kind":"yearly","from":2025})"},
    {"Từ năm 2025", R"({"kind":"yearly","from":2025})"},
    {"2026 trở đi", R"({"kind":"yearly","from":2026})"},
    {"Hàng năm", R"({"kind":"yearly"})"},
    {"trước ngày 10/6 hằng năm", R"({"kind":"yearly","month":6,"day":9})"},
    {"ngày 30/11 hằng năm", R"({"kind":"yearly","month":11,"day":30})"},
    {"trước ngày 1/3 hằng năm", R"({"kind":"yearly","month":2,"day":-1})"},
    {"trước ngày 1/1 hằng năm", R"({"kind":"yearly","month":12,"day":-1})"},
    {"Trước ngày 10/6", R"({"kind":"yearly","month":6,"day":9})"},
    {"Hằng tháng", R"({"kind":"monthly"})"},
    {"Hàng tháng", R"({"kind":"monthly"})"},
    {"trước ngày 1 hàng tháng", R"({"kind":"monthly","day":-1})"},
    {"ngày 25 hằng tháng", R"({"kind":"monthly","day":25})"},
    {"Hằng tháng, trước ngày 20", R"({"kind":"monthly","day":19})"},
    {"Hằng quý", R"({"kind":"quarterly"})"},
    {"Trước ngày 10 tháng đầu quý", R"({"kind":"quarterly","month_of_quarter":1,"day":9})"},
    {"trước ngày 15 tháng giữa quý", R"({"kind":"quarterly","month_of_quarter":2,"day":14})"},
    {"Hằng quý, trước ngày 10 tháng cuối quý",
     R"({"kind":"quarterly","month_of_quarter":3,"day":9})"},
    // Issue 12 §4 and the prose seeds: on request, lists of years, months and quarters.
    {"Khi có yêu cầu", R"({"kind":"on_request"})"},  // 004:77
    {"khi co yeu cau.", R"({"kind":"on_request"})"},
    {"Đột xuất", R"({"kind":"on_request"})"},
    {"Theo yêu cầu", R"({"kind":"on_request"})"},
    {"Đột xuất hoặc khi có yêu cầu", R"({"kind":"on_request"})"},
    {"Năm 2025 và 2026", R"({"kind":"once","due":"2026-12-31"})"},  // 004:96
    {"trong năm 2025 và năm 2026", R"({"kind":"once","due":"2026-12-31"})"},
    {"Tháng 9, 10/2026", R"({"kind":"once","due":"2026-10-31"})"},
    {"Tháng 9 - 10/2026", R"({"kind":"once","due":"2026-10-31"})"},
    {"Tháng 9 và 10 năm 2026", R"({"kind":"once","due":"2026-10-31"})"},
    {"Tháng 10, 11, 12/2025", R"({"kind":"once","due":"2025-12-31"})"},
    {"Trước tháng 9, 10/2026", R"({"kind":"once","due":"2026-08-31"})"},
    {"Quý III-IV/2026", R"({"kind":"once","due":"2026-12-31"})"},
    {"Quý III, IV năm 2026", R"({"kind":"once","due":"2026-12-31"})"},
    {"Quý 1-2/2026", R"({"kind":"once","due":"2026-06-30"})"},
    {"Trước Quý III-IV/2026", R"({"kind":"once","due":"2026-06-30"})"},
    {"Thường xuyên, hằng năm", R"({"kind":"yearly"})"},
    {"Thường xuyên, hằng quý", R"({"kind":"quarterly"})"},
    {"Hằng quý hoặc đột xuất", R"({"kind":"quarterly"})"},
    {"Định kỳ hằng năm", R"({"kind":"yearly"})"},    // 004:45
    {"Định kỳ 3 tháng", R"({"kind":"quarterly"})"},  // 001:231
    {"3 tháng/lần", R"({"kind":"quarterly"})"},
    {"định kỳ 01 tháng/lần", R"({"kind":"monthly"})"},  // 001:41
    {"1 năm một lần", R"({"kind":"yearly"})"},
    {"Đến năm 2026", R"({"kind":"once","due":"2026-12-31"})"},  // 004:92
    {"Năm 2045", R"({"kind":"once","due":"2045-12-31"})"},      // 004:53
    // Spellings: all caps, no diacritics, NFD, trailing dots and spaces.
    {"THÁNG 9/2025", R"({"kind":"once","due":"2025-09-30"})"},
    {"thang 9/2025. ", R"({"kind":"once","due":"2025-09-30"})"},
    {"QUY IV/2025", R"({"kind":"once","due":"2025-12-31"})"},
    {"Tha\xCC\x81ng 9/2025", R"({"kind":"once","due":"2025-09-30"})"},  // NFD á
    {"Thu\xCC\x9Bo\xCC\x9B\xCC\x80ng xuye\xCC\x82n", R"({"kind":"continuous"})"},
    {"tru\xCC\x9Bo\xCC\x9B\xCC\x81"
     "c nga\xCC\x80y 20 ha\xCC\x80ng tha\xCC\x81ng",
     R"({"kind":"monthly","day":19})"},
};

struct Bad {
  const char* phrase;
  const char* reason;  // a part of the one-line error
};

const Bad kBad[] = {
    {"Tháng 13/2025", "tháng 13 không tồn tại"},
    {"30/02/2026", "ngày 30/02/2026 không tồn tại"},
    {"29/02/2027", "2027 không phải năm nhuận"},
    {"Quý V", "quý V không tồn tại"},
    {"Quý 5/2025", "quý 5 không tồn tại"},
    {"Quý IV", "thiếu năm"},
    {"", "thời hạn trống"},
    {" . ", "thời hạn trống"},
    {"abc", "không nhận ra thời hạn"},
    {"Tháng 9", "thiếu năm"},
    {"trước ngày 20", "thiếu tháng"},
    {"ngày 32 hàng tháng", "ngày 32 không tồn tại"},
    {"trước ngày 31/4", "ngày 31/04 không tồn tại"},
    {"Giai đoạn 2030-2025", "ngược"},
    {"Tháng 9/25", "năm 25 không hợp lệ"},
    {"Tháng 9/2025 hằng tháng", "không nhận ra"},
    {"hằng tháng hằng năm", "hai chu kỳ"},
    {"Tháng 9/2025 abc", "không nhận ra"},
    {"Quý IV-III/2026", "quý IV-III bị ngược"},
    {"Quý III-V/2026", "quý III-V không tồn tại"},
    {"Quý III-IV", "thiếu năm sau \"quý III-IV\""},
    {"Tháng 10, 9/2026", "tháng 10, 9 bị ngược"},
    {"Tháng 9, 13/2026", "tháng 13 không tồn tại"},
    {"Năm 2026 và 2025", "ngược"},
    {"Khi có yêu cầu tháng 9/2025", "không nhận ra"},
    {"Định kỳ 5 tháng", "không nhận ra"},
};

}  // namespace

TEST_CASE("deadline phrases from the seeds and the issue parse to the documented JSON") {
  for (const auto& c : kCases) {
    INFO("phrase: " << c.phrase);
    auto spec = parse_deadline(c.phrase);
    REQUIRE(spec.ok());
    CHECK(to_json(*spec) == nlohmann::json::parse(c.json));
    CHECK(nlohmann::json::parse(to_json_text(*spec)) == nlohmann::json::parse(c.json));
  }
}

TEST_CASE("impossible dates and non-deadlines are errors with a reason") {
  for (const auto& b : kBad) {
    INFO("phrase: " << b.phrase);
    auto spec = parse_deadline(b.phrase);
    REQUIRE_FALSE(spec.ok());
    CHECK_THAT(spec.error(), Catch::Contains(b.reason));
    CHECK(spec.error().find('\n') == std::string::npos);
  }
}

TEST_CASE("overlong phrases are refused") {
  auto spec = parse_deadline(std::string(kMaxDeadlineChars + 1, '9'));
  REQUIRE_FALSE(spec.ok());
  CHECK_THAT(spec.error(), Catch::Contains("quá dài"));
}

TEST_CASE("JSON text puts kind first, in the order the issue writes it") {
  CHECK(to_json_text(*parse_deadline("Tháng 9/2025")) == R"({"kind":"once","due":"2025-09-30"})");
  CHECK(to_json_text(*parse_deadline("Trước ngày 10 tháng cuối quý")) ==
        R"({"kind":"quarterly","month_of_quarter":3,"day":9})");
  CHECK(to_json_text(*parse_deadline("trước ngày 10/6 hằng năm")) ==
        R"({"kind":"yearly","month":6,"day":9})");
}

TEST_CASE("deadline JSON round-trips") {
  for (const auto& c : kCases) {
    INFO("phrase: " << c.phrase);
    auto spec = parse_deadline(c.phrase);
    REQUIRE(spec.ok());
    auto back = deadline_from_json(to_json(*spec));
    REQUIRE(back.ok());
    CHECK(*back == *spec);
  }
}

TEST_CASE("deadline_from_json rejects bad kinds and fields") {
  auto err = [](const char* text) {
    auto r = deadline_from_json(nlohmann::json::parse(text));
    return r.ok() ? std::string("ok") : r.error();
  };
  CHECK_THAT(err(R"([1])"), Catch::Contains("đối tượng"));
  CHECK_THAT(err(R"({})"), Catch::Contains("thiếu \"kind\""));
  CHECK_THAT(err(R"({"kind":"weekly"})"), Catch::Contains("\"kind\" không hợp lệ"));
  CHECK_THAT(err(R"({"kind":"once"})"), Catch::Contains("cần \"due\""));
  CHECK_THAT(err(R"({"kind":"once","due":"2026-02-30"})"), Catch::Contains("\"due\""));
  CHECK_THAT(err(R"({"kind":"once","due":20250930})"), Catch::Contains("\"due\""));
  CHECK_THAT(err(R"({"kind":"monthly","day":0})"), Catch::Contains("\"day\""));
  CHECK_THAT(err(R"({"kind":"monthly","day":"5"})"), Catch::Contains("\"day\""));
  CHECK_THAT(err(R"({"kind":"monthly","month":5})"), Catch::Contains("khóa \"month\""));
  CHECK_THAT(err(R"({"kind":"continuous","due":"2025-01-01"})"), Catch::Contains("khóa \"due\""));
  CHECK_THAT(err(R"({"kind":"quarterly","month_of_quarter":4})"),
             Catch::Contains("\"month_of_quarter\""));
  CHECK_THAT(err(R"({"kind":"yearly","day":5})"), Catch::Contains("cùng nhau"));
  CHECK_THAT(err(R"({"kind":"yearly","month":2,"day":30})"), Catch::Contains("không tồn tại"));
  CHECK(err(R"({"kind":"yearly","month":2,"day":29})") == "ok");
  CHECK(err(R"({"kind":"yearly","month":2,"day":-1})") == "ok");
  CHECK(err(R"({"kind":"quarterly","month_of_quarter":3,"day":9})") == "ok");
}

TEST_CASE("kinds have their JSON names") {
  CHECK(to_string(DeadlineSpec::Kind::once) == "once");
  CHECK(to_string(DeadlineSpec::Kind::continuous) == "continuous");
  CHECK(to_string(DeadlineSpec::Kind::yearly) == "yearly");
  CHECK(to_string(DeadlineSpec::Kind::monthly) == "monthly");
  CHECK(to_string(DeadlineSpec::Kind::quarterly) == "quarterly");
  CHECK(to_string(DeadlineSpec::Kind::on_request) == "on_request");
}

TEST_CASE("on request: no date, read back from JSON, described plainly") {
  auto spec = parse_deadline("Khi có yêu cầu");
  REQUIRE(spec.ok());
  CHECK(undated(*spec));
  CHECK_FALSE(spec->due);
  CHECK(describe(*spec) == "Khi có yêu cầu (không có hạn định kỳ)");
  CHECK(*deadline_from_json(nlohmann::json::parse(R"({"kind":"on_request"})")) == *spec);
  CHECK_FALSE(deadline_from_json(nlohmann::json::parse(R"({"kind":"on_request","day":5})")).ok());
  CHECK(undated(*parse_deadline("Thường xuyên")));
  CHECK_FALSE(undated(*parse_deadline("Hằng năm")));
}

TEST_CASE("describe gives a readable Vietnamese line") {
  CHECK(describe(*parse_deadline("Tháng 9/2025")) == "Một lần, hạn 30/09/2025");
  CHECK(describe(*parse_deadline("Thường xuyên")) == "Thường xuyên");
  CHECK(describe(*parse_deadline("trước ngày 20 hàng tháng")) ==
        "Hằng tháng, trước ngày 20 (hạn ngày 19)");
  CHECK(describe(*parse_deadline("trước ngày 1 hàng tháng")) == "Hằng tháng, hạn ngày cuối tháng");
  CHECK(describe(*parse_deadline("2025 và những năm tiếp theo")) == "Hằng năm từ năm 2025");
  CHECK(describe(*parse_deadline("trước ngày 10/6")) ==
        "Hằng năm, trước ngày 10/06 (hạn ngày 09/06)");
  CHECK(describe(*parse_deadline("trước ngày 1/3 hằng năm")) == "Hằng năm, hạn ngày cuối tháng 2");
  CHECK(describe(*parse_deadline("Trước ngày 10 tháng cuối quý")) ==
        "Hằng quý, tháng cuối quý, trước ngày 10 (hạn ngày 9)");
}
