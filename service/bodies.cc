#include "service/bodies.h"

#include "engine/model.h"
#include "storage/plan_store.h"

namespace dondoc::service {

Result<std::string> body_id(Database& db, std::string_view text) {
  Plan plan;
  plan.bodies = load_bodies(db);
  if (const Body* b = resolve_body(plan, text)) return b->id;
  return Error{"Không có cơ quan \"" + std::string(text) +
               "\" trong kế hoạch (mã, tên hoặc tên gọi khác; xem `dondoc bodies`)."};
}

}  // namespace dondoc::service
