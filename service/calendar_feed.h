// Calendar feeds (issue 16 §5): the plan's deadlines and report dues as iCalendar (libical), per
// body or for the whole plan, with alarms at the rules' reminder offsets; and the revocable secret
// tokens of the per-body subscription URLs. Call from the thread that owns the Database, in the
// commune's scope.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rules/date.h"
#include "rules/result.h"
#include "storage/database.h"

namespace dondoc::service {

// VCALENDAR text (CRLF lines): one VEVENT per dated obligation in the engine's window (all-day on
// its due date after extensions; UID = obligation id + "@dondoc"), with a VALARM per reminder
// offset of the rules. body "" = the whole plan. Error: unknown body, no rules loaded.
Result<std::string> calendar_feed(Database& db, const std::string& body, Instant now);

struct FeedToken {
  std::int64_t id = 0;
  std::int64_t commune = 0;  // the commune whose feed it opens
  std::string body;          // "" = the whole plan
  std::string token;         // only when just created; stored hashed
  Instant created{};
  bool revoked = false;
};
Result<FeedToken> create_feed_token(Database& db, const std::string& body, const std::string& by,
                                    Instant now);
Result<FeedToken> revoke_feed_token(Database& db, std::int64_t id, const std::string& by,
                                    Instant now);
Result<std::vector<FeedToken>> list_feed_tokens(Database& db);
// The feed a token opens (its commune scope included): error "not_found" for an unknown or revoked
// one, compared in constant time.
Result<FeedToken> feed_token_lookup(Database& db, const std::string& token);

}  // namespace dondoc::service
