// The chat event use case: what the bot does with one event from a chat, whatever brought it
// (webhook or polling). An event is first stored in the inbound log (store_event: the platform gets
// its 200 only after that commits), then handled: link the chat, apply a status reply through the
// engine's command path, answer a button, explain an unlinked chat, ask which task, say how to
// reply or what the body owes. Each event is handled in its own savepoint inside the caller's
// transaction; its answers are rows of the one outbox addressed to the chat, keyed by the event, so
// a redelivered or re-handled event changes nothing. Call from the thread that owns the Database
// (serve: the group-commit writer).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "bot/payloads.h"
#include "rules/date.h"
#include "service/link.h"  // RandomBytes
#include "storage/database.h"

namespace dondoc::service {

// An event stored in the inbound log under seq.
struct StoredEvent {
  std::int64_t seq = 0;
  bot::InboundEvent event;
};

// Stores the event unless (channel, event key) is stored already: its seq when new, nullopt for a
// redelivery. Inside the caller's transaction.
std::optional<std::int64_t> store_event(Database& db, const bot::InboundEvent& event,
                                        Instant received);

// What one handling pass did.
struct HandledBatch {
  int handled = 0;
  int replies_applied = 0;  // events whose status reply the engine applied (wholly or partly)
  int replies_refused = 0;  // events whose status reply it refused (wholly or partly)
  int links = 0;
  int link_failed = 0;     // link attempts with a code that links nothing
  int link_throttled = 0;  // link attempts refused unchecked, over the per-chat limit
  int replied = 0;         // events that queued an answer to their chat
  bool more = false;       // the pass stopped at its limit: more events wait
};

// Settings of the chat handling from serve's configuration.
struct ChatOptions {
  // The dashboard's address as people reach it ("https://dondoc.example.vn"): "đăng nhập" answers
  // public_url + "/dang-nhap/" + a one-time token.
  std::string public_url;
  RandomBytes random;  // empty: libsodium's generator
};

// Handles up to `limit` stored, unhandled events, oldest first. An event whose handling throws is
// rolled back alone and marked handled with outcome "error" (and logged to stderr), so it is never
// retried in a loop. Inside the caller's transaction.
HandledBatch handle_stored_events(Database& db, Instant now, int limit,
                                  const ChatOptions& options = {});

// The same for events the caller still holds in memory (no read back, no parse); an event already
// handled (by a pass over the log) is skipped.
HandledBatch handle_events(Database& db, Instant now, const std::vector<StoredEvent>& events,
                           const ChatOptions& options = {});

}  // namespace dondoc::service
