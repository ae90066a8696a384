// The task page's explanation requests (issue 16 §3): the requests and answers on one task, and
// the form a leader or the secretariat asks with (app/web/actions_explain.cc). Called by the task
// page (app/web/page_tasks.cc) on the reader thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/web/web.h"

namespace dondoc::app::web {

// The rendered section (templates/task_explanations.mustache) for task `id`; `assignees` is the
// task json's "assignees" (each with "body" and "name"), the bodies a request may name.
std::string explanations_html(const Request& r, Database& db, const std::string& id,
                              const nlohmann::json& assignees);

}  // namespace dondoc::app::web
