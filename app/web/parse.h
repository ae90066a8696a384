// Parsing the parts of an HTTP request the web layer reads: percent-decoding, query strings and
// urlencoded forms, the Cookie header, multipart/form-data bodies (file uploads). Pure; any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app/web/web.h"

namespace dondoc::app::web {

std::string url_decode(std::string_view s, bool plus_is_space = true);
std::string url_encode(std::string_view s);
// "a=1&b=x+y" -> {a:1, b:"x y"}; a repeated name keeps its last value.
std::map<std::string, std::string> parse_query(std::string_view s);
std::map<std::string, std::string> parse_cookies(std::string_view header);
// Fills fields and files from a multipart body; false when malformed (no boundary, no end).
bool parse_multipart(std::string_view content_type, std::string_view body,
                     std::map<std::string, std::string>& fields, std::vector<Upload>& files);

}  // namespace dondoc::app::web
