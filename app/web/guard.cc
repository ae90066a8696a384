#include "app/web/guard.h"

#include <sodium.h>

#include <algorithm>
#include <array>

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

constexpr std::size_t kCsrfBytes = 32;  // a session's CSRF token: 64 hex digits

// Exactly out.size() bytes from 2 * out.size() hex digits.
template <std::size_t N>
bool from_hex(const std::string& hex, std::array<unsigned char, N>& out) {
  std::size_t len = 0;
  const char* end = nullptr;
  return hex.size() == 2 * N &&
         sodium_hex2bin(out.data(), N, hex.data(), hex.size(), nullptr, &len, &end) == 0 &&
         len == N && end == hex.data() + hex.size();
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

std::string mask_csrf(const std::string& token) {
  std::array<unsigned char, kCsrfBytes> secret{}, pad{};
  static const bool ready = sodium_init() >= 0;
  if (!ready || !from_hex(token, secret)) return token;
  randombytes_buf(pad.data(), pad.size());
  std::array<unsigned char, 2 * kCsrfBytes> both{};
  for (std::size_t i = 0; i < kCsrfBytes; ++i) {
    both[i] = pad[i];
    both[kCsrfBytes + i] = static_cast<unsigned char>(pad[i] ^ secret[i]);
  }
  std::string hex(4 * kCsrfBytes + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), both.data(), both.size());
  hex.pop_back();
  return hex;
}

bool csrf_ok(const Request& r) {
  std::string presented = r.f("csrf");
  if (presented.empty()) presented = header(r, "x-csrf-token");
  std::array<unsigned char, 2 * kCsrfBytes> both{};
  if (presented.size() == 4 * kCsrfBytes && from_hex(presented, both)) {
    std::array<unsigned char, kCsrfBytes> secret{};
    for (std::size_t i = 0; i < kCsrfBytes; ++i) secret[i] = both[i] ^ both[kCsrfBytes + i];
    presented.assign(2 * kCsrfBytes + 1, '\0');
    sodium_bin2hex(presented.data(), presented.size(), secret.data(), secret.size());
    presented.pop_back();
  }
  return secret_matches(presented, r.csrf_secret);
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
  if (!out.header("Cache-Control")) out.headers.emplace_back("Cache-Control", "no-store");
  bool sets_flash = std::any_of(out.headers.begin(), out.headers.end(), [](const auto& h) {
    return h.first == "Set-Cookie" && h.second.starts_with(std::string(kFlashCookie) + "=");
  });
  if (r.cookies.count(kFlashCookie) && !sets_flash) {
    out.headers.emplace_back(
        "Set-Cookie", std::string(kFlashCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
  }
}

}  // namespace dondoc::app::web
