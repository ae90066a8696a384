// The platforms dondoc speaks, one line each, and what the interface does by default.
#include "app/channels/channel.h"

namespace dondoc::app {

const std::vector<const ChatChannel*>& chat_channels() {
  static const std::vector<const ChatChannel*> all = {
      &telegram_channel(),
      &zalo_channel(),
      &generic_channel(),
  };
  return all;
}

const ChatChannel& chat_channel(bot::Channel c) {
  for (const auto* ch : chat_channels()) {
    if (ch->id() == c) return *ch;
  }
  return generic_channel();  // every bot::Channel is registered above
}

const ChatChannel* find_chat_channel(std::string_view name) {
  auto id = bot::channel_from_string(name);
  return id ? &chat_channel(*id) : nullptr;
}

HttpRequest bot_api_request(const ChannelConfig& c, std::string_view method,
                            const nlohmann::json& body) {
  HttpRequest r;
  r.url = c.api_base + "/bot" + c.token + "/" + std::string(method);
  r.body = body.dump();
  return r;
}

bot::SendAnswer ChatChannel::read_answer(const HttpResponse& r, const OutgoingPart&) const {
  if (!r.error.empty()) return {};
  bot::SendAnswer a = bot::parse_send_answer(r.body);
  a.ok = a.ok && r.status >= 200 && r.status < 300;
  return a;
}

HttpRequest ChatChannel::poll_request(const ChannelConfig&, int, long long) const { return {}; }

std::vector<bot::InboundEvent> ChatChannel::read_updates(const nlohmann::json&, long long&) const {
  return {};
}

}  // namespace dondoc::app
