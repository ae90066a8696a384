// Issue 15: the overview of a plan with more bodies than a page holds (service::kBodiesPerPage)
// shows them page by page: the per-body table, its chart and the report grids' rows follow the
// same page in the same order (the sort kept by the pager's links), while the counts stay the
// whole plan's. Against the real `dondoc serve` on a generated plan of 120 bodies.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "tests/app/web_support.h"

namespace t = dondoc::testing;

namespace {

constexpr int kBodies = 120;

// 120 units "Ban số N" (id u001..u120), each the lead of one task due in December 2026, then the
// three bodies examples/rules.jsonc names (they lead no task: not in the overview's table).
std::string big_plan() {
  nlohmann::json bodies = nlohmann::json::array(), tasks = nlohmann::json::array();
  for (int i = 1; i <= kBodies; ++i) {
    char id[8];
    std::snprintf(id, sizeof id, "u%03d", i);
    bodies.push_back({{"id", id}, {"name", "Ban số " + std::to_string(i)}, {"kind", "unit"}});
    tasks.push_back({{"id", std::to_string(i)},
                     {"section", "I"},
                     {"title", "Nhiệm vụ của ban số " + std::to_string(i)},
                     {"lead", {id}},
                     {"output", "Báo cáo"},
                     {"deadline_text", "Tháng 12/2026"}});
  }
  bodies.push_back({{"id", "vp_dang_uy"}, {"name", "Văn phòng Đảng ủy"}, {"kind", "unit"}});
  bodies.push_back({{"id", "tt_dang_uy"}, {"name", "Thường trực Đảng ủy"}, {"kind", "committee"}});
  bodies.push_back({{"id", "vh_xh"}, {"name", "Phòng Văn hóa - Xã hội"}, {"kind", "unit"}});
  return nlohmann::json{{"issued", "2026-01-05"},
                        {"bodies", bodies},
                        {"tasks", tasks},
                        {"indicators", nlohmann::json::array()}}
      .dump();
}

struct Served {
  t::TempDir dir;
  std::string db = dir.file("d.db");
  int port = t::free_port();
  std::unique_ptr<t::Background> proc;

  Served() {
    t::write_text(dir.file("plan.json"), big_plan());
    REQUIRE(t::run_dondoc({"--db", db, "init"}).exit_code == 0);
    REQUIRE(t::run_dondoc({"--db", db, "import", "plan", dir.file("plan.json")}).exit_code == 0);
    REQUIRE(t::run_dondoc({"--db", db, "rules", "load", t::source_path("examples/rules.jsonc")})
                .exit_code == 0);
    REQUIRE(
        t::run_dondoc({"--db", db, "user", "add", "admin1", "--role", "admin", "--password-stdin"},
                      t::kWebPassword + "\n")
            .exit_code == 0);
    nlohmann::json config{{"listen", "127.0.0.1:" + std::to_string(port)}};
    t::write_text(dir.file("serve.json"), config.dump());
    proc = std::make_unique<t::Background>(
        std::vector<std::string>{DONDOC_BINARY, "--db", db, "serve", "--config",
                                 dir.file("serve.json"), "--no-scheduler", "--now",
                                 "2026-11-30T09:00+07:00"},
        dir.file("serve.log"));
    REQUIRE(t::wait_for_http(port, "/healthz"));
  }
  std::string sign_in() {
    auto r = t::http_request(
        port, "POST", "/dang-nhap", "name=admin1&password=" + t::kWebPassword,
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"Origin", "http://127.0.0.1"}});
    REQUIRE(r.status == 303);
    std::string c = r.header("Set-Cookie");
    return c.substr(0, c.find(';'));
  }
};

