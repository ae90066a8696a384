// The delivery use case, for the sender loop in app/: which outbox messages may go out now and to
// which chats, and what became of each. What the engine queues for a body (reminders,
// escalations, digests, …) goes out only inside office hours on working days — its commune's
// active rules' hours on the calendar with the commune's overrides — retries included; the bot's
// answers to a chat that has just written go at once. One Deliveries per sender; writer thread
// only.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/state.h"
#include "rules/calendar.h"
#include "storage/database.h"
#include "storage/engine_store.h"

namespace dondoc::service {

struct DueMessage {
  std::int64_t id = 0;
  int attempts = 0;
  Message message;
  std::vector<ChatAddress> chats;  // where it goes: its one chat, or the body's linked chats
  bool answer() const { return message.chat.has_value(); }
};

// One part of a message delivered to one chat.
struct DeliveredPart {
  std::int64_t message_id = 0;
  ChatAddress chat;
  int part = 0;
  std::string platform_message_id;
  std::string task;
  std::string kind;
  Instant at{};
  std::string cycle;  // a report's cycle, "" for a task
};

class Deliveries {
 public:
  // can_send(channel): the platform is configured to send. Due messages, oldest first, at most
  // `limit`: outside office hours only the bot's answers. A message whose platform is off waits an
  // hour (no attempt counted); one to a body without a chat it can reach is retried at the next
  // office hour (failed after max_attempts). With a claim, only messages no other live sender
  // holds, each returned one claimed (SqliteEngineStore::due_rows).
  std::vector<DueMessage> due(Database& db, Instant now, int limit,
                              const std::function<bool(std::string_view)>& can_send,
                              int max_attempts, const OutboxClaim* claim = nullptr);
  bool part_delivered(Database& db, std::int64_t message_id, const ChatAddress& chat, int part);
  void record_part(Database& db, const DeliveredPart& p);
  void sent(Database& db, std::int64_t id, Instant at);
  // Another attempt at `retry_at` (a nudge's is moved into office hours), or failed when give_up.
  // answer: the message is one of the bot's answers (DueMessage::answer()).
  void retry(Database& db, std::int64_t id, bool answer, Instant retry_at, bool give_up,
             const std::string& error);
  // Several senders on one database (issue 17 §2): this sender's claims renewed until `until`, or
  // released (a clean stop); and the claims of every claimant `gone` says has died released, with
  // how many rows each held.
  void renew_claims(Database& db, const std::string& owner, Instant until);
  void release_claims(Database& db, const std::string& owner);
  std::vector<std::pair<std::string, int>> release_claims_of_gone(
      Database& db, const std::function<bool(const std::string&)>& gone);
  // t, or for a nudge the next moment inside office hours on a working day.
  Instant deliverable_at(Database& db, Instant t, bool answer);

 private:
  // A commune's office hours and calendar, reloaded when its rules change or after a while.
  struct Window {
    OfficeHours hours;
    Calendar calendar;
    bool loaded = false;
    int rules_version = -1;
    Instant loaded_at{};
  };
  // The current commune's.
  const Window& window(Database& db, Instant now);
  std::map<std::int64_t, Window> windows_;
};

// "outbox:<id>": how delivery records name a message.
std::string delivery_source(std::int64_t message_id);

}  // namespace dondoc::service
