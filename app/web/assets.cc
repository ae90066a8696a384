// The embedded static files: name lookup, fingerprinted names, content types and ETags.
#include "app/web/assets.h"

#include "app/web/assets_table.h"

namespace dondoc::app::web {
namespace {

constexpr std::string_view kPrefix = "/static/";
constexpr std::string_view kForever = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

std::string_view content_type_of(std::string_view name) {
  struct Type {
    std::string_view ext, type;
  };
  static constexpr Type kTypes[] = {
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".LICENSE", "text/plain; charset=utf-8"},
      {".json", "application/json"},
  };
  for (const Type& t : kTypes) {
    if (name.size() > t.ext.size() && name.ends_with(t.ext)) return t.type;
  }
  return "application/octet-stream";
}

// "dondoc.css" + sha -> "dondoc.0123abcd.css"; a name without a dot gets ".0123abcd" appended.
std::string fingerprinted(std::string_view name, std::string_view sha) {
  std::string_view hash = sha.substr(0, 8);
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::string(name) + "." + std::string(hash);
  return std::string(name.substr(0, dot)) + "." + std::string(hash) + std::string(name.substr(dot));
}

Asset make(const EmbeddedAsset& e, bool immutable) {
  std::string_view sha = e.sha256;
  return Asset{e.name, std::string_view(e.data, e.size), content_type_of(e.name),
               "\"" + std::string(sha.substr(0, 16)) + "\"", immutable ? kForever : kRevalidate};
}

}  // namespace

std::optional<Asset> find_asset(std::string_view path) {
  if (path.starts_with(kPrefix)) path.remove_prefix(kPrefix.size());
  if (std::size_t q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
  if (path.empty() || path.find('/') != std::string_view::npos || path.find("..") == 0) {
    return std::nullopt;
  }
  for (const EmbeddedAsset& e : embedded_assets()) {
    if (path == e.name) return make(e, false);
    if (path == fingerprinted(e.name, e.sha256)) return make(e, true);
  }
  return std::nullopt;
}

std::string asset_url(std::string_view name) {
  for (const EmbeddedAsset& e : embedded_assets()) {
    if (name == e.name) return std::string(kPrefix) + fingerprinted(e.name, e.sha256);
  }
  return {};
}

bool etag_matches(const Asset& a, std::string_view if_none_match) {
  if (if_none_match == "*") return true;
  // A list of tags, possibly weak (W/"..."): match any, the gzip variant's "X.gz" too
  // (app/web/encoding.h).
  std::string_view open(a.etag.data(), a.etag.size() - 1);  // without the closing quote
  for (auto at = if_none_match.find(open); at != std::string_view::npos;
       at = if_none_match.find(open, at + 1)) {
    std::string_view rest = if_none_match.substr(at + open.size());
    if (rest.starts_with("\"") || rest.starts_with(".gz\"")) return true;
  }
  return false;
}

}  // namespace dondoc::app::web
