// The bot's own replies addressed to one chat (link confirmations and refusals, the unlinked
// explanation, "which task?", confirmations of applied replies): queued by a unique key so that
// handling an event twice queues nothing twice, then delivered by the sender. Functions take the
// caller's Database; writes belong on the group-commit writer thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace dondoc {

struct ChatMessage {
  std::int64_t id = 0;
  std::string key;  // unique: "<channel>|<event_key>|<what>"
  std::string channel;
  std::string chat_id;
  bool group = false;
  std::string text;
  std::string task;
  std::string buttons = "[]";  // JSON [{"label","data"}]
  std::string callback_id;     // Telegram: answerCallbackQuery before sending the text
  std::string status = "pending";
  int attempts = 0;
  std::string not_before;  // ISO instant
  std::string created_at;
  std::string last_error;
};

// False when a message with that key exists already.
bool queue_chat_message(Database& db, const ChatMessage& m);
// Pending messages with not_before <= now_iso, oldest first.
std::vector<ChatMessage> due_chat_messages(Database& db, std::string_view now_iso, int limit);
void mark_chat_sent(Database& db, std::int64_t id, std::string_view at_iso);
// Counts an attempt; retried at retry_at_iso, or marked failed when give_up.
void mark_chat_retry(Database& db, std::int64_t id, std::string_view retry_at_iso, bool give_up,
                     std::string_view error);
// Every message of a chat (or all when chat_id is empty), oldest first.
std::vector<ChatMessage> chat_messages(Database& db, std::string_view chat_id = {});
std::int64_t pending_chat_messages(Database& db);
// The earliest not_before of a pending message, "" when none.
std::string next_chat_due(Database& db);

}  // namespace dondoc
