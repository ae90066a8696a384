#include "service/link.h"

#include "bot/linking.h"
#include "engine/kinds.h"
#include "storage/chat_store.h"
#include "storage/plan_store.h"

namespace dondoc::service {

Result<LinkCodeOut> create_link_code(Database& db, const std::string& body, Instant now,
                                     const RandomBytes& random) {
  std::optional<std::string> name;
  for (const auto& b : load_bodies(db)) {
    if (b.id == body) name = b.name;
  }
  if (!name) {
    return Error{"Không có cơ quan \"" + body + "\" trong kế hoạch (xem `dondoc bodies`)."};
  }
  for (int attempt = 0; attempt < 10; ++attempt) {
    std::vector<std::uint8_t> bytes(bot::kLinkCodeLength);
    if (!random(bytes)) return Error{"Không lấy được số ngẫu nhiên để tạo mã."};
    StoredLinkCode code{bot::make_link_code(bytes), body, format_instant(now),
                        format_instant(now + bot::kLinkCodeLifetime), false};
    WriteTransaction tx(db);
    if (!insert_link_code(db, code)) continue;  // taken: draw another
    db.audit(audit_kind::kLinkCodeCreated, body, "cli", "{}", code.created_at);
    tx.commit();
    return LinkCodeOut{code.code, body, *name, now + bot::kLinkCodeLifetime};
  }
  return Error{"Không tạo được mã mới, xin thử lại."};
}

}  // namespace dondoc::service
