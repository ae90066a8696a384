// Account linking, pure: one-time codes made from caller-supplied random bytes, recognising
// `/start CODE`, `DK CODE` and `dk CODE` in a chat message, and deciding whether a stored code may
// still be used (unused, within 7 days). Any thread; no I/O, no clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/date.h"

namespace dondoc::bot {

inline constexpr std::size_t kLinkCodeLength = 8;
inline constexpr std::chrono::seconds kLinkCodeLifetime = std::chrono::hours(24 * 7);

// An 8-character code over an alphabet without look-alikes (no 0/O, 1/I/L).
// Requires: random.size() >= kLinkCodeLength.
std::string make_link_code(const std::vector<std::uint8_t>& random);

// The code a message asks to link with, upper-cased: "/start AB3K9XYZ", "/start@bot CODE",
// "DK CODE", "dk code", "ĐK: CODE". nullopt when the message is not a link request.
std::optional<std::string> parse_link_request(std::string_view text);

// A code as stored.
struct LinkCode {
  std::string code;
  std::string body;
  Instant created{};
  Instant expires{};
  bool used = false;
};

enum class CodeCheck { ok, unknown, used, expired };
// Requires nothing: a missing code is `unknown`.
CodeCheck check_link_code(const std::optional<LinkCode>& code, Instant now);

}  // namespace dondoc::bot
