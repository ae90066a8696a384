// `dondoc link --body B [--json]`: prints a one-time code (valid 7 days) that a department head
// sends to the bot ("DK CODE" or "/start CODE") to bind their chat to body B.
#include <openssl/rand.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "service/bodies.h"
#include "service/link.h"

namespace dondoc::app {
namespace {

int run(const cli::Args& args, cli::Io& io) {
  auto body = args.option("body");
  if (!body || body->empty()) return cli::bad_input(io, "link: cần --body <mã cơ quan>");
  Database db(cli::db_path(args));
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  auto random = [](std::vector<std::uint8_t>& bytes) {
    return RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) == 1;
  };
  auto id = service::body_id(db, *body);
  if (!id) return cli::bad_input(io, "link: " + id.error());
  auto r = service::create_link_code(db, *id, io.clock.now(), random);
  if (!r) return cli::bad_input(io, "link: " + r.error());
  std::string expires = format_instant(r->expires);
  if (args.json()) {
    io.out << nlohmann::json{{"code", r->code}, {"body", r->body}, {"expires", expires}}.dump()
           << "\n";
  } else {
    io.out << "Mã liên kết cho " << r->body_name << ": " << r->code << "\n"
           << "Gửi cho bot: DK " << r->code << " (hoặc /start " << r->code
           << " trên Telegram). Hết hạn: " << expires << "\n";
  }
  return cli::kExitOk;
}

const cli::Registration kReg{"link", "link --body B [--json]", &run};

}  // namespace
}  // namespace dondoc::app
