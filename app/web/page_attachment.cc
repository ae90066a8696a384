// /bao-cao-co-quan/tep/{id}: a file or photo sent with a body's report (issue 16 §1), fetched
// through the platform it came by (app/attachment_fetch.h) for whoever may see the report
// (service/report_attachment.h). The check runs on the reader; the download on the workers
// (later()), so the reader keeps serving pages for the up to 10 s a platform may take.
#include <cstdint>
#include <string>

#include "app/attachment_fetch.h"
#include "app/web/parse.h"
#include "app/web/web.h"
#include "service/report_attachment.h"

namespace dondoc::app::web {
namespace {

// RFC 6266 / 5987: an ASCII fallback name and the UTF-8 name percent-encoded.
std::string disposition(const std::string& name) {
  std::string ascii;
  for (unsigned char c : name) {
    if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte: one '_' per character
    bool plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' && c != ';';
    ascii += plain ? static_cast<char>(c) : '_';
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + url_encode(name);
}

HttpOut file(Request& r, Database& db) {
  std::int64_t id = 0;
  try {
    std::size_t used = 0;
    id = std::stoll(r.param("id"), &used);
    if (used != r.param("id").size() || id <= 0) id = 0;
  } catch (const std::exception&) {
    id = 0;
  }
  if (id == 0) return error(r, 404, "Không tìm thấy tệp này.");
  auto ref = service::report_attachment(db, *r.viewer, id);
  if (!ref) {
    if (ref.error() == "not_found") return error(r, 404, "Không tìm thấy tệp này.");
    return error(r, 403, "Bạn không có quyền xem tệp của báo cáo này.");
  }
  auto channel = bot::channel_from_string(ref->file.channel);
  if (!channel || !r.config)
    return error(r, 502, "Tệp gửi qua kênh \"" + ref->file.channel + "\" không tải lại được.");
  ChannelConfig bot = r.config->channel_for(*channel, r.commune);
  std::string name = ref->file.name.empty() ? "tep-" + std::to_string(id) : ref->file.name;
  return later(r, [req = r, bot, file = ref->file, name]() mutable {
    auto got = fetch_attachment(file, bot);
    if (got.status != 200) return error(req, got.status, got.message);
    HttpOut out(200, got.content_type, std::move(got.body));
    out.headers.push_back({"Content-Disposition", disposition(name)});
    out.headers.push_back({"Cache-Control", "private, no-store"});
    return out;
  });
}

const Registration kFile{Route::get("/bao-cao-co-quan/tep/{id}", &file).in_nav("bodies")};

}  // namespace
}  // namespace dondoc::app::web
