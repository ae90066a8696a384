// Platform payloads, pure: Telegram / Zalo / generic webhook envelopes -> InboundEvent, the
// InboundEvent <-> JSON form kept in the inbound log, and the outbound request bodies
// (sendMessage, generic POST), with long texts split on UTF-8 boundaries. Any thread; no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules/result.h"

namespace dondoc::bot {

enum class Channel { telegram, zalo, generic };
std::string_view to_string(Channel c);
std::optional<Channel> channel_from_string(std::string_view s);

inline constexpr std::size_t kMaxTextBytes = 16 * 1024;  // longer inbound texts are cut
// Ids are never cut (two ids sharing a prefix would become one): an event carrying an id longer
// than this (event_id, chat_id, message_id, reply_to, callback id) is refused whole.
inline constexpr std::size_t kMaxIdBytes = 256;
inline constexpr std::size_t kTelegramMaxChars = 4096;
inline constexpr std::size_t kZaloMaxChars = 2000;
inline constexpr std::size_t kCallbackDataMaxBytes = 64;

// A file or photo sent with a message (a body's report): Telegram's file_id, Zalo's URL.
struct InboundFile {
  std::string ref;
  std::string name;  // "" when the platform gives none
  std::string mime;  // "" when unknown
};

// One thing a chat user did, whatever the platform.
struct InboundEvent {
  enum class Kind { message, button, other };
  Channel channel = Channel::generic;
  Kind kind = Kind::other;
  std::string event_key;  // unique per channel: telegram update_id, zalo chat:message_id, generic
  std::string chat_id;
  bool group = false;  // a group chat (pacing 20/min)
  std::string from_name;
  std::string text;           // message text (kind message)
  std::string reply_to;       // platform message id this message answers, may be empty
  std::string callback_id;    // Telegram callback_query id (kind button)
  std::string callback_data;  // button payload (kind button)
  long long update_id = -1;   // Telegram update_id (for the polling offset), else -1

  // A document or photo sent with the message (its caption is then `text`).
  std::vector<InboundFile> files;
};

nlohmann::json to_json(const InboundEvent& e);
// The same object as one JSON text, written directly: what the inbound log stores (the webhook's
// hot path; to_json(e).dump() built a whole JSON tree first). event_from_json reads it back.
std::string to_log_json(const InboundEvent& e);
Result<InboundEvent> event_from_json(const nlohmann::json& j);

// Envelope parsers. Wrong shape or an id over kMaxIdBytes -> error with a reason naming the field
// (HTTP 400). An update carrying nothing we handle (edited message, sticker, ...) gives
// Kind::other with its key, so it is acked only.
Result<InboundEvent> parse_telegram_update(const nlohmann::json& update);
// A Zalo webhook body {"ok":true,"result":{...}} or one element of getUpdates' result.
Result<InboundEvent> parse_zalo_event(const nlohmann::json& body);
// {"event_id","chat_id","from_name","text","reply_to"?}
Result<InboundEvent> parse_generic_event(const nlohmann::json& body);

// One inline button: label shown, data sent back (≤ 64 bytes).
struct Button {
  std::string label;
  std::string data;
};

// Splits text into parts of at most max_chars characters as the platforms count them, in UTF-16
// code units (a code point above U+FFFF, such as an emoji, counts 2), preferring line breaks, then
// spaces; never cuts a UTF-8 sequence. Empty text gives one empty part.
std::vector<std::string> split_text(std::string_view text, std::size_t max_chars);

// Request bodies. buttons go on the Telegram message as one row of an inline keyboard.
nlohmann::json telegram_send_message(std::string_view chat_id, std::string_view text,
                                     const std::vector<Button>& buttons);
nlohmann::json telegram_answer_callback(std::string_view callback_id, std::string_view text);
nlohmann::json zalo_send_message(std::string_view chat_id, std::string_view text);
nlohmann::json generic_outbound(std::string_view message_id, std::string_view chat_id,
                                std::string_view text, const std::vector<Button>& buttons);

// The platform's answer to sendMessage: ok + the message id it got, or the error and retry_after.
struct SendAnswer {
  bool ok = false;
  std::string message_id;
  int retry_after = 0;  // seconds, from parameters.retry_after (Telegram) or the same in Zalo
  std::string description;
};
SendAnswer parse_send_answer(std::string_view body);

}  // namespace dondoc::bot
