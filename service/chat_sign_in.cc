// "đăng nhập" from a linked chat: one message with a one-time link to the dashboard
// (service/accounts.h create_chat_sign_in), for service/chat_event.
#include <sodium.h>

#include "bot/templates_vi.h"
#include "service/accounts.h"
#include "service/chat_handling.h"

namespace dondoc::service::detail {
namespace {

bool system_random(std::vector<std::uint8_t>& bytes) {
  if (sodium_init() < 0) return false;
  randombytes_buf(bytes.data(), bytes.size());
  return true;
}

std::string sign_in_url(const std::string& base, const std::string& token) {
  std::string url = base;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/dang-nhap/" + token;
}

}  // namespace

std::string send_sign_in(Handling& h, const std::string& body) {
  const RandomBytes& random = h.options.random ? h.options.random : RandomBytes(system_random);
  auto token = create_chat_sign_in(h.db, body, h.now, random);
  if (!token) {
    h.answer("sign_in", MessageKind::link, bot::vi::sign_in_refused(token.error()), {}, body);
    return "sign_in_refused";
  }
  h.answer("sign_in", MessageKind::link,
           bot::vi::sign_in_link(sign_in_url(h.options.public_url, *token), kChatSignInMinutes,
                                 address(h)),
           {}, body);
  return "sign_in_sent";
}

}  // namespace dondoc::service::detail
