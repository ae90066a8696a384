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

std::string ref(std::int64_t id) { return "GT" + std::to_string(id); }

}  // namespace

std::string explanation_answered(Handling& h, const std::string& body,
                                 const bot::ExplanationAnswer& a) {
  auto r = answer_explanation(h.db, body, a.id, a.text, h.source(), h.now);
  if (!r) {
    h.answer("reply", MessageKind::confirmation, r.error(), {}, body);
    return "refused";
  }
  h.answer("reply", MessageKind::confirmation,
           "Đã nhận giải trình " + ref(r->id) + " của " + r->body_name + " (" + r->subject +
               "). Cảm ơn " + address(h) + ".",
           r->task, body);
  return "applied";
}

std::string explanation_asked(Handling& h, const std::string& body, const bot::ExplanationAsk& a) {
  const EngineState* st = h.state();
  if (!st) {
    h.answer("reply", MessageKind::confirmation, h.state_error(), {}, body);
    return "refused";
  }
  std::string text;
  const Body* target = bot::find_named_body(st->plan.bodies, a.body_words);
  if (!leads(*st, body)) {
    text =
        "Chỉ lãnh đạo (Thường trực, Chủ tịch, Phó Chủ tịch, Văn phòng) mới yêu cầu giải trình. "
        "Để trả lời một yêu cầu giải trình, gửi tin nhắn bắt đầu bằng «Giải trình GT…: …».";
  } else if (!target) {
    text = "Không rõ cơ quan \"" + a.body_words + "\". Ví dụ: \"giải trình NV3 Phòng Kinh tế\".";
  } else {
    AskExplanation ask{target->id, a.task, a.cycle, a.period, a.reason, h.source(), h.now, body};
    auto r = ask_explanation(h.db, ask);
    text = r ? "Đã gửi yêu cầu giải trình " + ref(r->id) + " đến " + r->body_name + " (" +
                   r->subject + "); hạn trả lời " + format_date_vn(r->due) + "."
             : r.error();
    if (r) {
      h.answer("reply", MessageKind::confirmation, text, a.task, body);
      return "applied";
    }
  }
  h.answer("reply", MessageKind::confirmation, text, {}, body);
  return "refused";
}

}  // namespace dondoc::service::detail
