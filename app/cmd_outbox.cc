// `dondoc outbox [--json] [--status pending|sent|failed]`: every queued message, the engine's to
// bodies and the bot's answers to one chat, with its kind, task and destination.
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/cli.h"
#include "storage/engine_store.h"

namespace dondoc {
namespace {

nlohmann::ordered_json or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

// The chat a bot's answer goes to, null for a message to a body's linked chats.
nlohmann::ordered_json chat_json(const Message& m) {
  if (!m.chat) return nullptr;
  return {{"channel", m.chat->channel}, {"chat_id", m.chat->chat_id}};
}

nlohmann::ordered_json row_json(const OutboxRow& r) {
  return {{"id", r.id},
          {"key", r.message.key},
          {"recipient", r.message.recipient},
          {"kind", to_string(r.message.kind)},
          {"task", or_null(r.message.task)},
          {"cycle", or_null(r.message.cycle)},
          {"chat", chat_json(r.message)},
          {"text", r.message.text},
          {"status", r.status},
          {"not_before", format_instant(r.message.not_before)},
          {"attempts", r.attempts}};
}

// "-> body", "-> telegram:42 (body)" or "-> telegram:42" for a chat not linked.
std::string destination(const Message& m) {
  if (!m.chat) return m.recipient;
  std::string to = m.chat->channel + ":" + m.chat->chat_id;
  return m.recipient.empty() ? to : to + " (" + m.recipient + ")";
}

void print_rows(cli::Io& io, const std::vector<OutboxRow>& rows) {
  for (const auto& r : rows) {
    io.out << format_instant(r.message.not_before) << "  " << r.status << "  "
           << to_string(r.message.kind);
    if (!r.message.task.empty()) io.out << "  NV " << r.message.task;
    io.out << "  -> " << destination(r.message) << "\n    " << r.message.text << "\n";
  }
}

int run(const cli::Args& args, cli::Io& io) {
  std::string status = args.option("status").value_or("");
  if (!status.empty() && status != "pending" && status != "sent" && status != "failed") {
    return cli::bad_input(io,
                          "--status: phải là pending, sent hoặc failed (nhận \"" + status + "\")");
  }
  Database db(cli::db_path(args), Database::Access::read_only);
  auto commune = cli::commune(args, io, db);
  if (!commune) return cli::kExitBadInput;
  std::vector<OutboxRow> rows, unlinked;
  {
    CommuneScope scope(db, commune->key);
    rows = list_outbox(db, status);
  }
  {
    // The bot's answers to chats not linked yet belong to no commune (commune 0): shown apart.
    CommuneScope scope(db, kNoCommune);
    unlinked = list_outbox(db, status);
  }
  if (args.json()) {
    auto arr = nlohmann::ordered_json::array(), other = nlohmann::ordered_json::array();
    for (const auto& r : rows) arr.push_back(row_json(r));
    for (const auto& r : unlinked) other.push_back(row_json(r));
    io.out << nlohmann::ordered_json{{"messages", arr}, {"unlinked_chat_answers", other}}.dump()
           << "\n";
    return cli::kExitOk;
  }
  io.out << rows.size() << " tin nhắn\n";
  print_rows(io, rows);
  if (!unlinked.empty()) {
    io.out << "Ngoài ra " << unlinked.size()
           << " câu trả lời của bot cho chat chưa liên kết (chưa thuộc xã nào):\n";
    print_rows(io, unlinked);
  }
  return cli::kExitOk;
}

const cli::Registration kReg{"outbox", "outbox [--json] [--status pending|sent|failed]", &run};

}  // namespace
}  // namespace dondoc
