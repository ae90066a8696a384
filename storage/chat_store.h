// Chats and bodies: one-time link codes (stored hashed) and failed attempts to use them, which
// chat is bound to which body, when an unlinked chat
// was last told so, and what was delivered to which chat about which task (so a reply can be
// bound to the nudge it answers). Functions take the caller's Database; writes belong on the
// group-commit writer thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"

namespace dondoc {

// A one-time link code. Only its hash is stored (storage/code_hash.h); `code` is the plaintext
// the caller passed in, never read back from the database.
struct StoredLinkCode {
  std::string code;
  std::string body;
  std::string created_at;  // ISO instants
  std::string expires_at;
  bool used = false;
  std::int64_t commune = 0;  // the body's commune (set from the scope on insert)
};

// False when the code already exists (the caller draws another). The code belongs to the current
// commune; find and mark look it up across communes (a code names its commune).
bool insert_link_code(Database& db, const StoredLinkCode& code);
// Looks the code up by its hash, confirmed in constant time.
std::optional<StoredLinkCode> find_link_code(Database& db, std::string_view code);
void mark_link_code_used(Database& db, std::string_view code, std::string_view used_by,
                         std::string_view at_iso);

// A chat's failed link attempts in its current window (see bot::link_gate).
struct LinkAttemptsRow {
  std::string window_start;  // ISO instant of the first failure of the window
  int failures = 0;          // codes that matched nothing usable
  int throttled = 0;         // attempts refused unchecked once over the limit
  std::string explained_at;  // when the chat was told to wait; "" when not yet
};
std::optional<LinkAttemptsRow> find_link_attempts(Database& db, std::string_view channel,
                                                  std::string_view chat_id);
void save_link_attempts(Database& db, std::string_view channel, std::string_view chat_id,
                        const LinkAttemptsRow& row);
void clear_link_attempts(Database& db, std::string_view channel, std::string_view chat_id);

struct ChatRef {
  std::string channel;
  std::string chat_id;
  bool group = false;
};

// Binds (or re-binds) a chat to a body of the current commune.
void bind_chat(Database& db, const ChatRef& chat, std::string_view body, std::string_view from_name,
               std::string_view at_iso);
// The commune and body a chat is linked to, across communes; nullopt when it is not linked.
struct ChatLink {
  std::int64_t commune = 0;
  std::string body;
};
std::optional<ChatLink> chat_link(Database& db, std::string_view channel, std::string_view chat_id);
// The body of the current commune the chat is linked to.
std::optional<std::string> chat_body(Database& db, std::string_view channel,
                                     std::string_view chat_id);
// How many chats are linked to the current commune's bodies.
int linked_chat_count(Database& db);
// The current commune's chats linked to `body`.
std::vector<ChatRef> chats_of_body(Database& db, std::string_view body);

std::optional<std::string> last_notice(Database& db, std::string_view channel,
                                       std::string_view chat_id);
void set_last_notice(Database& db, std::string_view channel, std::string_view chat_id,
                     std::string_view at_iso);

// One part of a message delivered to one chat. source: "outbox:<id>".
struct Delivery {
  std::string source;
  std::string channel;
  std::string chat_id;
  int part = 0;
  std::string platform_message_id;
  std::string task;
  std::string kind;  // "reminder", "escalation", "confirmation", ...
  std::string sent_at;
  std::string cycle;  // a report's cycle ("monthly"), "" for a task
};
void record_delivery(Database& db, const Delivery& d);
bool delivered(Database& db, std::string_view source, std::string_view channel,
               std::string_view chat_id, int part);
// What a delivered message was about: a task, or a report's cycle.
struct NudgeRef {
  std::string task;
  std::string cycle;
};
// What the message `platform_message_id` in that chat was about, when it was about one thing.
std::optional<NudgeRef> nudge_of_message(Database& db, std::string_view channel,
                                         std::string_view chat_id,
                                         std::string_view platform_message_id);
// What the most recent reminder/escalation sent to the chat at or after since_iso was about.
std::optional<NudgeRef> recent_nudge(Database& db, std::string_view channel,
                                     std::string_view chat_id, std::string_view since_iso);

}  // namespace dondoc
