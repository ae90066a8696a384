// The engine's whole view of the world at one moment (plan, rules, calendar, recorded obligation
// states, the send-log) and the batch of changes a tick or a command produces, which a Store
// applies atomically. Plain data; apply_batch() is the reference in-memory application (used by
// the in-memory store and by preview's scratch copy). Any thread; not shared.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/kinds.h"
#include "engine/model.h"
#include "engine/obligation.h"
#include "rules/calendar.h"
#include "rules/rules.h"

namespace dondoc {

// What a queued message is. The first six come from the scheduler and commands and go to a body;
// the rest are the bot's own answers to the chat that wrote (Message::chat set).
enum class MessageKind {
  reminder,
  escalation,
  digest,
  blocker,
  confirmation,  // a recorded reply (or command) confirmed
  catch_up,
  link,             // a chat linked, or a link code refused
  explanation,      // an unlinked chat told how to link
  question,         // "which task?" or a button's follow-up question
  hint,             // not understood: how to reply
  help,             // "hướng dẫn": how to reply, with examples
  owed,             // "nhiệm vụ của tôi": what the body owes
  acknowledgement,  // "cảm ơn", "ok": a short answer, nothing recorded
};
std::string_view to_string(MessageKind k);
std::optional<MessageKind> message_kind_from(std::string_view s);

// One chat on one platform. `channel` is the platform's name as bot::to_string(Channel) spells
// it; the engine carries it and never interprets it.
struct ChatAddress {
  std::string channel;
  std::string chat_id;
  bool group = false;
};

// One message to send: the outbox row. `key` is unique in the outbox; `send_keys` are the
// send-log keys (subject|rule|step|occurrence) of the intentions it carries.
struct Message {
  std::string key;
  std::string recipient;  // body id
  MessageKind kind = MessageKind::reminder;
  std::string task;   // "" when none
  std::string cycle;  // "" when none
  std::string text;
  Instant not_before{};
  std::vector<std::string> send_keys;
  std::optional<Date> due;          // the obligation's due date (single-obligation messages)
  std::optional<Date> nominal_due;  // as written
  // Set for the bot's answers: this one chat, not the recipient's linked chats (recipient may then
  // be "" for a chat not linked yet). callback_id: Telegram's button press to answer first.
  std::optional<ChatAddress> chat;
  std::string callback_id;
};

using audit_kind::kMessagesQueued;

struct AuditEntry {
  std::string kind;  // "status_change", "message_queued", "escalation", "history_start", ...
  std::string subject;
  std::string source;
  std::string detail;  // JSON object
  Instant at{};
};

struct Batch {
  std::vector<Message> messages;
  std::vector<std::string> silent_keys;  // send-log keys recorded without a message of their own
  std::vector<ObligationState> states;   // upserts by id
  std::vector<AuditEntry> audit;
  std::optional<Instant> history_start;  // set by the first tick
  std::optional<Instant> last_tick;
  bool empty() const {
    return messages.empty() && silent_keys.empty() && states.empty() && audit.empty() &&
           !history_start && !last_tick;
  }
};

// An outbox message the sender gave up on (status 'failed') whose failure the secretariat has not
// been told yet (no "failed|<id>" send-log key). Never a failure notice itself: stores leave those
// out, so a notice that fails is not reported again.
struct FailedMessage {
  std::int64_t id = 0;
  std::string recipient;  // body id
  std::string text;
  std::string error;  // the sender's last error ("no linked chat", "HTTP 500", ...)
};

struct EngineState {
  Plan plan;
  Rules rules;
  Calendar calendar;
  StateMap obligations;                  // recorded states by obligation id
  std::unordered_set<std::string> sent;  // send-log keys ever written
  std::optional<Instant> history_start;  // the first tick
  std::optional<Instant> last_tick;
  std::vector<FailedMessage> failed;  // unreported send failures, oldest first
  // Dated obligations outside the plan that tick() reminds and escalates like the others: the
  // open explanation requests (explanation_obligation()), which the service layer loads.
  std::vector<Obligation> extra;
};

// Applies a batch to an in-memory state exactly as a durable store would (keys never rewritten).
// Returns the messages actually new (a message whose send keys all existed is dropped).
std::vector<Message> apply_batch(EngineState& state, const Batch& batch);

}  // namespace dondoc
