// Account linking, pure: one-time codes made from caller-supplied random bytes, recognising
// `/start CODE`, `DK CODE` and `dk CODE` in a chat message, deciding whether a stored code may
// still be used (unused, within 7 days), and limiting failed attempts per chat. Any thread; no
// I/O, no clock.
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

// Guessing codes is limited per chat: after kMaxLinkFailures failed attempts within a fixed
// window of kLinkAttemptWindow (from the window's first failure), further attempts are not
// checked at all until the window ends: the first is answered with one explanation, the rest
// with silence. A success ends the window.
inline constexpr int kMaxLinkFailures = 5;
inline constexpr std::chrono::seconds kLinkAttemptWindow = std::chrono::hours(1);

// A chat's failed attempts in its current window.
struct LinkAttempts {
  Instant window_start{};
  int failures = 0;
  bool explained = false;  // told to wait in this window
};

enum class LinkGate { check, explain, silent };
// What to do with an attempt at `now`. A window that has ended counts as none.
LinkGate link_gate(const std::optional<LinkAttempts>& attempts, Instant now);
// The chat's attempts after one more failure at `now` (a new window when the old one ended).
LinkAttempts after_failure(const std::optional<LinkAttempts>& attempts, Instant now);
// When the chat may try again.
inline Instant link_retry_at(const LinkAttempts& a) { return a.window_start + kLinkAttemptWindow; }

}  // namespace dondoc::bot
