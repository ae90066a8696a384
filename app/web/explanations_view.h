// The explanation requests (issue 16 §3) on the task page: the requests and answers on one task,
// and the form a leader or the secretariat asks with (app/web/actions_explain.cc); on the body
// page: the body's requests and answers. Called by app/web/page_tasks.cc and page_bodies.cc on
// the reader thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/web/web.h"

namespace dondoc::app::web {

// The rendered section (templates/task_explanations.mustache) for task `id`; `assignees` is the
// task json's "assignees" (each with "body" and "name"), the bodies a request may name.
std::string explanations_html(const Request& r, Database& db, const std::string& id,
                              const nlohmann::json& assignees);
// The body's requests (tasks and reports), with what each is about; no form.
std::string body_explanations_html(const Request& r, Database& db, const std::string& body);

}  // namespace dondoc::app::web
