// `dondoc parse reply TEXT [--today YYYY-MM-DD] [--json]`: shows how the bot reads a status reply.
// Main thread only (a CLI command).
#include <chrono>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "app/cli.h"
#include "bot/reply_parser.h"
#include "rules/date.h"

namespace dondoc {
namespace {

std::string_view label(bot::ReplyStatus status) {
  switch (status) {
    case bot::ReplyStatus::done:
      return "hoàn thành";
    case bot::ReplyStatus::in_progress:
      return "đang thực hiện";
    case bot::ReplyStatus::blocked:
      return "vướng mắc";
    case bot::ReplyStatus::extension_requested:
      return "xin gia hạn";
    case bot::ReplyStatus::not_started:
      return "chưa triển khai";
  }
  return "";
}

// "NV3: đang thực hiện, 60%", "NV4: xin gia hạn đến 31/12/2026 (lý do: thiếu kinh phí)".
std::string describe(const bot::ReplyItem& item) {
  std::string line = item.task ? "NV" + *item.task : std::string("(chưa rõ nhiệm vụ)");
  line += ": ";
  line += label(item.status);
  if (item.new_due) line += " đến " + format_date_vn(*item.new_due);
  if (item.percent) line += ", " + std::to_string(*item.percent) + "%";
  if (item.reason) line += " (lý do: " + *item.reason + ")";
  return line;
}

int run_parse_reply(const cli::Args& args, cli::Io& io) {
  if (args.positional.empty()) {
    return cli::bad_input(io,
                          "thiếu nội dung trả lời. Cách dùng: dondoc parse reply \"NV3 đã xong\" "
                          "[--today YYYY-MM-DD] [--json]");
  }
  std::string text = args.positional.front();
  for (std::size_t i = 1; i < args.positional.size(); ++i) text += " " + args.positional[i];

  Date today = local_date(io.clock.now());
  if (auto value = args.option("today")) {
    auto parsed = parse_date(*value);
    if (!parsed) {
      return cli::bad_input(io, "--today: ngày không hợp lệ \"" + *value + "\" (cần YYYY-MM-DD)");
    }
    today = *parsed;
  }

  const std::vector<bot::ReplyItem> items = bot::parse_reply(text, today);
  if (args.json()) {
    io.out << bot::to_json(items).dump() << "\n";
    return cli::kExitOk;
  }
  if (items.empty()) io.out << "Không hiểu được nội dung trả lời (không ghi nhận gì).\n";
  for (const bot::ReplyItem& item : items) io.out << describe(item) << "\n";
  return cli::kExitOk;
}

const cli::Registration kReg{"parse reply", "parse reply TEXT [--today YYYY-MM-DD] [--json]",
                             &run_parse_reply};

}  // namespace
}  // namespace dondoc
