// `dondoc link --body B [--json]`: prints a one-time code (valid 7 days) that a department head
// sends to the bot ("DK CODE" or "/start CODE") to bind their chat to body B.
#include <openssl/rand.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "bot/linking.h"
#include "storage/chat_store.h"
#include "storage/plan_store.h"

namespace dondoc::app {
namespace {

int run(const cli::Args& args, cli::Io& io) {
  auto body = args.option("body");
  if (!body || body->empty()) return cli::bad_input(io, "link: cần --body <mã cơ quan>");
  Database db(cli::db_path(args));
  const Body* found = nullptr;
  auto bodies = load_bodies(db);
  for (const auto& b : bodies) {
    if (b.id == *body) found = &b;
  }
  if (found == nullptr) {
    return cli::bad_input(
        io, "link: không có cơ quan \"" + *body + "\" trong kế hoạch (xem `dondoc bodies`)");
  }
  Instant now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  for (int attempt = 0; attempt < 10; ++attempt) {
    std::vector<std::uint8_t> random(bot::kLinkCodeLength);
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
      io.err << "dondoc: link: không lấy được số ngẫu nhiên\n";
      return cli::kExitInternal;
    }
    StoredLinkCode code{bot::make_link_code(random), *body, format_instant(now),
                        format_instant(now + bot::kLinkCodeLifetime), false};
    if (!insert_link_code(db, code)) continue;
    db.audit("link_code_created", *body, "cli", "{}", code.created_at);
    if (args.json()) {
      io.out << nlohmann::json{{"code", code.code}, {"body", *body}, {"expires", code.expires_at}}
                    .dump()
             << "\n";
    } else {
      io.out << "Mã liên kết cho " << found->name << ": " << code.code << "\n"
             << "Gửi cho bot: DK " << code.code << " (hoặc /start " << code.code
             << " trên Telegram). Hết hạn: " << code.expires_at << "\n";
    }
    return cli::kExitOk;
  }
  io.err << "dondoc: link: không tạo được mã mới\n";
  return cli::kExitInternal;
}

const cli::Registration kReg{"link", "link --body B [--json]", &run};

}  // namespace
}  // namespace dondoc::app
