// /bao-cao-co-quan against a real `dondoc serve`: a head submits its body's report on the form,
// it is stored (listed by `dondoc reports`) and shown below the form; another body's is refused.
#include <catch2/catch.hpp>

#include "tests/app/web_support.h"

namespace t = dondoc::testing;
using nlohmann::json;

TEST_CASE("web: a head submits its body's report on the form and sees it listed") {
  t::WebServed s;
  s.add_user("truongkt", "head", "kinh_te");
  std::string cookie = s.sign_in("truongkt");
  auto form = s.get("/bao-cao-co-quan", cookie);
  REQUIRE(form.status == 200);
  std::string csrf = t::csrf_of(form.body);
  REQUIRE_FALSE(csrf.empty());
  auto sent = s.post("/bao-cao-co-quan",
                     "csrf=" + csrf +
                         "&body=kinh_te&text=K%E1%BA%BFt+qu%E1%BA%A3%3A+xong+3+vi%E1%BB%87c%0A"
                         "Kh%C3%B3+kh%C4%83n%3A+thi%E1%BA%BFu+kinh+ph%C3%AD",
                     cookie);
  REQUIRE(sent.status == 303);
  auto listed =
      json::parse(t::run_dondoc({"--db", s.db, "reports", "--body", "kinh_te", "--json"}).out);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["sections"]["obstacles"] == "thiếu kinh phí");
  CHECK(listed[0]["source"] == "web");
  auto page = s.get("/bao-cao-co-quan", cookie).body;
  CHECK(page.find("thiếu kinh phí") != std::string::npos);
  // A head cannot send another body's report: the form's body is its own whatever is posted.
  auto other = s.post("/bao-cao-co-quan", "csrf=" + csrf + "&body=vh_xh&text=Bao+cao", cookie);
  REQUIRE(other.status == 303);
  auto vh = json::parse(t::run_dondoc({"--db", s.db, "reports", "--body", "vh_xh", "--json"}).out);
  CHECK(vh.empty());
}
