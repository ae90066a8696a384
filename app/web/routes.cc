// The route registry (filled at static init) and the match of a path against the patterns.
#include <string>
#include <vector>

#include "app/web/web.h"

namespace dondoc::app::web {
namespace {

std::vector<Route>& registry() {
  static std::vector<Route> r;
  return r;
}

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    auto j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool matches(const std::string& pattern, const std::vector<std::string>& segs,
             std::map<std::string, std::string>& params) {
  auto pat = segments(pattern);
  if (pat.size() != segs.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < pat.size(); ++i) {
    const std::string& p = pat[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (segs[i].empty()) return false;
      found[p.substr(1, p.size() - 2)] = segs[i];
    } else if (p != segs[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

Route Route::get(std::string pattern, Handler h) {
  Route r;
  r.pattern = std::move(pattern);
  r.handler = std::move(h);
  return r;
}

Route Route::post(std::string pattern, Handler h) {
  Route r = get(std::move(pattern), std::move(h));
  r.method = "POST";
  r.writes = true;
  return r;
}

Registration::Registration(Route r) { registry().push_back(std::move(r)); }

const std::vector<Route>& routes() { return registry(); }

const Route* match_route(const std::string& method, const std::string& path,
                         std::map<std::string, std::string>& params, bool& method_mismatch) {
  method_mismatch = false;
  auto segs = segments(path);
  for (const Route& r : registry()) {
    std::map<std::string, std::string> p;
    if (!matches(r.pattern, segs, p)) continue;
    bool same = r.method == method || (method == "HEAD" && r.method == "GET");
    if (!same) {
      method_mismatch = true;
      continue;
    }
    params = std::move(p);
    return &r;
  }
  return nullptr;
}

}  // namespace dondoc::app::web
