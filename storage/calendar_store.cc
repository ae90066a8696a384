#include "storage/calendar_store.h"

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace dondoc {

std::vector<CalendarOverride> load_calendar_overrides(Database& db) {
  std::vector<CalendarOverride> out;
  // The nation's days (kNoCommune) and the commune's own; on one date the commune's wins.
  sql::Statement st(db.sql(),
                    "SELECT date, kind, name FROM calendar_overrides o WHERE commune IN (0, ?1) "
                    "AND NOT (commune = 0 AND ?1 <> 0 AND EXISTS (SELECT 1 FROM "
                    "calendar_overrides c WHERE c.commune = ?1 AND c.date = o.date)) "
                    "ORDER BY date");
  st.bind(1, db.commune());
  while (st.step()) {
    std::string date = st.column(0).text();
    auto parsed = parse_date(date);
    if (!parsed) {
      throw std::runtime_error("calendar_overrides: ngày không hợp lệ trong cơ sở dữ liệu: " +
                               date);
    }
    CalendarOverride o;
    o.date = *parsed;
    o.kind =
        st.column(1).text() == "work" ? CalendarOverride::Kind::work : CalendarOverride::Kind::off;
    o.name = st.column(2).text();
    out.push_back(std::move(o));
  }
  return out;
}

void save_calendar_overrides(Database& db, const std::vector<CalendarOverride>& batch,
                             std::string_view source_file, std::string_view at_iso) {
  WriteTransaction tx(db);
  sql::Statement st(
      db.sql(),
      "INSERT INTO calendar_overrides(date, kind, name, commune) VALUES (?,?,?,?) "
      "ON CONFLICT(commune, date) DO UPDATE SET kind = excluded.kind, name = excluded.name");
  for (const auto& o : batch) {
    st.bind(1, format_date(o.date));
    st.bind(2, o.kind == CalendarOverride::Kind::work ? "work" : "off");
    st.bind(3, o.name);
    st.bind(4, db.commune());
    st.exec();
    st.reset();
  }
  nlohmann::json detail = {{"count", batch.size()}, {"file", std::string(source_file)}};
  db.audit("calendar_import", "calendar", source_file,
           detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), at_iso);
  tx.commit();
}

}  // namespace dondoc
