#include "storage/inbound_log.h"

#include <algorithm>
#include <map>

namespace dondoc {

std::optional<std::int64_t> insert_inbound(Database& db, const InboundRow& row) {
  auto& st = db.cached(
      "INSERT INTO inbound_events(channel, event_key, chat_id, received_at, payload) VALUES "
      "(?,?,?,?,?) ON CONFLICT(channel, event_key) DO NOTHING RETURNING seq");
  st.bind(1, row.channel);
  st.bind(2, row.event_key);
  st.bind(3, row.chat_id);
  st.bind(4, row.received_at);
  st.bind(5, row.payload);
  return returned_id(st);
}

std::vector<InboundRow> unhandled_inbound(Database& db, int limit) {
  auto& st = db.cached(
      "SELECT seq, channel, event_key, chat_id, received_at, payload FROM inbound_events WHERE "
      "handled_at IS NULL ORDER BY seq LIMIT ?");
  st.bind(1, limit);
  std::vector<InboundRow> rows;
  while (st.step()) {
    rows.push_back(InboundRow{st.column(0).as_int64(), st.column(1).text(), st.column(2).text(),
                              st.column(3).text(), st.column(4).text(), st.column(5).text()});
  }
  st.reset();
  return rows;
}

bool inbound_unhandled(Database& db, std::int64_t seq) {
  auto& st = db.cached("SELECT 1 FROM inbound_events WHERE seq = ? AND handled_at IS NULL");
  st.bind(1, seq);
  bool found = st.step();
  st.reset();
  return found;
}

std::vector<std::int64_t> inbound_unhandled_among(Database& db, std::vector<std::int64_t> seqs) {
  std::sort(seqs.begin(), seqs.end());
  seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
  std::vector<std::int64_t> out;
  if (seqs.empty()) return out;
  // One range query reads the unhandled events between the first and the last seq (the partial
  // index holds only unhandled ones); when the range is much wider than the batch (other events
  // in between, not ours), the events are looked up one by one, so a batch never reads more.
  auto span = static_cast<std::uint64_t>(seqs.back()) - static_cast<std::uint64_t>(seqs.front());
  if (span > 4 * seqs.size() + 64) {
    for (auto seq : seqs) {
      if (inbound_unhandled(db, seq)) out.push_back(seq);
    }
    return out;
  }
  auto& st = db.cached(
      "SELECT seq FROM inbound_events WHERE handled_at IS NULL AND seq >= ? AND seq <= ? ORDER "
      "BY seq");
  st.bind(1, seqs.front());
  st.bind(2, seqs.back());
  while (st.step()) {
    auto seq = st.column(0).as_int64();
    if (std::binary_search(seqs.begin(), seqs.end(), seq)) out.push_back(seq);
  }
  st.reset();
  return out;
}

void mark_inbound_handled(Database& db, std::int64_t seq, std::string_view outcome,
                          std::string_view at_iso) {
  auto& st = db.cached("UPDATE inbound_events SET handled_at = ?, outcome = ? WHERE seq = ?");
  st.bind(1, std::string(at_iso));
  st.bind(2, std::string(outcome));
  st.bind(3, seq);
  st.exec();
}

void mark_inbound_handled_all(Database& db, const std::vector<HandledMark>& marks,
                              std::string_view at_iso) {
  if (db.dialect() != sql::Dialect::postgresql) {
    for (const auto& m : marks) mark_inbound_handled(db, m.seq, m.outcome, at_iso);
    return;
  }
  // One UPDATE per outcome (a batch has a few). "handled_at IS NULL" (true of every event of a
  // batch) lets it use the small partial index: a generic plan of "seq = ANY(…)" alone, cached
  // while the table was small, kept scanning the whole table as it grew (35 ms at 50 000 rows).
  std::map<std::int64_t, std::string_view> last;  // the last outcome of each event
  for (const auto& m : marks) last[m.seq] = m.outcome;
  std::map<std::string_view, std::string> seqs_of;  // outcome -> its events as an array literal
  for (const auto& [seq, outcome] : last) {
    std::string& seqs = seqs_of[outcome];
    seqs += (seqs.empty() ? "{" : ",") + std::to_string(seq);
  }
  for (auto& [outcome, seqs] : seqs_of) {
    auto& st = db.cached(
        "UPDATE inbound_events SET handled_at = ?, outcome = ? WHERE handled_at IS NULL AND seq = "
        "ANY(CAST(? AS BIGINT[]))");
    st.bind(1, std::string(at_iso));
    st.bind(2, std::string(outcome));
    st.bind(3, seqs + "}");
    st.exec();
  }
}

void replace_inbound_payload(Database& db, std::int64_t seq, std::string_view payload) {
  sql::Statement st(db.sql(), "UPDATE inbound_events SET payload = ? WHERE seq = ?");
  st.bind(1, std::string(payload));
  st.bind(2, seq);
  st.exec();
}

std::int64_t inbound_count(Database& db) {
  return db.sql().exec_and_get("SELECT COUNT(*) FROM inbound_events").as_int64();
}

bool inbound_exists(Database& db, std::string_view channel, std::string_view event_key) {
  sql::Statement st(db.sql(), "SELECT 1 FROM inbound_events WHERE channel = ? AND event_key = ?");
  st.bind(1, std::string(channel));
  st.bind(2, std::string(event_key));
  return st.step();
}

}  // namespace dondoc
