// A file or photo sent with a body's report (issue 16 §1), as the dashboard fetches it: who may
// fetch which one (the same rule as seeing the report) and the platform reference it names. The
// download itself is the app's (app/attachment_fetch.h). Call on the thread that owns the
// Database, in the commune's scope.
#pragma once

#include <cstdint>

#include "rules/result.h"
#include "service/body_reports.h"
#include "service/viewer.h"
#include "storage/database.h"

namespace dondoc::service {

struct AttachmentRef {
  ReportAttachment file;  // channel, platform reference, name, mime, id
  std::string body;       // the report it came with
  std::string cycle, period;
};

// The attachment `id` of the current commune if `v` may see its report: a head its own body's,
// the roles that see every body (Permission::view_all) or record on a body's behalf any. Errors:
// "not_found" (no such file in this commune), "forbidden".
Result<AttachmentRef> report_attachment(Database& db, const Viewer& v, std::int64_t id);

}  // namespace dondoc::service
