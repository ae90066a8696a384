#include "app/web/guard.h"

#include <algorithm>

#include "app/server.h"
#include "service/accounts.h"

namespace dondoc::app::web {
namespace {

// "https://host:port/path" -> "https://host:port"
std::string origin_of(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  auto end = url.find('/', scheme + 3);
  return url.substr(0, end);
}

bool has_header(const HttpOut& out, const std::string& name) {
  return std::any_of(out.headers.begin(), out.headers.end(), [&](const auto& h) {
    return std::equal(h.first.begin(), h.first.end(), name.begin(), name.end(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  });
}

std::string header(const Request& r, const std::string& name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? std::string() : it->second;
}

}  // namespace

bool origin_ok(const Request& r, const std::string& public_url) {
  std::string origin = header(r, "origin");
  if (origin.empty() || origin == "null") origin = origin_of(header(r, "referer"));
  if (origin.empty()) return false;
  std::string host = header(r, "host");
  if (!host.empty() && (origin == "http://" + host || origin == "https://" + host)) return true;
  return !public_url.empty() && origin == origin_of(public_url);
}

bool csrf_ok(const Request& r) {
  std::string presented = r.f("csrf");
  if (presented.empty()) presented = header(r, "x-csrf-token");
  return secret_matches(presented, r.csrf);
}

std::string session_cookie(const std::string& token, bool secure) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
         std::to_string(service::kSessionAbsoluteHours * 3600) + (secure ? "; Secure" : "");
}

std::string session_cookie_cleared(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" +
         (secure ? "; Secure" : "");
}

void add_security_headers(const Request& r, HttpOut& out) {
  out.headers.emplace_back("Content-Security-Policy", kCsp);
  out.headers.emplace_back("X-Content-Type-Options", "nosniff");
  out.headers.emplace_back("Referrer-Policy", "same-origin");
  if (!has_header(out, "Cache-Control")) out.headers.emplace_back("Cache-Control", "no-store");
  bool sets_flash = std::any_of(out.headers.begin(), out.headers.end(), [](const auto& h) {
    return h.first == "Set-Cookie" && h.second.starts_with(std::string(kFlashCookie) + "=");
  });
  if (r.cookies.count(kFlashCookie) && !sets_flash) {
    out.headers.emplace_back(
        "Set-Cookie", std::string(kFlashCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
  }
}

}  // namespace dondoc::app::web
