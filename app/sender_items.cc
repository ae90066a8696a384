#include "app/sender_items.h"

#include <algorithm>

#include "bot/conversation.h"
#include "storage/chat_store.h"
#include "storage/engine_store.h"

namespace dondoc::app {
namespace {

bool is_nudge(const std::string& kind) { return kind == "reminder" || kind == "escalation"; }

struct Destination {
  const ChatChannel* platform;
  ChatRef chat;
};

// Where a row goes: its one chat, or its recipient's linked chats; those whose platform can send.
std::vector<Destination> destinations(Database& db, const Message& m, const ServeConfig& config) {
  std::vector<ChatRef> chats;
  if (m.chat) {
    chats.push_back({m.chat->channel, m.chat->chat_id, m.chat->group});
  } else {
    chats = chats_of_body(db, m.recipient);
  }
  std::vector<Destination> out;
  for (auto& c : chats) {
    const ChatChannel* p = find_chat_channel(c.channel);
    if (p && p->can_send(config.channel(p->id()))) out.push_back({p, std::move(c)});
  }
  return out;
}

void add_parts(Database& db, Item& item, const Destination& to, std::string text) {
  const ChatChannel& p = *to.platform;
  bool nudge = is_nudge(item.kind);
  if (nudge) text += p.nudge_hint();
  auto pieces = bot::split_text(text, p.max_units());
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    int index = static_cast<int>(i);
    if (delivered(db, item.source, to.chat.channel, to.chat.chat_id, index)) continue;
    Part part{&p, to.chat.chat_id, to.chat.group, index, pieces[i], {}};
    if (p.has_buttons() && nudge && i + 1 == pieces.size() && !item.task.empty()) {
      part.buttons = bot::nudge_buttons(item.task);
    }
    item.parts.push_back(std::move(part));
  }
}

}  // namespace

OutgoingPart outgoing(const Item& item, const Part& p) {
  return {p.chat_id, p.text, p.buttons, item.source + "." + std::to_string(p.index)};
}

std::vector<Item> collect_due(Database& db, Instant now, const ServeConfig& config, int limit) {
  SqliteEngineStore store(db);
  std::vector<Item> out;
  for (const auto& row : store.due(now, limit)) {
    auto to = destinations(db, row.message, config);
    if (to.empty() && row.message.chat) {  // its platform is off: kept, looked at in an hour
      store.postpone(row.id, now + std::chrono::hours(1), "channel not configured");
      continue;
    }
    if (to.empty()) {  // nobody to deliver to yet: look again in an hour
      bool give_up = row.attempts + 1 >= config.sender.max_attempts;
      store.mark_retry(row.id, now + std::chrono::hours(1), give_up, "no linked chat");
      continue;
    }
    Item item{"outbox:" + std::to_string(row.id),
              row.id,
              row.attempts,
              row.message.task,
              std::string(to_string(row.message.kind)),
              row.message.callback_id,
              {}};
    for (const auto& d : to) add_parts(db, item, d, row.message.text);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace dondoc::app
