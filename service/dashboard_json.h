// The dashboard's data as JSON, one shape for every printer: `dondoc status --json` (its
// "summary" and "obligations") and the JSON API (GET /api/v1/summary, /tasks, /tasks/{id},
// /obligations, /audit). Pure; any thread.
#pragma once

#include <nlohmann/json.hpp>

#include "service/dashboard.h"

namespace dondoc::service {

// {"done_on_time","done_late","in_progress","overdue","blocked","extension_requested",
//  "not_started"}
nlohmann::ordered_json counts_json(const Counts& c);
// {"tasks":{counts},"on_time_rate":number|null,"bodies":[{"body","name",counts...,
//  "on_time_rate","last_reply","linked_chats"}]}
nlohmann::ordered_json summary_json(const Overview& o);
// One row of `status --json`'s "obligations": {"task","body","role","cycle","period","status",
// "percent","due","overdue","last_reply"}.
nlohmann::ordered_json obligation_json(const StatusRow& r);
// The `tasks --json` task ({"id","section",...,"deadline"}) with "due", "standing" and
// "assignees":[{"body","name","role","status","standing","percent","due","overdue","last_reply"}].
nlohmann::ordered_json task_line_json(const TaskLine& t);
// task_line_json plus "history":[{"at","kind","kind_vi","actor","text"}] and
// "messages":[{"at","recipient","recipient_name","kind","status","text"}], newest first.
nlohmann::ordered_json task_page_json(const TaskPage& p);
// {"items":[history items],"page","pages","total","kinds":[...]}
nlohmann::ordered_json audit_json(const AuditPage& p);

}  // namespace dondoc::service
