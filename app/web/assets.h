// The dashboard's static files (CSS, htmx, images) compiled into the binary: look one up by the
// path under /static/ and get its bytes, content type, ETag and caching. Any thread (read-only
// data). The web layer serves GET /static/{name} from here; templates link asset_url(name).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dondoc::app::web {

struct Asset {
  std::string_view name;          // "dondoc.css"
  std::string_view body;          // the bytes
  std::string_view content_type;  // "text/css; charset=utf-8", ...
  std::string etag;               // "\"<16 hex of its SHA-256>\"" (quotes included)
  // "public, max-age=31536000, immutable" when asked for by its fingerprinted name (the URL
  // changes with the content); "no-cache" (revalidate with the ETag) for the plain name.
  std::string_view cache_control;
};

// `path` is "dondoc.css", "/static/dondoc.css" or the fingerprinted "dondoc.0123abcd.css" (as
// asset_url gives). nullopt for an unknown name, a subfolder or "..".
std::optional<Asset> find_asset(std::string_view path);

// The URL to link from a page: "/static/dondoc.0123abcd.css" (8 hex of the SHA-256 before the
// extension). Empty for an unknown name.
std::string asset_url(std::string_view name);

// Whether a request's If-None-Match header names this asset's ETag (answer 304).
bool etag_matches(const Asset& a, std::string_view if_none_match);

}  // namespace dondoc::app::web
