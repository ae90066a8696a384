#include "storage/chat_store.h"

#include "storage/code_hash.h"

namespace dondoc {
namespace {

// Reads the first column of the first row, then resets the statement (it may be a cached one,
// which must not keep a read open).
std::optional<std::string> first_string(sql::Statement& st) {
  std::optional<std::string> out;
  if (st.step()) out = st.column(0).text();
  st.reset();
  return out;
}

}  // namespace

bool insert_link_code(Database& db, const StoredLinkCode& code) {
  sql::Statement st(db.sql(),
                    "INSERT INTO link_codes(code_hash, body, created_at, expires_at, commune) "
                    "VALUES (?,?,?,?,?) ON CONFLICT(code_hash) DO NOTHING");
  st.bind(1, link_code_hash(code.code));
  st.bind(2, code.body);
  st.bind(3, code.created_at);
  st.bind(4, code.expires_at);
  st.bind(5, db.commune());
  return st.exec() == 1;
}

std::optional<StoredLinkCode> find_link_code(Database& db, std::string_view code) {
  const std::string hash = link_code_hash(code);
  sql::Statement st(db.sql(),
                    "SELECT code_hash, body, created_at, expires_at, used_at IS NOT NULL, "
                    "commune FROM link_codes WHERE code_hash = ?");
  st.bind(1, hash);
  if (!st.step() || !equal_in_constant_time(st.column(0).text(), hash)) {
    return std::nullopt;
  }
  return StoredLinkCode{std::string(code),   st.column(1).text(),        st.column(2).text(),
                        st.column(3).text(), st.column(4).as_int() != 0, st.column(5).as_int64()};
}

void mark_link_code_used(Database& db, std::string_view code, std::string_view used_by,
                         std::string_view at_iso) {
  sql::Statement st(db.sql(), "UPDATE link_codes SET used_at = ?, used_by = ? WHERE code_hash = ?");
  st.bind(1, std::string(at_iso));
  st.bind(2, std::string(used_by));
  st.bind(3, link_code_hash(code));
  st.exec();
}

std::optional<LinkAttemptsRow> find_link_attempts(Database& db, std::string_view channel,
                                                  std::string_view chat_id) {
  sql::Statement st(db.sql(),
                    "SELECT window_start, failures, throttled, COALESCE(explained_at, '') FROM "
                    "link_attempts WHERE channel = ? AND chat_id = ?");
  st.bind(1, std::string(channel));
  st.bind(2, std::string(chat_id));
  if (!st.step()) return std::nullopt;
  return LinkAttemptsRow{st.column(0).text(), st.column(1).as_int(), st.column(2).as_int(),
                         st.column(3).text()};
}

void save_link_attempts(Database& db, std::string_view channel, std::string_view chat_id,
                        const LinkAttemptsRow& row) {
  sql::Statement st(db.sql(),
                    "INSERT INTO link_attempts(channel, chat_id, window_start, failures, "
                    "throttled, explained_at) VALUES (?,?,?,?,?,NULLIF(?, '')) ON "
                    "CONFLICT(channel, chat_id) DO UPDATE SET window_start = "
                    "excluded.window_start, failures = excluded.failures, throttled = "
                    "excluded.throttled, explained_at = excluded.explained_at");
  st.bind(1, std::string(channel));
  st.bind(2, std::string(chat_id));
  st.bind(3, row.window_start);
  st.bind(4, row.failures);
  st.bind(5, row.throttled);
  st.bind(6, row.explained_at);
  st.exec();
}

void clear_link_attempts(Database& db, std::string_view channel, std::string_view chat_id) {
  sql::Statement st(db.sql(), "DELETE FROM link_attempts WHERE channel = ? AND chat_id = ?");
  st.bind(1, std::string(channel));
  st.bind(2, std::string(chat_id));
  st.exec();
}

void bind_chat(Database& db, const ChatRef& chat, std::string_view body, std::string_view from_name,
               std::string_view at_iso) {
  sql::Statement st(db.sql(),
                    "INSERT INTO chat_links(channel, chat_id, body, is_group, from_name, "
                    "linked_at, commune) VALUES (?,?,?,?,?,?,?) ON CONFLICT(channel, chat_id) "
                    "DO UPDATE SET body = excluded.body, is_group = excluded.is_group, "
                    "from_name = excluded.from_name, linked_at = excluded.linked_at, "
                    "commune = excluded.commune");
  st.bind(1, chat.channel);
  st.bind(2, chat.chat_id);
  st.bind(3, std::string(body));
  st.bind(4, chat.group ? 1 : 0);
  st.bind(5, std::string(from_name));
  st.bind(6, std::string(at_iso));
  st.bind(7, db.commune());
  st.exec();
}

std::optional<ChatLink> chat_link(Database& db, std::string_view channel,
                                  std::string_view chat_id) {
  auto& st = db.cached("SELECT commune, body FROM chat_links WHERE channel = ? AND chat_id = ?");
  st.bind(1, std::string(channel));
  st.bind(2, std::string(chat_id));
  std::optional<ChatLink> out;
  if (st.step()) out = ChatLink{st.column(0).as_int64(), st.column(1).text()};
  st.reset();
  return out;
}

std::optional<std::string> chat_body(Database& db, std::string_view channel,
                                     std::string_view chat_id) {
  auto& st =
      db.cached("SELECT body FROM chat_links WHERE channel = ? AND chat_id = ? AND commune = ?");
  st.bind(1, std::string(channel));
  st.bind(2, std::string(chat_id));
  st.bind(3, db.commune());
  return first_string(st);
}

int linked_chat_count(Database& db) {
  sql::Statement st(db.sql(), "SELECT COUNT(*) FROM chat_links WHERE commune = ?");
  st.bind(1, db.commune());
  return st.step() ? st.column(0).as_int() : 0;
}

std::vector<ChatRef> chats_of_body(Database& db, std::string_view body) {
  sql::Statement st(db.sql(),
                    "SELECT channel, chat_id, is_group FROM chat_links WHERE commune = ? AND "
                    "body = ? ORDER BY linked_at, channel, chat_id");
  st.bind(1, db.commune());
  st.bind(2, std::string(body));
  std::vector<ChatRef> out;
  while (st.step()) {
    out.push_back(ChatRef{st.column(0).text(), st.column(1).text(), st.column(2).as_int() != 0});
  }
  return out;
}

std::optional<std::string> last_notice(Database& db, std::string_view channel,
                                       std::string_view chat_id) {
  auto& st = db.cached("SELECT last_at FROM chat_notices WHERE channel = ? AND chat_id = ?");
  st.bind(1, std::string(channel));
  st.bind(2, std::string(chat_id));
  return first_string(st);
}

void set_last_notice(Database& db, std::string_view channel, std::string_view chat_id,
                     std::string_view at_iso) {
  auto& st = db.cached(
      "INSERT INTO chat_notices(channel, chat_id, last_at) VALUES (?,?,?) ON "
      "CONFLICT(channel, chat_id) DO UPDATE SET last_at = excluded.last_at");
  st.bind(1, std::string(channel));
  st.bind(2, std::string(chat_id));
  st.bind(3, std::string(at_iso));
  st.exec();
}

void record_delivery(Database& db, const Delivery& d) {
  sql::Statement st(db.sql(),
                    "INSERT INTO chat_deliveries(source, channel, chat_id, part, "
                    "platform_message_id, task, kind, sent_at, cycle) VALUES "
                    "(?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING");
  st.bind(1, d.source);
  st.bind(2, d.channel);
  st.bind(3, d.chat_id);
  st.bind(4, d.part);
  st.bind(5, d.platform_message_id);
  st.bind(6, d.task);
  st.bind(7, d.kind);
  st.bind(8, d.sent_at);
  st.bind(9, d.cycle);
  st.exec();
}

bool delivered(Database& db, std::string_view source, std::string_view channel,
               std::string_view chat_id, int part) {
  sql::Statement st(db.sql(),
                    "SELECT 1 FROM chat_deliveries WHERE source = ? AND channel = ? AND "
                    "chat_id = ? AND part = ?");
  st.bind(1, std::string(source));
  st.bind(2, std::string(channel));
  st.bind(3, std::string(chat_id));
  st.bind(4, part);
  return st.step();
}

namespace {

std::optional<NudgeRef> first_nudge(sql::Statement& st) {
  if (!st.step()) return std::nullopt;
  return NudgeRef{st.column(0).text(), st.column(1).text()};
}

}  // namespace

std::optional<NudgeRef> nudge_of_message(Database& db, std::string_view channel,
                                         std::string_view chat_id,
                                         std::string_view platform_message_id) {
  if (platform_message_id.empty()) return std::nullopt;
  sql::Statement st(db.sql(),
                    "SELECT task, cycle FROM chat_deliveries WHERE channel = ? AND chat_id = ? "
                    "AND platform_message_id = ? AND (task <> '' OR cycle <> '') LIMIT 1");
  st.bind(1, std::string(channel));
  st.bind(2, std::string(chat_id));
  st.bind(3, std::string(platform_message_id));
  return first_nudge(st);
}

std::optional<NudgeRef> recent_nudge(Database& db, std::string_view channel,
                                     std::string_view chat_id, std::string_view since_iso) {
  sql::Statement st(
      db.sql(),
      "SELECT task, cycle FROM chat_deliveries WHERE channel = ? AND chat_id = ? "
      "AND sent_at >= ? AND (task <> '' OR cycle <> '') AND kind IN "
      "('reminder','escalation') ORDER BY sent_at DESC, source DESC, part DESC LIMIT 1");
  st.bind(1, std::string(channel));
  st.bind(2, std::string(chat_id));
  st.bind(3, std::string(since_iso));
  return first_nudge(st);
}

}  // namespace dondoc
