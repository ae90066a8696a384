#include "bot/linking.h"

#include <algorithm>
#include <cctype>

#include "rules/text.h"

namespace dondoc::bot {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

bool code_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// The word after a command prefix, upper-cased, when it looks like a code.
std::optional<std::string> code_after(std::string_view rest) {
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':' || rest.front() == '-')) {
    rest.remove_prefix(1);
  }
  std::string code;
  while (!rest.empty() && code_char(rest.front())) {
    code.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(rest.front()))));
    rest.remove_prefix(1);
  }
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '.' || rest.front() == '!')) {
    rest.remove_prefix(1);
  }
  if (code.size() < 4 || code.size() > 32 || !rest.empty()) return std::nullopt;
  return code;
}

}  // namespace

std::string make_link_code(const std::vector<std::uint8_t>& random) {
  std::string code;
  for (std::size_t i = 0; i < kLinkCodeLength && i < random.size(); ++i) {
    code.push_back(kAlphabet[random[i] % kAlphabet.size()]);
  }
  return code;
}

std::optional<std::string> parse_link_request(std::string_view text) {
  if (text.size() > 200) return std::nullopt;
  // Most messages are replies: reject on the first word alone before folding the whole text.
  auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return std::nullopt;
  auto word =
      text.substr(start, std::min<std::size_t>(text.find_first_of(" \t\r\n", start) - start, 24));
  std::string w = text::fold(word);
  if (w.rfind("dk", 0) != 0 && w.rfind("/start", 0) != 0) return std::nullopt;
  std::string f = text::fold(text);
  std::string_view s = f;
  if (s.rfind("/start", 0) == 0) {
    s.remove_prefix(6);
    if (!s.empty() && s.front() == '@') {  // "/start@dondoc_bot CODE"
      auto sp = s.find(' ');
      if (sp == std::string_view::npos) return std::nullopt;
      s.remove_prefix(sp);
    }
    if (s.empty() || (s.front() != ' ')) return std::nullopt;
    return code_after(s);
  }
  if (s.rfind("dk", 0) == 0 && s.size() > 2 && (s[2] == ' ' || s[2] == ':')) {
    return code_after(s.substr(2));
  }
  return std::nullopt;
}

CodeCheck check_link_code(const std::optional<LinkCode>& code, Instant now) {
  if (!code) return CodeCheck::unknown;
  if (code->used) return CodeCheck::used;
  if (now >= code->expires) return CodeCheck::expired;
  return CodeCheck::ok;
}

namespace {

bool window_open(const std::optional<LinkAttempts>& a, Instant now) {
  return a && now < link_retry_at(*a);
}

}  // namespace

LinkGate link_gate(const std::optional<LinkAttempts>& attempts, Instant now) {
  if (!window_open(attempts, now) || attempts->failures < kMaxLinkFailures) return LinkGate::check;
  return attempts->explained ? LinkGate::silent : LinkGate::explain;
}

LinkAttempts after_failure(const std::optional<LinkAttempts>& attempts, Instant now) {
  LinkAttempts a = window_open(attempts, now) ? *attempts : LinkAttempts{now, 0, false};
  ++a.failures;
  return a;
}

}  // namespace dondoc::bot
