// The task page's explanation requests against a real `dondoc serve`: a leader asks with a reason
// (POST with the CSRF token), the request and later the body's answer show on the task page; a
// head sees no form and may not post it.
#include <catch2/catch.hpp>

#include "tests/app/web_support.h"

namespace t = dondoc::testing;

TEST_CASE("web: a leader asks for an explanation on the task page; the answer shows there") {
  t::WebServed s;
  s.add_user("truongphong", "head", "vh_xh");
  std::string cookie = s.sign_in("lanhdao");
  std::string path = "/nhiem-vu/2";  // Tháng 9/2025, lead vh_xh: overdue
  auto page = s.get(path, cookie).body;
  REQUIRE(page.find("Yêu cầu giải trình việc chậm thực hiện") != std::string::npos);
  std::string csrf = t::csrf_of(page);
  auto bad = s.post(path + "/giai-trinh", "body=vh_xh&reason=x", cookie);  // no CSRF token
  CHECK(bad.status == 403);
  auto ask = s.post(path + "/giai-trinh", "csrf=" + csrf + "&body=vh_xh&reason=Neu+ro+nguyen+nhan",
                    cookie);
  REQUIRE(ask.status == 303);
  page = s.get(path, cookie).body;
  CHECK(page.find("GT1") != std::string::npos);
  CHECK(page.find("Chờ trả lời") != std::string::npos);
  CHECK(page.find("Neu ro nguyen nhan") != std::string::npos);
  auto answer = t::run_dondoc(
      {"--db", s.db, "explain", "answer", "--body", "vh_xh", "--text", "Thiếu kinh phí"});
  REQUIRE(answer.exit_code == 0);
  page = s.get(path, cookie).body;
  CHECK(page.find("Đã trả lời") != std::string::npos);
  CHECK(page.find("Thiếu kinh phí") != std::string::npos);

  std::string head = s.sign_in("truongphong");
  auto head_page = s.get(path, head).body;
  CHECK(head_page.find("Yêu cầu giải trình việc chậm thực hiện") == std::string::npos);
  std::string head_csrf = t::csrf_of(head_page);
  auto refused = s.post(path + "/giai-trinh", "csrf=" + head_csrf + "&body=vh_xh", head);
  CHECK(refused.status == 403);
}
