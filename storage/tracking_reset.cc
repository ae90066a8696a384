#include "storage/tracking_reset.h"

namespace dondoc {

std::int64_t reset_tracking(Database& db) {
  // The commune's chats first (the per-chat tables hold no commune), then its own rows.
  static const char* const kStatements[] = {
      "DELETE FROM inbound_events WHERE EXISTS (SELECT 1 FROM chat_links l WHERE l.commune = ?1 "
      "AND l.channel = inbound_events.channel AND l.chat_id = inbound_events.chat_id)",
      "DELETE FROM chat_notices WHERE EXISTS (SELECT 1 FROM chat_links l WHERE l.commune = ?1 "
      "AND l.channel = chat_notices.channel AND l.chat_id = chat_notices.chat_id)",
      "DELETE FROM chat_deliveries WHERE source IN (SELECT 'outbox:' || id FROM outbox WHERE "
      "commune = ?1) OR EXISTS (SELECT 1 FROM chat_links l WHERE l.commune = ?1 AND l.channel = "
      "chat_deliveries.channel AND l.chat_id = chat_deliveries.chat_id)",
      "DELETE FROM engine_obligations WHERE commune = ?1",
      "DELETE FROM outbox WHERE commune = ?1",
      "DELETE FROM send_log WHERE commune = ?1",
      "DELETE FROM engine_meta WHERE commune = ?1",
      "DELETE FROM link_codes WHERE commune = ?1",
      "DELETE FROM chat_links WHERE commune = ?1",
  };
  WriteTransaction tx(db);
  std::int64_t rows = 0;
  for (const char* sql : kStatements) {
    sql::Statement st(db.sql(), sql);
    st.bind(1, db.commune());
    rows += st.exec();
  }
  tx.commit();
  return rows;
}

}  // namespace dondoc
