#include "storage/chat_outbox.h"

#include <SQLiteCpp/Statement.h>

namespace dondoc {
namespace {

constexpr const char* kColumns =
    "id, key, channel, chat_id, is_group, text, task, buttons, callback_id, status, attempts, "
    "not_before, created_at, last_error";

ChatMessage read_row(SQLite::Statement& st) {
  ChatMessage m;
  m.id = st.getColumn(0).getInt64();
  m.key = st.getColumn(1).getString();
  m.channel = st.getColumn(2).getString();
  m.chat_id = st.getColumn(3).getString();
  m.group = st.getColumn(4).getInt() != 0;
  m.text = st.getColumn(5).getString();
  m.task = st.getColumn(6).getString();
  m.buttons = st.getColumn(7).getString();
  m.callback_id = st.getColumn(8).getString();
  m.status = st.getColumn(9).getString();
  m.attempts = st.getColumn(10).getInt();
  m.not_before = st.getColumn(11).getString();
  m.created_at = st.getColumn(12).getString();
  m.last_error = st.getColumn(13).getString();
  return m;
}

}  // namespace

bool queue_chat_message(Database& db, const ChatMessage& m) {
  auto& st = db.cached(
      "INSERT INTO chat_outbox(key, channel, chat_id, is_group, text, task, buttons, callback_id, "
      "not_before, created_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(key) DO NOTHING");
  st.bind(1, m.key);
  st.bind(2, m.channel);
  st.bind(3, m.chat_id);
  st.bind(4, m.group ? 1 : 0);
  st.bind(5, m.text);
  st.bind(6, m.task);
  st.bind(7, m.buttons);
  st.bind(8, m.callback_id);
  st.bind(9, m.not_before);
  st.bind(10, m.created_at);
  return st.exec() == 1;
}

std::vector<ChatMessage> due_chat_messages(Database& db, std::string_view now_iso, int limit) {
  SQLite::Statement st(db.sql(), std::string("SELECT ") + kColumns +
                                     " FROM chat_outbox WHERE status = 'pending' AND "
                                     "not_before <= ? ORDER BY not_before, id LIMIT ?");
  st.bind(1, std::string(now_iso));
  st.bind(2, limit);
  std::vector<ChatMessage> out;
  while (st.executeStep()) out.push_back(read_row(st));
  return out;
}

void mark_chat_sent(Database& db, std::int64_t id, std::string_view at_iso) {
  SQLite::Statement st(db.sql(),
                       "UPDATE chat_outbox SET status = 'sent', sent_at = ?, attempts = attempts "
                       "+ 1 WHERE id = ? AND status = 'pending'");
  st.bind(1, std::string(at_iso));
  st.bind(2, id);
  st.exec();
}

void mark_chat_retry(Database& db, std::int64_t id, std::string_view retry_at_iso, bool give_up,
                     std::string_view error) {
  SQLite::Statement st(db.sql(),
                       "UPDATE chat_outbox SET attempts = attempts + 1, not_before = ?, "
                       "last_error = ?, status = CASE WHEN ? THEN 'failed' ELSE status END "
                       "WHERE id = ? AND status = 'pending'");
  st.bind(1, std::string(retry_at_iso));
  st.bind(2, std::string(error.substr(0, 500)));
  st.bind(3, give_up ? 1 : 0);
  st.bind(4, id);
  st.exec();
}

std::vector<ChatMessage> chat_messages(Database& db, std::string_view chat_id) {
  SQLite::Statement st(db.sql(), std::string("SELECT ") + kColumns +
                                     " FROM chat_outbox WHERE ? = '' OR chat_id = ? ORDER BY id");
  st.bind(1, std::string(chat_id));
  st.bind(2, std::string(chat_id));
  std::vector<ChatMessage> out;
  while (st.executeStep()) out.push_back(read_row(st));
  return out;
}

std::int64_t pending_chat_messages(Database& db) {
  return db.sql()
      .execAndGet("SELECT COUNT(*) FROM chat_outbox WHERE status = 'pending'")
      .getInt64();
}

std::string next_chat_due(Database& db) {
  return db.sql()
      .execAndGet("SELECT COALESCE(MIN(not_before), '') FROM chat_outbox WHERE status = 'pending'")
      .getString();
}

}  // namespace dondoc
