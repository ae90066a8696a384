// The generic JSON webhook, for any other chat system: events POSTed to /webhook/generic with
// X-Dondoc-Secret; messages (buttons included, as JSON) POSTed to the configured outbound_url,
// delivered on any 2xx, under our own message id. No polling, nothing to register.
#include "app/channels/channel.h"

namespace dondoc::app {
namespace {

using nlohmann::json;

class Generic final : public ChatChannel {
 public:
  bot::Channel id() const override { return bot::Channel::generic; }
  ConfigSpec config_spec() const override {
    ConfigSpec s;
    s.secret_key = "secret";
    s.secret_env = "DONDOC_GENERIC_SECRET";
    s.has_outbound_url = true;
    s.secret_always = true;
    return s;
  }

  std::size_t max_units() const override { return 60000; }
  bool has_buttons() const override { return true; }
  // Without an outbound_url its messages stay in the outbox.
  bool can_send(const ChannelConfig& c) const override {
    return c.enabled && !c.outbound_url.empty();
  }
  HttpRequest send_request(const ChannelConfig& c, const OutgoingPart& p) const override {
    HttpRequest r;
    r.url = c.outbound_url;
    r.body = bot::generic_outbound(p.message_id, p.chat_id, p.text, p.buttons).dump();
    return r;
  }
  bot::SendAnswer read_answer(const HttpResponse& r, const OutgoingPart& p) const override {
    bot::SendAnswer a;
    a.ok = r.error.empty() && r.status >= 200 && r.status < 300;
    if (a.ok) a.message_id = p.message_id;
    return a;
  }

  std::string secret_header() const override { return "x-dondoc-secret"; }
  Result<bot::InboundEvent> parse_webhook(const json& body) const override {
    return bot::parse_generic_event(body);
  }
};

}  // namespace

const ChatChannel& generic_channel() {
  static const Generic g;
  return g;
}

}  // namespace dondoc::app
