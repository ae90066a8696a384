// A linked chat reporting an indicator's value (issue 16 §2), on the chat's body's behalf.
#include "service/chat_handling.h"
#include "service/indicators.h"

namespace dondoc::service::detail {

std::string record_indicator_value(Handling& h, const std::string& body,
                                   const bot::IndicatorReport& report) {
  RecordIndicator r;
  r.indicator = report.indicator;
  r.value = report.value;
  r.note = report.note;
  r.body = body;
  r.by = body;
  r.source = "chat";
  r.at = h.now;
  auto v = record_indicator(h.db, r);
  if (!v) {
    h.answer("reply", MessageKind::confirmation, v.error() + " Chưa ghi gì.", {}, body);
    return "indicator_refused";
  }
  h.answer("reply", MessageKind::confirmation, indicator_confirmation(h.db, *v, h.now), {}, body);
  return "indicator_recorded";
}

}  // namespace dondoc::service::detail
