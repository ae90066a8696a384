// The dashboard's web framework, for whoever writes a page or an API endpoint: a route (method,
// pattern with {params}, permission, whether it writes) registered at static init, the parsed
// request it receives, and the helpers that answer (a page in the layout, a redirect with a flash,
// JSON, an error page). Handlers run off the io thread with a Database already in the commune's
// scope: on the reader thread (read-only connection) or, for `writes`, on the group-commit writer.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "app/config.h"
#include "app/server.h"
#include "rules/date.h"
#include "service/viewer.h"
#include "storage/database.h"

namespace dondoc::app::web {

struct Upload {  // one file of a multipart/form-data POST
  std::string field, filename, content_type, data;
};

// What a handler gets. Strings are decoded (percent, '+'); a repeated name keeps its last value.
struct Request {
  std::string method;                          // "GET", "POST"
  std::string path;                            // without the "/xa/{ID}" prefix, without query
  std::map<std::string, std::string> params;   // the pattern's {names}
  std::map<std::string, std::string> query;    // ?a=b
  std::map<std::string, std::string> form;     // urlencoded or multipart fields
  std::vector<Upload> files;                   // multipart file parts
  std::string json;                            // an application/json POST's body (the API)
  std::map<std::string, std::string> cookies;  // Cookie header
  std::map<std::string, std::string> headers;  // lower-case names
  std::string client;                          // peer IP
  std::optional<service::Viewer> viewer;       // set on every signed-in route
  std::string session;                         // the session cookie's token ("" otherwise)
  // The session's CSRF token as this answer's forms carry it: masked afresh for each request
  // (mask_csrf, app/web/guard.h); "" for API tokens. csrf_secret: the token itself.
  std::string csrf, csrf_secret;
  std::int64_t commune = 0;  // communes.key the handler runs in (0: none)
  std::string commune_id, commune_name;
  std::string base;             // URL prefix of this commune's pages: "" (one commune) or "/xa/ID"
  bool api = false;             // path starts with /api/
  bool secure_cookies = false;  // public_url is https
  Instant now{};
  std::string flash;  // message carried by the last redirect (shown once)
  // serve's settings (the platforms' bots), for a handler that calls a platform; nullptr in tests
  // that build a Request by hand.
  const ServeConfig* config = nullptr;
  std::function<HttpOut()> slow;  // set by later(): the answer comes from the workers

  // Empty string when absent.
  std::string param(const std::string& name) const;
  std::string q(const std::string& name) const;
  std::string f(const std::string& name) const;
  const Upload* file(const std::string& field) const;  // nullptr when absent
  // base + path: every link and form action of a commune page goes through it.
  std::string url(std::string_view path) const { return base + std::string(path); }
  // The viewer's user name, the audit's actor ("" when not signed in).
  std::string actor() const { return viewer ? viewer->name : std::string(); }
};

using Handler = std::function<HttpOut(Request&, Database&)>;

struct Route {
  std::string method = "GET";
  // "/nhiem-vu/{id}": literal segments and {name} segments (one segment each). Page patterns
  // are written without the commune prefix; "/api/v1/..." likewise (the registry adds
  // "/xa/{ID}" for pages and "/api/v1/communes/{ID}" for the API when several communes exist).
  std::string pattern;
  std::optional<service::Permission> permission;  // nullopt: any signed-in viewer
  bool writes = false;    // runs on the writer, in one transaction with its audit rows
  bool signed_in = true;  // false: public (sign-in pages, static files)
  bool scoped = true;     // runs in a commune's scope (false: province pages, static)
  std::string nav;        // the layout's nav item it highlights: "overview", "tasks", ...
  Handler handler;

  // A GET that reads, or a POST that writes (on the writer); then chain the options below.
  static Route get(std::string pattern, Handler h);
  static Route post(std::string pattern, Handler h);
  Route& need(service::Permission p) { return permission = p, *this; }
  Route& open() { return signed_in = false, *this; }   // no sign-in needed
  Route& unscoped() { return scoped = false, *this; }  // no commune (province, static)
  Route& in_nav(std::string item) { return nav = std::move(item), *this; }
};

// Routes register themselves at static init, like CLI commands:
//   const web::Registration kTasks{web::Route::get("/nhiem-vu", &tasks).in_nav("tasks")};
//   const web::Registration kApprove{
//       web::Route::post("/nhiem-vu/{id}/gia-han", &approve).need(Permission::decide_extension)};
struct Registration {
  explicit Registration(Route r);
};
const std::vector<Route>& routes();
// The route for method + path (path without commune prefix), its params filled; nullptr when
// none matches. `method_mismatch` is set when the path matches under another method.
const Route* match_route(const std::string& method, const std::string& path,
                         std::map<std::string, std::string>& params, bool& method_mismatch);

// ---- Answers ----
// Renders templates/<name>.mustache with data (HTML-escaped by default; {{{x}}} for raw) into the
// layout (nav, commune, user, sign-out, flash). title is the page's <title> and <h1>.
HttpOut page(const Request& r, std::string_view title, std::string_view name, nlohmann::json data,
             int status = 200);
// Only the template (for htmx fragments and nested pieces), no layout.
std::string render(std::string_view name, const nlohmann::json& data);
// 303 to location (already including r.base when it is a commune page); flash shown once there.
HttpOut redirect(const Request& r, const std::string& location, const std::string& flash = "");
HttpOut json_out(int status, const nlohmann::json& j);
// An error: JSON {"ok":false,"error":message} for the API, else a page with the message.
HttpOut error(const Request& r, int status, const std::string& message);
// A service error: "not_found" -> 404, "forbidden" -> 403 (fixed Vietnamese text), else 400 with
// the error itself (the same words as the CLI).
HttpOut service_error(const Request& r, const std::string& err);

// Slow work that needs no Database (a platform download, Chromium printing a PDF): a read handler
// reads what the work needs, then returns later(r, job). job runs on the dashboard's workers
// (app/web/workers.h), never on the reader, and its answer is the client's; 503 when too many
// wait already. The CLI and writes do not use it.
HttpOut later(Request& r, std::function<HttpOut()> job);

// Thrown by a `writes` handler to answer `out` while everything it wrote is rolled back (its
// writer savepoint): for a use case that may have written before it found a problem.
struct Rollback : std::runtime_error {
  explicit Rollback(HttpOut o) : std::runtime_error("web: rolled back"), out(std::move(o)) {}
  HttpOut out;
};

// Header values the framework adds to every web answer (tests, the static files).
inline constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
inline constexpr const char* kSessionCookie = "dondoc_session";
inline constexpr const char* kFlashCookie = "dondoc_flash";

}  // namespace dondoc::app::web
