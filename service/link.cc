#include "service/link.h"

#include <nlohmann/json.hpp>

#include "bot/linking.h"
#include "bot/templates_vi.h"
#include "engine/kinds.h"
#include "service/chat_handling.h"
#include "service/commune_bots.h"
#include "storage/chat_store.h"
#include "storage/plan_store.h"

namespace dondoc::service {

Result<LinkCodeOut> create_link_code(Database& db, const std::string& body, Instant now,
                                     const RandomBytes& random) {
  std::optional<std::string> name;
  for (const auto& b : load_bodies(db)) {
    if (b.id == body) name = b.name;
  }
  if (!name) {
    return Error{"Không có cơ quan \"" + body + "\" trong kế hoạch (xem `dondoc bodies`)."};
  }
  for (int attempt = 0; attempt < 10; ++attempt) {
    std::vector<std::uint8_t> bytes(bot::kLinkCodeLength);
    if (!random(bytes)) return Error{"Không lấy được số ngẫu nhiên để tạo mã."};
    StoredLinkCode code{bot::make_link_code(bytes), body, format_instant(now),
                        format_instant(now + bot::kLinkCodeLifetime), false};
    WriteTransaction tx(db);
    if (!insert_link_code(db, code)) continue;  // taken: draw another
    db.audit(audit_kind::kLinkCodeCreated, body, "cli", "{}", code.created_at);
    tx.commit();
    return LinkCodeOut{code.code, body, *name, now + bot::kLinkCodeLifetime};
  }
  return Error{"Không tạo được mã mới, xin thử lại."};
}

namespace detail {
namespace {

std::string body_name(Database& db, const std::string& id) {
  for (const auto& b : load_bodies(db)) {
    if (b.id == id) return b.name;
  }
  return id;
}

// The code as the bot checks it; `commune` is set to the commune it names.
std::optional<bot::LinkCode> stored_code(Database& db, const std::string& code, Instant now,
                                         std::int64_t& commune) {
  auto stored = find_link_code(db, code);
  if (!stored) return std::nullopt;
  commune = stored->commune;
  return bot::LinkCode{stored->code, stored->body, parse_instant(stored->created_at).value_or(now),
                       parse_instant(stored->expires_at).value_or(Instant{}), stored->used};
}

std::optional<bot::LinkAttempts> attempts_of(const std::optional<LinkAttemptsRow>& row) {
  if (!row) return std::nullopt;
  auto start = parse_instant(row->window_start);
  if (!start) return std::nullopt;
  return bot::LinkAttempts{*start, row->failures, !row->explained_at.empty()};
}

std::string_view reason(bot::CodeCheck why) {
  switch (why) {
    case bot::CodeCheck::used:
      return "used";
    case bot::CodeCheck::expired:
      return "expired";
    case bot::CodeCheck::unknown:
    case bot::CodeCheck::ok:
      break;
  }
  return "unknown";
}

std::string chat_ref(const Handling& h) { return h.channel() + ":" + h.ev.chat_id; }

// Over the limit, the code is not looked at: the first attempt hears when to try again (and is
// audited), the rest get silence and only a count.
std::string refuse_throttled(Handling& h, LinkAttemptsRow row, const bot::LinkAttempts& a) {
  ++row.throttled;
  if (a.explained) {
    save_link_attempts(h.db, h.channel(), h.ev.chat_id, row);
    return "link_throttled_silent";
  }
  std::string at = format_instant(h.now);
  row.explained_at = at;
  save_link_attempts(h.db, h.channel(), h.ev.chat_id, row);
  nlohmann::json detail{{"channel", h.channel()},
                        {"chat_id", h.ev.chat_id},
                        {"failures", row.failures},
                        {"retry_at", format_instant(bot::link_retry_at(a))}};
  h.db.audit(audit_kind::kLinkAttemptsThrottled, chat_ref(h), h.source(), detail.dump(), at);
  h.answer("link", MessageKind::link,
           bot::vi::link_throttled(bot::link_retry_at(a), h.now, address(h)));
  return "link_throttled";
}

// A code that links nothing: counted in the chat's window, audited (never the code), explained.
std::string refuse_code(Handling& h, const std::optional<bot::LinkAttempts>& before,
                        std::string_view why, std::string text) {
  bot::LinkAttempts a = bot::after_failure(before, h.now);
  save_link_attempts(h.db, h.channel(), h.ev.chat_id,
                     LinkAttemptsRow{format_instant(a.window_start), a.failures, 0, ""});
  std::string at = format_instant(h.now);
  nlohmann::json detail{{"channel", h.channel()},
                        {"chat_id", h.ev.chat_id},
                        {"reason", why},
                        {"failures", a.failures}};
  h.db.audit(audit_kind::kLinkAttemptFailed, chat_ref(h), h.source(), detail.dump(), at);
  h.answer("link", MessageKind::link, std::move(text));
  return "link_refused";
}

std::string refuse_code(Handling& h, const std::optional<bot::LinkAttempts>& before,
                        bot::CodeCheck why) {
  return refuse_code(h, before, reason(why), bot::vi::link_refused(why, address(h)));
}

}  // namespace

std::string link_chat(Handling& h, const std::string& code) {
  auto row = find_link_attempts(h.db, h.channel(), h.ev.chat_id);
  auto attempts = attempts_of(row);
  if (bot::link_gate(attempts, h.now) != bot::LinkGate::check) {
    return refuse_throttled(h, *row, *attempts);
  }
  std::int64_t commune = kNoCommune;
  auto lc = stored_code(h.db, code, h.now, commune);
  auto check = bot::check_link_code(lc, h.now);
  if (check != bot::CodeCheck::ok) return refuse_code(h, attempts, check);
  // A commune's own bot links only that commune's bodies (counted like a wrong code).
  std::int64_t bot_commune = split_commune_chat(h.ev.chat_id).commune;
  if (bot_commune != kNoCommune && bot_commune != commune) {
    return refuse_code(h, attempts, "other_commune", bot::vi::link_other_commune(address(h)));
  }
  h.enter(commune);  // the chat belongs to the code's commune from now on
  std::string at = format_instant(h.now);
  bind_chat(h.db, {h.channel(), h.ev.chat_id, h.ev.group}, lc->body, h.ev.from_name, at);
  mark_link_code_used(h.db, code, chat_ref(h), at);
  if (row) clear_link_attempts(h.db, h.channel(), h.ev.chat_id);
  nlohmann::json detail{{"channel", h.channel()}, {"chat_id", h.ev.chat_id}, {"body", lc->body}};
  h.db.audit(audit_kind::kChatLinked, lc->body, h.source(), detail.dump(), at);
  h.answer("link", MessageKind::link, bot::vi::link_ok(body_name(h.db, lc->body), address(h)), {},
           lc->body);
  return "linked";
}

}  // namespace detail
}  // namespace dondoc::service
