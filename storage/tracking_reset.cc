#include "storage/tracking_reset.h"

namespace dondoc {

std::int64_t reset_tracking(Database& db) {
  static const char* const kTables[] = {"engine_obligations", "outbox",         "send_log",
                                        "engine_meta",        "inbound_events", "link_codes",
                                        "chat_links",         "chat_notices",   "chat_deliveries"};
  WriteTransaction tx(db);
  std::int64_t rows = 0;
  for (const char* table : kTables) rows += db.sql().exec(std::string("DELETE FROM ") + table);
  tx.commit();
  return rows;
}

}  // namespace dondoc
