// Internal to service/chat_event*.cc: one event being handled — the database (in the chat's
// commune), the event, the moment, the chat's body, and the answers it queues (outbox rows
// addressed to the chat, keyed by the event). Writer thread only.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bot/conversation.h"
#include "bot/payloads.h"
#include "bot/reply_parser.h"
#include "engine/state.h"
#include "rules/result.h"
#include "service/chat_event.h"
#include "storage/database.h"

namespace dondoc::service::detail {

struct Handling {
  // Enters the commune the chat is linked in (kNoCommune for a chat not linked yet).
  Handling(Database& d, const bot::InboundEvent& e, Instant t, const ChatOptions& o);
  Database& db;
  const bot::InboundEvent& ev;
  Instant now;
  const ChatOptions& options;
  std::vector<Message> answers;
  // The body the chat was linked to when the handling began (nullopt when it was not linked):
  // read with its commune, it is what chat_body() answers in the commune entered then.
  std::optional<std::string> linked_body;

  std::string channel() const { return std::string(bot::to_string(ev.channel)); }
  std::string source() const { return "chat:" + channel() + ":" + ev.event_key; }
  // Queues `text` to this chat as its answer `what` ("link", "reply", ...; one per event).
  void answer(std::string_view what, MessageKind kind, std::string text, std::string task = {},
              std::string recipient = {});
  // The chat's body ("" until known: set it before the first state()).
  std::string body;
  // The engine's state as the event found it for `body`, loaded once (SqliteEngineStore::
  // load_for_body: enough for commands of that body, not for a tick); nullptr when it cannot be
  // loaded (no rules yet). Whoever records something applies its batch to it (apply_batch).
  // state(): with all the body's states; state_for_task(): with those a command on `task` needs
  // (storage/body_states.h; a reply reads a few rows instead of all the body's); base_state():
  // plan, rules, calendar and meta, no states. Each adds to what was loaded before.
  EngineState* state();
  EngineState* state_for_task(const std::string& task);
  EngineState* base_state();
  // Why state() is nullptr ("" when it is not).
  std::string state_error();
  // Moves the handling into `commune` (a link code names one): what follows reads and writes
  // there, and the answers are queued there.
  void enter(std::int64_t commune);

 private:
  std::optional<Result<EngineState>> state_;
  bool all_states_ = false;             // state() added every state of `body`
  std::set<std::string> tasks_loaded_;  // state_for_task() added these tasks' states
  std::unique_ptr<CommuneScope> scope_;
};

// The body's open tasks, in plan order.
std::vector<std::string> open_tasks(Handling& h, const std::string& body);
// The rules' form of address ("đồng chí" when no rules are loaded).
std::string address(Handling& h);

// Binds the chat with the code, or says why not (service/link.cc). Returns the outcome: "linked",
// "link_refused" (a wrong, used or expired code, counted against the chat), "link_throttled" (over
// the limit: the code is not checked, the chat is told when to retry) or "link_throttled_silent"
// (over the limit and told already: no answer).
std::string link_chat(Handling& h, const std::string& code);
// Applies the parsed items of `body`; `task` for items naming none. Returns "applied" when the
// engine applied every item, "refused" when it refused every one (the chat is told why),
// "partly_applied" otherwise.
std::string apply_reply(Handling& h, const std::string& body,
                        const std::vector<bot::ReplyItem>& items, const std::string& task);
// Lists the body's open tasks and asks which one the reply is about.
std::string ask_which_task(Handling& h, const std::string& body);
// Records the body's report of `cycle` (period "" = the nearest open one) as sent: "applied", or
// "refused" when the engine refused it.
std::string report_sent(Handling& h, const std::string& body, const std::string& cycle,
                        const std::string& period);
// Stores the message (and its files) as the body's report of `cycle`/`period` ("" = the one due)
// through service/body_reports.h and answers with its confirmation (service/chat_reports.cc):
// "report_stored", or "refused" (the chat is told why).
std::string submit_report_text(Handling& h, const std::string& body, const std::string& cycle,
                               const std::string& period);
// "nhiệm vụ của tôi": the body's open tasks and reports with due dates and status.
std::string list_owed(Handling& h, const std::string& body);
// "đăng nhập": one message with a one-time link to the dashboard, signing in as the body's head
// account (service/chat_sign_in.cc). "sign_in_sent", or "sign_in_refused" (the chat is told why).
std::string send_sign_in(Handling& h, const std::string& body);
// "Giải trình GT12: …" from the body: "applied" or "refused" (service/chat_explanations.cc).
std::string explanation_answered(Handling& h, const std::string& body,
                                 const bot::ExplanationAnswer& a);
// "giải trình NV3 Phòng Kinh tế" from a leader's chat: "applied" or "refused".
std::string explanation_asked(Handling& h, const std::string& body, const bot::ExplanationAsk& a);
// "CT 1.1: 2 doanh nghiệp": records the value for the indicator the body monitors and confirms
// it (service/chat_indicators.cc). "indicator_recorded", or "indicator_refused" (told why).
std::string record_indicator_value(Handling& h, const std::string& body,
                                   const bot::IndicatorReport& report);

}  // namespace dondoc::service::detail
