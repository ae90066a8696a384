// `dondoc ics [--body B] [-o FILE] [--now ISO]`: the calendar feed (service/calendar_feed.h) to a
// file or stdout; `dondoc ics token add|list|revoke`: the secret tokens of the subscription URLs
// (GET /lich/ics/<token>.ics, docs/reports.md "Lịch (ICS)"). A token is printed once, when added.
#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "service/calendar_feed.h"

namespace dondoc::app {
namespace {

constexpr const char* kUsage = "cách dùng: ics [--body B] [-o FILE] [--now ISO]";

// The output file: "-o FILE" (left among the positional words by the parser) or --output FILE;
// "" for stdout. False when the words are anything else.
bool output_file(const cli::Args& args, std::string& file) {
  file = args.option("output").value_or("");
  if (args.positional.empty()) return true;
  if (args.positional.size() != 2 || args.positional[0] != "-o" || !file.empty()) return false;
  file = args.positional[1];
  return !file.empty();
}

int write_feed(const std::string& text, const std::string& file, cli::Io& io) {
  if (file.empty() || file == "-") {
    io.out << text;
    return cli::kExitOk;
  }
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return cli::bad_input(io, "ics: không ghi được tệp " + file);
  return cli::kExitOk;
}

int run_ics(const cli::Args& args, cli::Io& io) {
  std::string file;
  if (!output_file(args, file)) return cli::bad_input(io, kUsage);
  std::string error;
  auto now = cli::now(args, io, error);
  if (!now) return cli::bad_input(io, error);
  Database db(cli::db_path(args), Database::Access::read_only);
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  std::string body = args.option("body").value_or("");
  if (args.option("body") && body.empty()) return cli::bad_input(io, "--body: cần tên cơ quan");
  auto feed = service::calendar_feed(db, body, *now);
  if (!feed) return cli::bad_input(io, (body.empty() ? "ics: " : "--body: ") + feed.error());
  return write_feed(*feed, file, io);
}

std::string url_path(const std::string& token) { return "/lich/ics/" + token + ".ics"; }

nlohmann::ordered_json token_json(const service::FeedToken& t) {
  return {{"id", t.id},
          {"body", t.body},
          {"created_at", format_instant(t.created)},
          {"revoked", t.revoked}};
}

int run_add(const cli::Args& args, cli::Io& io) {
  if (!args.positional.empty()) return cli::bad_input(io, "cách dùng: ics token add [--body B]");
  Database db(cli::db_path(args));
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  auto t = service::create_feed_token(db, args.option("body").value_or(""), "cli", io.clock.now());
  if (!t) return cli::bad_input(io, "ics token add: " + t.error());
  if (args.json()) {
    io.out << nlohmann::ordered_json{{"id", t->id},
                                     {"token", t->token},
                                     {"path", url_path(t->token)}}
                  .dump()
           << "\n";
  } else {
    io.out << "Địa chỉ lịch số " << t->id
           << (t->body.empty() ? " (toàn kế hoạch)" : " (" + t->body + ")")
           << ", chỉ hiện một lần:\n"
           << url_path(t->token) << "\n";
  }
  return cli::kExitOk;
}

int run_list(const cli::Args& args, cli::Io& io) {
  if (!args.positional.empty()) return cli::bad_input(io, "ics token list không nhận tham số");
  Database db(cli::db_path(args), Database::Access::read_only);
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  auto tokens = service::list_feed_tokens(db);
  if (!tokens) return cli::bad_input(io, "ics token list: " + tokens.error());
  auto arr = nlohmann::ordered_json::array();
  for (const auto& t : *tokens) arr.push_back(token_json(t));
  if (args.json()) {
    io.out << nlohmann::ordered_json{{"tokens", arr}}.dump() << "\n";
    return cli::kExitOk;
  }
  io.out << tokens->size() << " địa chỉ lịch\n";
  for (const auto& t : *tokens) {
    io.out << "  " << t.id << "  " << (t.body.empty() ? "toàn kế hoạch" : t.body) << "  "
           << format_instant(t.created) << (t.revoked ? "  (đã thu hồi)" : "") << "\n";
  }
  return cli::kExitOk;
}

int run_revoke(const cli::Args& args, cli::Io& io) {
  std::int64_t id = 0;
  const std::string* text = args.positional.size() == 1 ? &args.positional[0] : nullptr;
  auto [end, ec] = text ? std::from_chars(text->data(), text->data() + text->size(), id)
                        : std::from_chars_result{nullptr, std::errc::invalid_argument};
  if (!text || ec != std::errc{} || end != text->data() + text->size() || id <= 0) {
    return cli::bad_input(
        io, "cách dùng: ics token revoke ID (ID: số của địa chỉ, xem ics token list)");
  }
  Database db(cli::db_path(args));
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  CommuneScope scope(db, commune->key);
  auto t = service::revoke_feed_token(db, id, "cli", io.clock.now());
  if (!t) return cli::bad_input(io, "ics token revoke: không có địa chỉ lịch số " + *text);
  if (args.json()) {
    io.out << token_json(*t).dump() << "\n";
  } else {
    io.out << "Đã thu hồi địa chỉ lịch số " << id << ".\n";
  }
  return cli::kExitOk;
}

const cli::Registration kIcs{"ics", "ics [--body B] [-o FILE] [--now ISO]", &run_ics};
const cli::Registration kAdd{"ics token add", "ics token add [--body B] [--json]", &run_add};
const cli::Registration kList{"ics token list", "ics token list [--json]", &run_list};
const cli::Registration kRevoke{"ics token revoke", "ics token revoke ID [--json]", &run_revoke};

}  // namespace
}  // namespace dondoc::app
