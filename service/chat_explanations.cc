// Explanation requests by chat (issue 16 §3): a body's answer, a linked leader's request. The
// answers of service/chat_event; the use cases are service/explanations.h.

#include "engine/messages_vi.h"
#include "service/chat_handling.h"
#include "service/explanations.h"

namespace dondoc::service::detail {
namespace {

// A chat that may ask: the standing committee's, the secretariat's, or a body some body has as
// its leader (Chủ tịch, Phó Chủ tịch, Thường trực).
bool leads(const EngineState& st, const std::string& body) {
  if (body.empty()) return false;
  if (body == st.rules.standing_committee || body == st.rules.secretariat) return true;
  for (const auto& b : st.plan.bodies)
    if (b.leader == body) return true;
  return false;
}

vi::Explained explained(const ExplanationRequest& r) {
  return {"GT" + std::to_string(r.id), r.body_name, r.subject, r.task.empty()};
}

}  // namespace

std::string explanation_answered(Handling& h, const std::string& body,
                                 const bot::ExplanationAnswer& a) {
  auto r = answer_explanation(h.db, body, a.id, a.text, h.source(), h.now);
  if (!r) {
    h.answer("reply", MessageKind::confirmation, r.error(), {}, body);
    return "refused";
  }
  h.answer("reply", MessageKind::confirmation, vi::explanation_receipt(explained(*r), address(h)),
           r->task, body);
  return "applied";
}

std::string explanation_asked(Handling& h, const std::string& body, const bot::ExplanationAsk& a) {
  const EngineState* st = h.base_state();  // plan and rules: who leads, which body
  if (!st) {
    h.answer("reply", MessageKind::confirmation, h.state_error(), {}, body);
    return "refused";
  }
  std::string text;
  const Body* target = bot::find_named_body(st->plan.bodies, a.body_words);
  if (!leads(*st, body)) {
    text = vi::error_explanation_leaders_only();
  } else if (!target) {
    text = vi::error_explanation_unknown_body(a.body_words);
  } else {
    AskExplanation ask{target->id, a.task, a.cycle, a.period, a.reason, h.source(), h.now, body};
    auto r = ask_explanation(h.db, ask);
    text = r ? vi::explanation_sent(explained(*r), r->due) : r.error();
    if (r) {
      h.answer("reply", MessageKind::confirmation, text, a.task, body);
      return "applied";
    }
  }
  h.answer("reply", MessageKind::confirmation, text, {}, body);
  return "refused";
}

}  // namespace dondoc::service::detail
