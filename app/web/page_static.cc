// GET /static/{name}: the CSS, htmx and images compiled into the binary (app/web/assets.h), with
// their ETag (304 when the browser has them) and a year's caching under the fingerprinted name the
// pages link (asset_url). Public and unscoped: the sign-in page needs its stylesheet too.
#include "app/web/assets.h"
#include "app/web/web.h"

namespace dondoc::app::web {
namespace {

HttpOut static_file(Request& r, Database&) {
  auto a = find_asset(r.param("name"));
  if (!a) return HttpOut(404, "text/plain; charset=utf-8", "Không có tệp này.\n");
  auto inm = r.headers.find("if-none-match");
  bool fresh = inm != r.headers.end() && etag_matches(*a, inm->second);
  HttpOut out(fresh ? 304 : 200, std::string(a->content_type), fresh ? "" : std::string(a->body));
  out.headers.emplace_back("ETag", a->etag);
  out.headers.emplace_back("Cache-Control", std::string(a->cache_control));
  return out;
}

const Registration kStatic{Route::get("/static/{name}", &static_file).open().unscoped()};

}  // namespace
}  // namespace dondoc::app::web
