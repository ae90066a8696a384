// A body's report received by chat (issue 16 §1): the message's text and files stored through
// service/body_reports.h, the confirmation answered to the chat that sent it.
#include "service/body_reports.h"
#include "service/chat_handling.h"

namespace dondoc::service::detail {

std::string submit_report_text(Handling& h, const std::string& body, const std::string& cycle,
                               const std::string& period) {
  ReportSubmission s;
  s.body = body;
  s.cycle = cycle;
  s.period = period;
  s.text = h.ev.text;
  for (const auto& f : h.ev.files) s.attachments.push_back({h.channel(), f.ref, f.name, f.mime, 0});
  s.source = "chat";
  s.by = h.channel() + ":" + h.ev.chat_id;
  s.at = h.now;
  s.queue_confirmation = false;
  auto r = submit_report(h.db, s);
  h.answer("report", MessageKind::confirmation, r ? r->message : r.error(), {}, body);
  return r ? "report_stored" : "refused";
}

}  // namespace dondoc::service::detail
