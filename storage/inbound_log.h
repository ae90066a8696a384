// The inbound event log: every chat event is stored once under (channel, event key) before it is
// acknowledged, then marked handled when the bot has acted on it, so a redelivery or a restart
// never acts twice and an acked event is never lost. Functions take the caller's Database (the
// group-commit writer thread for writes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace dondoc {

struct InboundRow {
  std::int64_t seq = 0;
  std::string channel;
  std::string event_key;
  std::string chat_id;
  std::string received_at;  // ISO instant
  std::string payload;      // the event as JSON
};

// Stores the event unless (channel, event_key) is already there: its seq when it was new,
// nullopt for a redelivery.
std::optional<std::int64_t> insert_inbound(Database& db, const InboundRow& row);

// Events stored but not yet handled, oldest first.
std::vector<InboundRow> unhandled_inbound(Database& db, int limit);

// True when the event `seq` is stored and not yet handled.
bool inbound_unhandled(Database& db, std::int64_t seq);
// The events of `seqs` stored and not yet handled, sorted: inbound_unhandled() for a whole batch,
// in one query when the seqs are close together (a batch acked by one process), as a PostgreSQL
// round trip per event cost more than the check itself.
std::vector<std::int64_t> inbound_unhandled_among(Database& db, std::vector<std::int64_t> seqs);

void mark_inbound_handled(Database& db, std::int64_t seq, std::string_view outcome,
                          std::string_view at_iso);

// mark_inbound_handled() for a batch, each event with its outcome: on PostgreSQL (where each
// statement is a round trip) one statement per distinct outcome, on SQLite one per event. An
// event listed twice takes its last outcome. The events must not be handled yet (those of a batch
// are not): PostgreSQL's statement skips one that is.
struct HandledMark {
  std::int64_t seq = 0;
  std::string outcome;
};
void mark_inbound_handled_all(Database& db, const std::vector<HandledMark>& marks,
                              std::string_view at_iso);

// Rewrites the stored event (to hide a secret it carried, such as a link code).
void replace_inbound_payload(Database& db, std::int64_t seq, std::string_view payload);

std::int64_t inbound_count(Database& db);
bool inbound_exists(Database& db, std::string_view channel, std::string_view event_key);

}  // namespace dondoc
