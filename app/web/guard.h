// The web layer's checks and cookies: the Origin (or Referer) of a POST against the request's
// Host and the public URL, the CSRF token compared in constant time, the session cookie's and the
// flash cookie's Set-Cookie lines, and the headers every web answer carries. Pure; any thread.
#pragma once

#include <string>

#include "app/web/web.h"

namespace dondoc::app::web {

// Whether the POST comes from our own pages: Origin (or, without it, Referer's origin) equals
// http(s)://Host or public_url's origin. Refused when neither header is present.
bool origin_ok(const Request& r, const std::string& public_url);
// The form's `csrf` field or the X-CSRF-Token header is the session's token (r.csrf_secret),
// as it is or masked by mask_csrf.
bool csrf_ok(const Request& r);
// The token as a page carries it: 32 fresh random bytes and the token's 32 bytes XOR them, 128
// hex digits. Every answer then holds a different text, so a compressed page's size tells an
// eavesdropper nothing about the token (BREACH). A token that is not 64 hex digits is returned
// as it is.
std::string mask_csrf(const std::string& token);
std::string session_cookie(const std::string& token, bool secure);
std::string session_cookie_cleared(bool secure);
// CSP, nosniff, Referrer-Policy, Cache-Control no-store (unless the handler set one), the flash
// cookie cleared once shown.
void add_security_headers(const Request& r, HttpOut& out);

}  // namespace dondoc::app::web
