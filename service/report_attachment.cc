#include "service/report_attachment.h"

#include "storage/report_store.h"

namespace dondoc::service {

Result<AttachmentRef> report_attachment(Database& db, const Viewer& v, std::int64_t id) {
  ReportFileOwner owner;
  auto f = find_report_file(db, id, owner);
  if (!f) return Result<AttachmentRef>::fail("not_found");
  bool may = allowed(v, Permission::view_all) || allowed(v, Permission::record_status);
  if (!may || !v.sees_body(owner.body)) return Result<AttachmentRef>::fail("forbidden");
  return AttachmentRef{
      {f->channel, f->ref, f->name, f->mime, f->id}, owner.body, owner.cycle, owner.period};
}

}  // namespace dondoc::service
