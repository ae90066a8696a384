// The link use case: a one-time code (valid 7 days, stored only as its hash) that a department
// head sends to the bot ("DK CODE" or "/start CODE") to bind their chat to a body, stored with its
// audit entry. The caller supplies random bytes (the app reads them from the system's generator;
// tests pass fixed ones). The chat's side (detail::link_chat, with the limit on wrong codes) is
// handled here too, for service/chat_event. Call from the thread that owns the Database.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "rules/date.h"
#include "rules/result.h"
#include "storage/database.h"

namespace dondoc::service {

struct LinkCodeOut {
  std::string code;
  std::string body;       // id
  std::string body_name;  // as the plan names it
  Instant expires{};
};

// Fills its argument with random bytes; false when the generator fails.
using RandomBytes = std::function<bool(std::vector<std::uint8_t>&)>;

// Error (nothing stored) when the body is not in the plan or no free code could be drawn.
Result<LinkCodeOut> create_link_code(Database& db, const std::string& body, Instant now,
                                     const RandomBytes& random);

}  // namespace dondoc::service
