#include "bot/payloads.h"

#include <algorithm>
#include <initializer_list>

#include "rules/text.h"

namespace dondoc::bot {
namespace {

using nlohmann::json;

// An id the platform may send as a number or a string, whole; empty when absent or of another
// type. The callers refuse one over kMaxIdBytes (oversized_id), never cut it.
std::string id_string(const json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_unsigned()) return std::to_string(it->get<unsigned long long>());
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return {};
}

struct NamedId {
  const char* field;
  const std::string& value;
};

// The error naming the first id over kMaxIdBytes; nullopt when every id is within it.
std::optional<std::string> oversized_id(std::initializer_list<NamedId> ids) {
  for (const auto& id : ids) {
    if (id.value.size() <= kMaxIdBytes) continue;
    return std::string(id.field) + " too long (" + std::to_string(id.value.size()) +
           " bytes, at most " + std::to_string(kMaxIdBytes) + "): refused, ids are never cut";
  }
  return std::nullopt;
}

std::string str_field(const json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

// Bounds a user text and makes it valid NFC UTF-8.
std::string clean_text(std::string_view s) {
  return text::nfc(text::utf8_prefix(s, kMaxTextBytes));
}

std::string telegram_name(const json& from) {
  std::string name = str_field(from, "first_name");
  std::string last = str_field(from, "last_name");
  if (!last.empty()) name += (name.empty() ? "" : " ") + last;
  if (name.empty()) name = str_field(from, "username");
  return clean_text(name);
}

void fill_telegram_chat(const json& message, InboundEvent& e) {
  const json& chat = message.contains("chat") ? message["chat"] : json::object();
  e.chat_id = id_string(chat, "id");
  std::string type = str_field(chat, "type");
  e.group = type == "group" || type == "supergroup";
}

}  // namespace

std::string_view to_string(Channel c) {
  switch (c) {
    case Channel::telegram:
      return "telegram";
    case Channel::zalo:
      return "zalo";
    case Channel::generic:
      return "generic";
  }
  return "generic";
}

std::optional<Channel> channel_from_string(std::string_view s) {
  if (s == "telegram") return Channel::telegram;
  if (s == "zalo") return Channel::zalo;
  if (s == "generic") return Channel::generic;
  return std::nullopt;
}

namespace {
std::string_view kind_name(InboundEvent::Kind k) {
  switch (k) {
    case InboundEvent::Kind::message:
      return "message";
    case InboundEvent::Kind::button:
      return "button";
    case InboundEvent::Kind::other:
      return "other";
  }
  return "other";
}
}  // namespace

namespace {

json files_json(const std::vector<InboundFile>& files) {
  json out = json::array();
  for (const auto& f : files) out.push_back({{"ref", f.ref}, {"name", f.name}, {"mime", f.mime}});
  return out;
}

// Telegram's document, or the largest size of its photo; the caption is the text.
void fill_telegram_files(const json& m, InboundEvent& e) {
  if (auto d = m.find("document"); d != m.end() && d->is_object()) {
    e.files.push_back({str_field(*d, "file_id"), clean_text(str_field(*d, "file_name")),
                       str_field(*d, "mime_type")});
  }
  if (auto p = m.find("photo"); p != m.end() && p->is_array() && !p->empty()) {
    e.files.push_back({str_field(p->back(), "file_id"), "", "image/jpeg"});
  }
  std::erase_if(e.files, [](const InboundFile& f) { return f.ref.empty(); });
  if (e.files.empty()) return;
  e.kind = InboundEvent::Kind::message;
  if (e.text.empty()) e.text = clean_text(str_field(m, "caption"));
}

}  // namespace

json to_json(const InboundEvent& e) {
  json j{{"channel", to_string(e.channel)},
         {"kind", kind_name(e.kind)},
         {"event_key", e.event_key},
         {"chat_id", e.chat_id},
         {"group", e.group},
         {"from_name", e.from_name},
         {"text", e.text},
         {"reply_to", e.reply_to},
         {"callback_id", e.callback_id},
         {"callback_data", e.callback_data},
         {"update_id", e.update_id}};
  if (!e.files.empty()) j["files"] = files_json(e.files);  // as to_log_json writes it
  return j;
}

namespace {

// Appends value as a JSON string. Every field of an event is valid UTF-8 (it comes out of a parsed
// JSON text or text::nfc), so only quotes, backslashes and control characters need escaping.
void append_json_string(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20) {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  out += '"';
}

}  // namespace

std::string to_log_json(const InboundEvent& e) {
  std::string out;
  out.reserve(160 + e.text.size() + e.from_name.size());
  auto add = [&out](std::string_view key, std::string_view value) {
    out += out.empty() ? "{\"" : ",\"";
    out += key;
    out += "\":";
    append_json_string(out, value);
  };
  add("channel", to_string(e.channel));
  add("kind", kind_name(e.kind));
  add("event_key", e.event_key);
  add("chat_id", e.chat_id);
  out += e.group ? ",\"group\":true" : ",\"group\":false";
  add("from_name", e.from_name);
  add("text", e.text);
  add("reply_to", e.reply_to);
  add("callback_id", e.callback_id);
  add("callback_data", e.callback_data);
  out += ",\"update_id\":" + std::to_string(e.update_id);
  if (!e.files.empty()) out += ",\"files\":" + files_json(e.files).dump();
  out += "}";
  return out;
}

Result<InboundEvent> event_from_json(const json& j) {
  if (!j.is_object()) return Result<InboundEvent>::fail("event is not an object");
  InboundEvent e;
  auto channel = channel_from_string(str_field(j, "channel"));
  if (!channel) return Result<InboundEvent>::fail("event has no valid channel");
  e.channel = *channel;
  std::string kind = str_field(j, "kind");
  e.kind = kind == "message"  ? InboundEvent::Kind::message
           : kind == "button" ? InboundEvent::Kind::button
                              : InboundEvent::Kind::other;
  e.event_key = str_field(j, "event_key");
  e.chat_id = str_field(j, "chat_id");
  e.group = j.value("group", false);
  e.from_name = str_field(j, "from_name");
  e.text = str_field(j, "text");
  e.reply_to = str_field(j, "reply_to");
  e.callback_id = str_field(j, "callback_id");
  e.callback_data = str_field(j, "callback_data");
  e.update_id = j.value("update_id", -1LL);
  if (auto f = j.find("files"); f != j.end() && f->is_array()) {
    for (const auto& x : *f)
      if (x.is_object())
        e.files.push_back({str_field(x, "ref"), str_field(x, "name"), str_field(x, "mime")});
  }
  return e;
}

Result<InboundEvent> parse_telegram_update(const json& update) {
  if (!update.is_object()) return Result<InboundEvent>::fail("update is not a JSON object");
  auto uid = update.find("update_id");
  if (uid == update.end() || !uid->is_number_integer()) {
    return Result<InboundEvent>::fail("update_id missing or not an integer");
  }
  InboundEvent e;
  e.channel = Channel::telegram;
  e.update_id = uid->get<long long>();
  e.event_key = std::to_string(e.update_id);
  if (auto m = update.find("message"); m != update.end() && m->is_object()) {
    fill_telegram_chat(*m, e);
    e.from_name = telegram_name(m->value("from", json::object()));
    if (m->contains("text") && (*m)["text"].is_string()) {
      e.kind = InboundEvent::Kind::message;
      e.text = clean_text((*m)["text"].get<std::string>());
      if (auto r = m->find("reply_to_message"); r != m->end())
        e.reply_to = id_string(*r, "message_id");
    }
    fill_telegram_files(*m, e);
    if (auto r = m->find("reply_to_message"); r != m->end() && e.reply_to.empty())
      e.reply_to = id_string(*r, "message_id");
  } else if (auto q = update.find("callback_query"); q != update.end() && q->is_object()) {
    e.kind = InboundEvent::Kind::button;
    e.callback_id = id_string(*q, "id");
    e.callback_data = std::string(text::utf8_prefix(str_field(*q, "data"), kCallbackDataMaxBytes));
    e.from_name = telegram_name(q->value("from", json::object()));
    const json msg = q->value("message", json::object());
    fill_telegram_chat(msg, e);
    e.reply_to = id_string(msg, "message_id");
    if (e.callback_id.empty()) return Result<InboundEvent>::fail("callback_query.id missing");
  }
  if (e.kind != InboundEvent::Kind::other && e.chat_id.empty()) {
    return Result<InboundEvent>::fail("message.chat.id missing");
  }
  if (auto too_long = oversized_id({{"chat.id", e.chat_id},
                                    {"callback_query.id", e.callback_id},
                                    {"message_id", e.reply_to}})) {
    return Result<InboundEvent>::fail(*too_long);
  }
  return e;
}

namespace {

// The last path segment of a URL when it looks like a file name ("anh.jpg"), else "".
std::string url_file_name(const std::string& url) {
  std::string path = url.substr(0, url.find_first_of("?#"));
  auto slash = path.rfind('/');
  std::string last = slash == std::string::npos ? path : path.substr(slash + 1);
  return last.find('.') != std::string::npos && last.size() <= 128 ? last : std::string();
}

// Zalo Bot Platform's image message (bot.zaloplatforms.com/docs/webhook): event_name
// "message.image.received", the image's URL on Zalo's CDN in message.photo_url (some SDKs read
// message.photo: both are accepted), its caption in message.caption. The platform names no file
// and no MIME type, and sends a bot no other file kind (stickers carry a URL too, but are not a
// report's file). Fields as read by the openclaw Zalo extension (extensions/zalo/src/api.ts,
// ZaloMessage) and Zalo bot SDK docs; the Official Account API's user_send_image/user_send_file
// with message.attachments[].payload.url is a different platform dondoc does not connect to.
void fill_zalo_photo(const json& m, InboundEvent& e) {
  std::string url = str_field(m, "photo_url");
  if (url.empty()) url = str_field(m, "photo");
  if (url.empty()) return;
  e.kind = InboundEvent::Kind::message;
  e.files.push_back({url, url_file_name(url), ""});
  if (e.text.empty()) e.text = clean_text(str_field(m, "caption"));
}

}  // namespace

Result<InboundEvent> parse_zalo_event(const json& body) {
  if (!body.is_object()) return Result<InboundEvent>::fail("body is not a JSON object");
  const json& r = body.contains("result") ? body["result"] : body;
  if (!r.is_object()) return Result<InboundEvent>::fail("result is not an object");
  auto m = r.find("message");
  if (m == r.end() || !m->is_object()) return Result<InboundEvent>::fail("result.message missing");
  InboundEvent e;
  e.channel = Channel::zalo;
  const json chat = m->value("chat", json::object());
  e.chat_id = id_string(chat, "id");
  e.group = str_field(chat, "chat_type") == "GROUP";
  std::string message_id = id_string(*m, "message_id");
  if (e.chat_id.empty()) return Result<InboundEvent>::fail("message.chat.id missing");
  if (message_id.empty()) return Result<InboundEvent>::fail("message.message_id missing");
  if (auto too_long =
          oversized_id({{"message.chat.id", e.chat_id}, {"message.message_id", message_id}})) {
    return Result<InboundEvent>::fail(*too_long);
  }
  e.event_key = e.chat_id + ":" + message_id;
  e.from_name = clean_text(str_field(m->value("from", json::object()), "display_name"));
  std::string event_name = str_field(r, "event_name");
  if ((event_name.empty() || event_name == "message.text.received") && m->contains("text") &&
      (*m)["text"].is_string()) {
    e.kind = InboundEvent::Kind::message;
    e.text = clean_text((*m)["text"].get<std::string>());
  }
  if (event_name == "message.image.received") fill_zalo_photo(*m, e);
  return e;
}

Result<InboundEvent> parse_generic_event(const json& body) {
  if (!body.is_object()) return Result<InboundEvent>::fail("body is not a JSON object");
  InboundEvent e;
  e.channel = Channel::generic;
  e.kind = InboundEvent::Kind::message;
  e.event_key = id_string(body, "event_id");
  e.chat_id = id_string(body, "chat_id");
  if (e.event_key.empty()) return Result<InboundEvent>::fail("event_id missing (string)");
  if (e.chat_id.empty()) return Result<InboundEvent>::fail("chat_id missing (string)");
  auto t = body.find("text");
  if (t == body.end() || !t->is_string())
    return Result<InboundEvent>::fail("text missing (string)");
  e.text = clean_text(t->get<std::string>());
  e.from_name = clean_text(str_field(body, "from_name"));
  e.reply_to = id_string(body, "reply_to");
  if (auto too_long = oversized_id(
          {{"event_id", e.event_key}, {"chat_id", e.chat_id}, {"reply_to", e.reply_to}})) {
    return Result<InboundEvent>::fail(*too_long);
  }
  return e;
}

std::vector<std::string> split_text(std::string_view text, std::size_t max_chars) {
  std::vector<std::string> parts;
  max_chars = std::max<std::size_t>(max_chars, 1);
  while (true) {
    std::string_view head = dondoc::text::utf16_prefix(text, max_chars);
    if (head.empty()) head = dondoc::text::utf16_prefix(text, 2);  // one code point over the limit
    if (head.size() == text.size()) {
      parts.emplace_back(text);
      return parts;
    }
    // Cut after the last line break, else after the last space, else where the limit falls.
    auto nl = head.rfind('\n');
    auto sp = head.rfind(' ');
    std::size_t cut = nl != std::string_view::npos   ? nl + 1
                      : sp != std::string_view::npos ? sp + 1
                                                     : head.size();
    parts.emplace_back(text.substr(0, cut));
    text.remove_prefix(cut);
  }
}

json telegram_send_message(std::string_view chat_id, std::string_view text,
                           const std::vector<Button>& buttons) {
  json j{{"chat_id", chat_id}, {"text", text}};
  if (!buttons.empty()) {
    json row = json::array();
    for (const auto& b : buttons) row.push_back({{"text", b.label}, {"callback_data", b.data}});
    j["reply_markup"] = {{"inline_keyboard", json::array({row})}};
  }
  return j;
}

json telegram_answer_callback(std::string_view callback_id, std::string_view text) {
  return json{{"callback_query_id", callback_id}, {"text", text}};
}

json zalo_send_message(std::string_view chat_id, std::string_view text) {
  return json{{"chat_id", chat_id}, {"text", text}};
}

json generic_outbound(std::string_view message_id, std::string_view chat_id, std::string_view text,
                      const std::vector<Button>& buttons) {
  json j{{"message_id", message_id}, {"chat_id", chat_id}, {"text", text}};
  if (!buttons.empty()) {
    j["buttons"] = json::array();
    for (const auto& b : buttons) j["buttons"].push_back({{"label", b.label}, {"data", b.data}});
  }
  return j;
}

SendAnswer parse_send_answer(std::string_view body) {
  SendAnswer a;
  json j = json::parse(body, nullptr, false);
  if (!j.is_object()) {
    a.description = "answer is not JSON";
    return a;
  }
  // The platform's answer is untrusted input: read a field only when it has the expected type.
  auto ok = j.find("ok");
  a.ok = ok != j.end() && ok->is_boolean() && ok->get<bool>();
  a.description = str_field(j, "description");
  if (auto p = j.find("parameters"); p != j.end() && p->is_object()) {
    auto ra = p->find("retry_after");
    if (ra != p->end() && ra->is_number_integer() && ra->get<long long>() > 0) {
      a.retry_after = static_cast<int>(std::min<long long>(ra->get<long long>(), 86400));
    }
  }
  if (auto r = j.find("result"); r != j.end() && r->is_object()) {
    a.message_id = id_string(*r, "message_id");
    if (a.message_id.size() > kMaxIdBytes) a.message_id.clear();  // kept whole or not at all
  }
  return a;
}

}  // namespace dondoc::bot
