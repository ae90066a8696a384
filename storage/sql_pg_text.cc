// The text work of the PostgreSQL implementation (storage/sql_pg.h): turning the stores' `?`
// placeholders into `$N`, classifying SQLSTATEs, and hiding passwords in URLs.
#include <cctype>
#include <string>

#include "storage/sql_pg.h"

namespace dondoc::sql::pg {

namespace {

// The index of the first character after a literal or comment starting at i, or i when none
// starts there: '…' strings ('' escaped), "…" identifiers, -- and /* */ comments, $tag$ bodies.
std::size_t skip_quoted(std::string_view s, std::size_t i) {
  char c = s[i];
  if (c == '\'' || c == '"') {
    std::size_t j = i + 1;
    while (j < s.size()) {
      if (s[j] == c) {
        if (j + 1 < s.size() && s[j + 1] == c) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      ++j;
    }
    return s.size();
  }
  if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
    std::size_t end = s.find('\n', i);
    return end == std::string_view::npos ? s.size() : end + 1;
  }
  if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
    std::size_t end = s.find("*/", i + 2);
    return end == std::string_view::npos ? s.size() : end + 2;
  }
  if (c == '$') {
    std::size_t j = i + 1;
    while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
    bool tag_ok = j < s.size() && s[j] == '$' &&
                  (j == i + 1 || !std::isdigit(static_cast<unsigned char>(s[i + 1])));
    if (!tag_ok) return i;
    std::string_view tag = s.substr(i, j - i + 1);
    std::size_t end = s.find(tag, j + 1);
    return end == std::string_view::npos ? s.size() : end + tag.size();
  }
  return i;
}

}  // namespace

std::string rewrite_placeholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 8);
  int largest = 0;
  std::size_t i = 0;
  while (i < sql.size()) {
    std::size_t skipped = skip_quoted(sql, i);
    if (skipped != i) {
      out.append(sql.substr(i, skipped - i));
      i = skipped;
      continue;
    }
    if (sql[i] != '?') {
      out.push_back(sql[i++]);
      continue;
    }
    std::size_t j = i + 1;
    int index = 0;
    while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) {
      index = index * 10 + (sql[j] - '0');
      ++j;
    }
    if (j == i + 1) index = largest + 1;
    if (index > largest) largest = index;
    out += '$';
    out += std::to_string(index);
    i = j;
  }
  if (count) *count = largest;
  return out;
}

ErrorKind kind_of_sqlstate(std::string_view state) {
  if (state.size() != 5) return ErrorKind::other;
  std::string_view cls = state.substr(0, 2);
  if (cls == "23") return ErrorKind::constraint;
  if (state == "40001" || state == "40P01" || state == "55P03") return ErrorKind::busy;
  if (cls == "08") return ErrorKind::connection;
  if (cls == "53" || cls == "58" || state == "25006" || state == "42501") {
    return ErrorKind::storage_fault;
  }
  return ErrorKind::other;
}

int pack_sqlstate(std::string_view state) {
  int code = 0;
  for (std::size_t i = 0; i < state.size() && i < 5; ++i) {
    code |= ((state[i] - '0') & 0x3F) << (6 * i);
  }
  return code;
}

std::string url_without_password(std::string_view url) {
  std::string out(url);
  std::size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    std::size_t start = scheme + 3;
    std::size_t at = out.find('@', start);
    std::size_t slash = out.find('/', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      std::size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
    }
  }
  // password=… among the query parameters (or in a key=value string), wherever it is.
  for (std::size_t p = out.find("password="); p != std::string::npos; p = out.find("password=")) {
    std::size_t end = out.find_first_of("& ", p);
    if (end == std::string::npos) {
      out.erase(p);
      while (!out.empty() && (out.back() == '&' || out.back() == '?' || out.back() == ' ')) {
        out.pop_back();
      }
    } else {
      out.erase(p, end + 1 - p);
    }
  }
  return out;
}

}  // namespace dondoc::sql::pg
