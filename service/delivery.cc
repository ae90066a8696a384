#include "service/delivery.h"

#include "engine/scheduler.h"
#include "rules/rules_file.h"
#include "storage/calendar_store.h"
#include "storage/chat_store.h"
#include "storage/engine_store.h"
#include "storage/rules_store.h"

namespace dondoc::service {
namespace {

constexpr std::chrono::minutes kWindowReload{10};

std::vector<ChatAddress> chats_of(Database& db, const Message& m) {
  if (m.chat) return {*m.chat};
  std::vector<ChatAddress> out;
  for (auto& c : chats_of_body(db, m.recipient)) out.push_back({c.channel, c.chat_id, c.group});
  return out;
}

}  // namespace

std::string delivery_source(std::int64_t message_id) {
  return "outbox:" + std::to_string(message_id);
}

const Deliveries::Window& Deliveries::window(Database& db, Instant now) {
  int version = active_rules_version(db);
  auto& w = windows_[db.commune()];
  if (w.loaded && version == w.rules_version && now - w.loaded_at < kWindowReload) return w;
  OfficeHours hours;
  if (auto stored = active_rules_text(db)) {
    auto parsed = parse_rules(stored->text);
    if (parsed.ok()) hours = parsed.rules->office_hours;
  }
  w = Window{hours, Calendar(load_calendar_overrides(db)), true, version, now};
  return w;
}

Instant Deliveries::deliverable_at(Database& db, Instant t, bool answer) {
  if (answer) return t;
  const Window& w = window(db, t);
  return defer_into_office_hours(t, w.hours, w.calendar);
}

std::vector<DueMessage> Deliveries::due(Database& db, Instant now, int limit,
                                        const std::function<bool(std::string_view)>& can_send,
                                        int max_attempts, const OutboxClaim* claim) {
  SqliteEngineStore store(db);
  std::vector<DueMessage> out;
  for (auto& row : store.due_rows(now, limit, false, claim)) {
    CommuneScope scope(db, row.commune);  // its commune's hours, calendar and chats
    DueMessage m{row.id, row.attempts, std::move(row.message), {}};
    if (!m.answer()) {
      Instant at = deliverable_at(db, now, false);
      if (at != now) {  // a nudge outside its commune's office hours: it waits for them
        store.postpone(m.id, at, "chờ giờ làm việc");
        continue;
      }
    }
    m.chats = chats_of(db, m.message);
    std::erase_if(m.chats, [&](const ChatAddress& c) { return !can_send(c.channel); });
    if (m.chats.empty() && m.answer()) {  // its platform is off: kept, looked at in an hour
      store.postpone(m.id, now + std::chrono::hours(1), "channel not configured");
      continue;
    }
    if (m.chats.empty()) {  // nobody to deliver to yet: look again at the next office hour
      bool give_up = m.attempts + 1 >= max_attempts;
      store.mark_retry(m.id, deliverable_at(db, now + std::chrono::hours(1), false), give_up,
                       "no linked chat");
      continue;
    }
    out.push_back(std::move(m));
  }
  return out;
}

bool Deliveries::part_delivered(Database& db, std::int64_t message_id, const ChatAddress& chat,
                                int part) {
  return delivered(db, delivery_source(message_id), chat.channel, chat.chat_id, part);
}

void Deliveries::record_part(Database& db, const DeliveredPart& p) {
  record_delivery(db, {delivery_source(p.message_id), p.chat.channel, p.chat.chat_id, p.part,
                       p.platform_message_id, p.task, p.kind, format_instant(p.at), p.cycle});
}

void Deliveries::sent(Database& db, std::int64_t id, Instant at) {
  SqliteEngineStore(db).mark_sent(id, at);
}

void Deliveries::retry(Database& db, std::int64_t id, bool answer, Instant retry_at, bool give_up,
                       const std::string& error) {
  CommuneScope scope(db, outbox_commune(db, id));
  SqliteEngineStore(db).mark_retry(id, deliverable_at(db, retry_at, answer), give_up, error);
}

void Deliveries::renew_claims(Database& db, const std::string& owner, Instant until) {
  (void)renew_outbox_claims(db, owner, until);
}

void Deliveries::release_claims(Database& db, const std::string& owner) {
  (void)release_outbox_claims(db, owner);
}

std::vector<std::pair<std::string, int>> Deliveries::release_claims_of_gone(
    Database& db, const std::function<bool(const std::string&)>& gone) {
  std::vector<std::pair<std::string, int>> out;
  for (const auto& o : outbox_claim_owners(db)) {
    if (gone(o)) out.emplace_back(o, release_outbox_claims(db, o));
  }
  return out;
}

}  // namespace dondoc::service
