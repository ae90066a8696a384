// What the sender delivers, read from the outbox on the writer thread: one Item per due message
// with its parts still to deliver, one Part per chat and piece of text (split to the platform's
// length, buttons or a reply hint on nudges). Internal to app/sender*.cc.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/channels/channel.h"
#include "app/config.h"
#include "rules/date.h"
#include "service/delivery.h"

namespace dondoc::app {

// One part of one message for one chat.
struct Part {
  const ChatChannel* platform = nullptr;
  std::string chat_id;
  bool group = false;
  int index = 0;
  std::string text;
  std::vector<bot::Button> buttons;
  // "telegram|42": the key chats are paced by.
  std::string chat_key() const { return platform->name() + "|" + chat_id; }
};

// One message with what is left to deliver of it.
struct Item {
  std::string source;  // "outbox:<id>", the delivery records' source
  std::int64_t id = 0;
  bool answer = false;  // the bot's answer to one chat (sent at once; nudges keep office hours)
  int attempts = 0;
  std::string task, kind, callback_id;
  std::string cycle;  // a report nudge's cycle
  std::vector<Part> parts;
  std::size_t next_part = 0;  // parts before it are delivered
  Instant due{};              // since when it may go (its not_before: queued or retry time)
};

// The platform's view of a part: our message id is "<source>.<part>".
OutgoingPart outgoing(const Item& item, const Part& p);

// The due messages (at most `limit`, service::Deliveries::due) with their undelivered parts to
// chats whose platform can send now, claimed for `claim` (none: unclaimed, as the CLI reads).
// Writer thread.
std::vector<Item> collect_due(Database& db, service::Deliveries& deliveries, Instant now,
                              const ServeConfig& config, int limit,
                              const OutboxClaim* claim = nullptr);

}  // namespace dondoc::app
