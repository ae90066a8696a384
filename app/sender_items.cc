#include "app/sender_items.h"

#include <algorithm>

#include "bot/conversation.h"
#include "service/commune_bots.h"

namespace dondoc::app {
namespace {

bool is_nudge(const std::string& kind) { return kind == "reminder" || kind == "escalation"; }

void add_parts(Database& db, service::Deliveries& deliveries, Item& item, const ChatAddress& to,
               const std::string& text) {
  const ChatChannel* p = find_chat_channel(to.channel);
  if (p == nullptr) return;
  auto pieces = bot::split_text(text, p->max_units());
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    int index = static_cast<int>(i);
    if (deliveries.part_delivered(db, item.id, to, index)) continue;
    Part part{p, to.chat_id, to.group, index, pieces[i], {}};
    if (p->has_buttons() && is_nudge(item.kind) && i + 1 == pieces.size() && !item.task.empty()) {
      part.buttons = bot::nudge_buttons(item.task);
    }
    item.parts.push_back(std::move(part));
  }
}

}  // namespace

OutgoingPart outgoing(const Item& item, const Part& p) {
  // A commune bot's chat is stored "@<commune>:<id>"; the platform knows only its own id.
  return {service::split_commune_chat(p.chat_id).chat_id, p.text, p.buttons,
          item.source + "." + std::to_string(p.index)};
}

std::vector<Item> collect_due(Database& db, service::Deliveries& deliveries, Instant now,
                              const ServeConfig& config, int limit, const OutboxClaim* claim) {
  // The province's bot of the platform, or any commune's own bot on it.
  auto can_send = [&config](std::string_view channel) {
    const ChatChannel* p = find_chat_channel(channel);
    if (!p) return false;
    bool any = p->can_send(config.channel(p->id()));
    for (const auto& b : config.commune_bots)
      any = any || (b.channel == p->id() && p->can_send(b.settings));
    return any;
  };
  std::vector<Item> out;
  for (auto& m : deliveries.due(db, now, limit, can_send, config.sender.max_attempts, claim)) {
    Item item{service::delivery_source(m.id),
              m.id,
              m.answer(),
              m.attempts,
              m.message.task,
              std::string(to_string(m.message.kind)),
              m.message.callback_id,
              m.message.cycle,
              {}};
    item.due = m.message.not_before;
    for (const auto& chat : m.chats) add_parts(db, deliveries, item, chat, m.message.text);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace dondoc::app
