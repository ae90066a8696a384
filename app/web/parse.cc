#include "app/web/parse.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "app/web/paging.h"

namespace dondoc::app::web {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of `name="..."` (or name=token) in a header's parameters; "" when absent.
std::string header_param(std::string_view header, std::string_view name) {
  std::string key = std::string(name) + "=";
  std::size_t pos = 0;
  while ((pos = header.find(key, pos)) != std::string_view::npos) {
    bool start = pos == 0 || header[pos - 1] == ';' || header[pos - 1] == ' ';
    pos += key.size();
    if (!start) continue;
    if (pos < header.size() && header[pos] == '"') {
      auto end = header.find('"', pos + 1);
      return std::string(header.substr(pos + 1, end - pos - 1));
    }
    auto end = header.find(';', pos);
    return std::string(trim(header.substr(pos, end == std::string_view::npos ? end : end - pos)));
  }
  return {};
}

// One part: its headers (until the blank line) and its content.
void add_part(std::string_view part, std::map<std::string, std::string>& fields,
              std::vector<Upload>& files) {
  auto blank = part.find("\r\n\r\n");
  if (blank == std::string_view::npos) return;
  std::string_view head = part.substr(0, blank), content = part.substr(blank + 4);
  std::string disposition, type;
  std::size_t pos = 0;
  while (pos < head.size()) {
    auto end = head.find("\r\n", pos);
    if (end == std::string_view::npos) end = head.size();
    std::string_view line = head.substr(pos, end - pos);
    auto colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string name(line.substr(0, colon));
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (name == "content-disposition") disposition = trim(line.substr(colon + 1));
      if (name == "content-type") type = trim(line.substr(colon + 1));
    }
    pos = end + 2;
  }
  std::string field = header_param(disposition, "name");
  if (field.empty()) return;
  if (disposition.find("filename=") != std::string::npos) {
    files.push_back({field, header_param(disposition, "filename"), type, std::string(content)});
  } else {
    fields[field] = std::string(content);
  }
}

}  // namespace

std::string url_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+' && plus_is_space) {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string url_encode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::map<std::string, std::string> parse_query(std::string_view s) {
  std::map<std::string, std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size() && !s.empty()) {
    auto end = s.find('&', pos);
    if (end == std::string_view::npos) end = s.size();
    std::string_view pair = s.substr(pos, end - pos);
    if (!pair.empty()) {
      auto eq = pair.find('=');
      std::string name = url_decode(pair.substr(0, eq));
      out[name] = eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1));
    }
    pos = end + 1;
    if (end == s.size()) break;
  }
  return out;
}

std::map<std::string, std::string> parse_cookies(std::string_view header) {
  std::map<std::string, std::string> out;
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view pair = trim(header.substr(pos, end - pos));
    auto eq = pair.find('=');
    if (eq != std::string_view::npos) {
      out[std::string(trim(pair.substr(0, eq)))] = std::string(trim(pair.substr(eq + 1)));
    }
    pos = end + 1;
  }
  return out;
}

bool parse_multipart(std::string_view content_type, std::string_view body,
                     std::map<std::string, std::string>& fields, std::vector<Upload>& files) {
  std::string boundary = header_param(content_type, "boundary");
  if (boundary.empty()) return false;
  std::string delim = "--" + boundary;
  auto pos = body.find(delim);
  if (pos == std::string_view::npos) return false;
  while (true) {
    pos += delim.size();
    if (body.substr(pos, 2) == "--") return true;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return false;
    pos += 2;
    auto next = body.find("\r\n" + delim, pos);
    if (next == std::string_view::npos) return false;
    add_part(body.substr(pos, next - pos), fields, files);
    pos = next + 2;
  }
}

std::string Request::param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}
std::string Request::q(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}
std::string Request::f(const std::string& name) const {
  auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}
int page_number(const Request& r) {
  std::string text = r.q("trang");
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return 1;
  }
  return std::max(1, std::stoi(text));
}

const Upload* Request::file(const std::string& field) const {
  for (const auto& u : files) {
    if (u.field == field) return &u;
  }
  return nullptr;
}

}  // namespace dondoc::app::web
