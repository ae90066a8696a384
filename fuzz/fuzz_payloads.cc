// libFuzzer target: the webhook payload parsers (Telegram, Zalo, generic), the inbound-log JSON
// round trip (tree and hand-written line) and the sendMessage answer parser, on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/payloads.h"

namespace {

void round_trip(const dondoc::Result<dondoc::bot::InboundEvent>& e) {
  if (!e.ok()) return;
  auto back = dondoc::bot::event_from_json(dondoc::bot::to_json(*e));
  if (!back.ok() || back->event_key != e->event_key || back->text != e->text) std::abort();
  if (e->text.size() > dondoc::bot::kMaxTextBytes) std::abort();
  if (e->chat_id.size() > dondoc::bot::kMaxIdBytes) std::abort();  // refused, never cut
  // The log line is written by hand: it must parse back to exactly what to_json describes.
  auto line = nlohmann::json::parse(dondoc::bot::to_log_json(*e), nullptr, false);
  if (line.is_discarded() || line != dondoc::bot::to_json(*e)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)dondoc::bot::parse_send_answer(text);
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return 0;
  round_trip(dondoc::bot::parse_telegram_update(j));
  round_trip(dondoc::bot::parse_zalo_event(j));
  round_trip(dondoc::bot::parse_generic_event(j));
  (void)dondoc::bot::event_from_json(j);
  if (j.is_string()) {
    for (auto part : dondoc::bot::split_text(j.get<std::string>(), 7)) {
      if (part.size() > 7 * 4) std::abort();
    }
  }
  return 0;
}