// The bodies named in one part of the page, in order: "Ban số N" as a link's or a cell's text.
std::vector<std::string> bodies_in(const std::string& html) {
  std::vector<std::string> out;
  std::regex re(">(Ban số [0-9]+)<");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

// The part of the page from `from` to the next `to`.
std::string part(const std::string& html, const std::string& from, const std::string& to) {
  auto a = html.find(from);
  REQUIRE(a != std::string::npos);
  auto b = html.find(to, a);
  return html.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

std::vector<std::string> ids(int first, int last) {
  std::vector<std::string> out;
  for (int i = first; i <= last; ++i) out.push_back("Ban số " + std::to_string(i));
  return out;
}

}  // namespace

TEST_CASE("web overview: a plan with more bodies than a page shows them page by page") {
  Served s;
  std::string cookie = s.sign_in();
  auto get = [&](const std::string& path) {
    auto r = t::http_request(s.port, "GET", path, "", {{"Cookie", cookie}});
    REQUIRE(r.status == 200);
    return r.body;
  };

  std::string first = get("/");
  CHECK(first.find("Đang xem 1–50 trong 120 cơ quan, đơn vị") != std::string::npos);
  CHECK(first.find("Trang 1/3") != std::string::npos);
  CHECK(first.find("href=\"/?trang=2\" rel=\"next\"") != std::string::npos);
  CHECK(first.find("rel=\"prev\"") == std::string::npos);
  // The table and every report grid: the first 50 bodies in plan order.
  std::string table = part(first, "id=\"theo-co-quan\"", "</table>");
  CHECK(bodies_in(table) == ids(1, 50));
  std::string grid = part(first, "<h2>Báo cáo tháng</h2>", "</table>");
  CHECK(bodies_in(grid) == ids(1, 50));
  // The counts are the whole plan's: 120 tasks, each with one lead.
  CHECK(first.find("(120 nghĩa vụ)") != std::string::npos);

  std::string last = get("/?trang=3");
  CHECK(last.find("Đang xem 101–120 trong 120 cơ quan, đơn vị") != std::string::npos);
  CHECK(bodies_in(part(last, "id=\"theo-co-quan\"", "</table>")) == ids(101, 120));
  CHECK(bodies_in(part(last, "<h2>Báo cáo tháng</h2>", "</table>")) == ids(101, 120));
  CHECK(last.find("href=\"/?trang=2\" rel=\"prev\"") != std::string::npos);
  CHECK(last.find("rel=\"next\"") == std::string::npos);

  // Beyond the last page, or not a number: the last page, the first page.
  CHECK(bodies_in(part(get("/?trang=99"), "id=\"theo-co-quan\"", "</table>")) == ids(101, 120));
  CHECK(bodies_in(part(get("/?trang=x2"), "id=\"theo-co-quan\"", "</table>")) == ids(1, 50));

  // Sorted by name ("Ban số 1", "Ban số 10", "Ban số 100", ...): page 2 goes on in that order and
  // its grids follow the table; the pager keeps the sort.
  std::string by_name = get("/?sort=name&trang=2");
  CHECK(by_name.find("href=\"/?sort=name&amp;trang=3\" rel=\"next\"") != std::string::npos);
  auto shown = bodies_in(part(by_name, "id=\"theo-co-quan\"", "</table>"));
  REQUIRE(shown.size() == 50);
  CHECK(bodies_in(part(by_name, "<h2>Báo cáo tháng</h2>", "</table>")) == shown);
  std::set<std::string> seen(shown.begin(), shown.end());
  for (int page : {1, 3}) {
    for (const auto& id : bodies_in(part(get("/?sort=name&trang=" + std::to_string(page)),
                                         "id=\"theo-co-quan\"", "</table>"))) {
      CHECK(seen.insert(id).second);  // each body on one page only
    }
  }
  CHECK(seen.size() == kBodies);
}

TEST_CASE("web overview: a plan that fits one page has no pager") {
  t::TempDir dir;
  std::string db = dir.file("d.db");
  REQUIRE(t::run_dondoc({"--db", db, "init", "--demo"}).exit_code == 0);
  REQUIRE(
      t::run_dondoc({"--db", db, "user", "add", "admin1", "--role", "admin", "--password-stdin"},
                    t::kWebPassword + "\n")
          .exit_code == 0);
  int port = t::free_port();
  t::write_text(dir.file("serve.json"),
                nlohmann::json{{"listen", "127.0.0.1:" + std::to_string(port)}}.dump());
  t::Background proc(
      {DONDOC_BINARY, "--db", db, "serve", "--config", dir.file("serve.json"), "--no-scheduler"},
      dir.file("serve.log"));
  REQUIRE(t::wait_for_http(port, "/healthz"));
  auto in = t::http_request(
      port, "POST", "/dang-nhap", "name=admin1&password=" + t::kWebPassword,
      {{"Content-Type", "application/x-www-form-urlencoded"}, {"Origin", "http://127.0.0.1"}});
  REQUIRE(in.status == 303);
  std::string cookie = in.header("Set-Cookie").substr(0, in.header("Set-Cookie").find(';'));
  auto page = t::http_request(port, "GET", "/?trang=2", "", {{"Cookie", cookie}});
  REQUIRE(page.status == 200);
  CHECK(page.body.find("class=\"pager\"") == std::string::npos);
  CHECK(page.body.find("Đang xem") == std::string::npos);
  CHECK(page.body.find("id=\"theo-co-quan\"") != std::string::npos);
}
