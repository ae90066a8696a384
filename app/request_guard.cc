#include "app/request_guard.h"

namespace dondoc::app {
namespace {

HttpOut refuse(int status, const std::string& reason) {
  return HttpOut{status, "application/json", "{\"ok\":false,\"error\":\"" + reason + "\"}"};
}

}  // namespace

std::optional<HttpOut> webhook_refusal(const HttpIn& in, const std::string& header,
                                       const std::string& secret) {
  if (in.repeated.count(header) > 0) return refuse(400, "secret header sent more than once");
  auto h = in.headers.find(header);
  if (h == in.headers.end() || !secret_matches(h->second, secret)) {
    return refuse(401, "wrong or missing secret");
  }
  return std::nullopt;
}

std::optional<HttpOut> metrics_refusal(const HttpIn& in, const std::string& token) {
  if (token.empty()) return std::nullopt;
  if (in.repeated.count("authorization") > 0) {
    return refuse(400, "authorization header sent more than once");
  }
  static const std::string kBearer = "Bearer ";
  auto h = in.headers.find("authorization");
  std::string presented;
  if (h != in.headers.end() && h->second.rfind(kBearer, 0) == 0) {
    presented = h->second.substr(kBearer.size());
  }
  if (!secret_matches(presented, token)) return refuse(401, "metrics need a bearer token");
  return std::nullopt;
}

}  // namespace dondoc::app
