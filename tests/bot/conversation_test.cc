#include "bot/conversation.h"

#include <catch2/catch.hpp>

#include "bot/templates_vi.h"

namespace bot = dondoc::bot;
using Kind = bot::Action::Kind;

namespace {
bot::InboundEvent message(std::string text) {
  bot::InboundEvent e;
  e.kind = bot::InboundEvent::Kind::message;
  e.chat_id = "c1";
  e.text = std::move(text);
  return e;
}
bot::ChatContext linked() {
  bot::ChatContext c;
  c.body = "vh_xh";
  c.open_tasks = {"3", "5"};
  return c;
}
}  // namespace

TEST_CASE("a link request links, linked or not") {
  auto a = bot::decide(message("DK AB3K9XYZ"), {});
  CHECK(a.kind == Kind::link);
  CHECK(a.code == "AB3K9XYZ");
  CHECK(bot::decide(message("/start AB3K9XYZ"), linked()).kind == Kind::link);
}

TEST_CASE("an unlinked chat is told once, then ignored") {
  bot::ChatContext c;
  CHECK(bot::decide(message("NV3 xong"), c).kind == Kind::explain_unlinked);
  c.explained_recently = true;
  CHECK(bot::decide(message("NV3 xong"), c).kind == Kind::ignore);
}

TEST_CASE("a reply naming no task binds to the nudge it answers, else asks") {
  auto c = linked();
  c.items = 1;
  c.items_without_task = 1;
  CHECK(bot::decide(message("xong"), c).kind == Kind::ask_which_task);
  c.recent_nudge = bot::Nudge{"5", ""};
  CHECK(bot::decide(message("xong"), c).task == "5");
  c.reply_to = bot::Nudge{"3", ""};
  auto a = bot::decide(message("xong"), c);
  CHECK(a.kind == Kind::apply_reply);
  CHECK(a.task == "3");
  c = linked();
  c.open_tasks = {"7"};
  c.items = 1;
  c.items_without_task = 1;
  CHECK(bot::decide(message("xong"), c).task == "7");
}

TEST_CASE("a bare 'xong' after a report nudge is that report sent") {
  auto c = linked();
  c.items = 1;
  c.items_without_task = 1;
  c.all_done = true;
  c.recent_nudge = bot::Nudge{"", "monthly"};
  auto a = bot::decide(message("xong"), c);
  CHECK(a.kind == Kind::report_submitted);
  CHECK(a.cycle == "monthly");
  CHECK(a.period.empty());
  c.all_done = false;  // "đang làm" says nothing about a report: ask
  CHECK(bot::decide(message("đang làm"), c).kind == Kind::ask_which_task);
}

TEST_CASE("help, what do I owe, thanks and a report sent come before the reply parser") {
  auto c = linked();
  c.intent = bot::Intent::help;
  CHECK(bot::decide(message("hướng dẫn"), c).kind == Kind::help);
  c.intent = bot::Intent::owed;
  CHECK(bot::decide(message("nhiệm vụ của tôi"), c).kind == Kind::owed);
  c.intent = bot::Intent::thanks;
  CHECK(bot::decide(message("cảm ơn"), c).kind == Kind::thanks);
  c.intent = bot::Intent::none;
  c.report = bot::ReportSubmitted{"monthly", "2026-11"};
  auto a = bot::decide(message("Báo cáo tháng 11 đã gửi"), c);
  CHECK(a.kind == Kind::report_submitted);
  CHECK(a.period == "2026-11");
  auto unlinked = c;
  unlinked.body.reset();
  CHECK(bot::decide(message("hướng dẫn"), unlinked).kind == Kind::explain_unlinked);
}

TEST_CASE("items that name their tasks apply directly; nothing understood gets the hint") {
  auto c = linked();
  c.items = 2;
  auto a = bot::decide(message("NV3 xong\nNV5 đang làm"), c);
  CHECK(a.kind == Kind::apply_reply);
  CHECK(a.task.empty());
  c.items = 0;
  CHECK(bot::decide(message("hello"), c).kind == Kind::not_understood);
}

TEST_CASE("buttons: done and in progress apply, blocked and extension ask for more") {
  auto buttons = bot::nudge_buttons("12");
  REQUIRE(buttons.size() == 4);
  CHECK(buttons[0].label == "Hoàn thành");
  CHECK(buttons[3].label == "Xin gia hạn");
  bot::InboundEvent e;
  e.kind = bot::InboundEvent::Kind::button;
  e.callback_data = buttons[0].data;
  auto a = bot::decide(e, linked());
  CHECK(a.kind == Kind::button_status);
  CHECK(a.task == "12");
  CHECK(a.status == "done");
  e.callback_data = buttons[2].data;
  CHECK(bot::decide(e, linked()).kind == Kind::button_prompt);
  e.callback_data = "garbage";
  CHECK(bot::decide(e, linked()).kind == Kind::ignore);
  for (const auto& b : buttons) CHECK(b.data.size() <= 64);
  CHECK(bot::nudge_buttons(std::string(80, 'x')).empty());
}

TEST_CASE("the which-task question lists the open tasks with their numbers") {
  auto s = bot::vi::ask_which_task({{"3", "Xây dựng kế hoạch"}, {"5", "Tuyên truyền"}});
  CHECK(s.find("Nhiệm vụ 3: Xây dựng kế hoạch") != std::string::npos);
  CHECK(s.find("Nhiệm vụ 5: Tuyên truyền") != std::string::npos);
  CHECK(s.rfind("Đồng chí đang báo cáo nhiệm vụ nào?", 0) == 0);
}

TEST_CASE("the bot's texts: one form of address, titles cut at a word, no ids") {
  std::string title =
      "Triển khai ứng dụng chuyển đổi số trong quản lý hồ sơ công việc của các "
      "cơ quan, đơn vị trên địa bàn xã và công khai kết quả giải quyết thủ tục";
  auto s = bot::vi::ask_which_task({{"7", title}});
  CHECK(s.find("…") != std::string::npos);
  CHECK(s.find(" …") == std::string::npos);  // cut after a whole word, not inside one
  CHECK(s.find("anh/chị") == std::string::npos);
  CHECK(bot::vi::link_refused(bot::CodeCheck::used).find("Đồng chí vui lòng") != std::string::npos);
  CHECK(bot::vi::help("bạn").find("Bạn nhắn theo số nhiệm vụ") != std::string::npos);
  CHECK(bot::vi::thanks() == "Cảm ơn đồng chí.");
  std::vector<bot::vi::OwedLine> lines = {
      {"3", "Nhiệm vụ 3: Xây dựng kế hoạch", "30/09/2026", "đang thực hiện 60%", true},
      {"", "Báo cáo tháng 11/2026", "20/11/2026", "chưa gửi", false}};
  auto owed = bot::vi::owed("Phòng Kinh tế", "16/11/2026", lines);
  CHECK(owed.find("Việc của Phòng Kinh tế đến ngày 16/11/2026:") == 0);
  CHECK(owed.find("- Nhiệm vụ 3: Xây dựng kế hoạch (hạn 30/09/2026): đang thực hiện 60%, đã quá "
                  "hạn") != std::string::npos);
  CHECK(owed.find("- Báo cáo tháng 11/2026 (hạn 20/11/2026): chưa gửi") != std::string::npos);
  CHECK(owed.find("«NV3 xong»") != std::string::npos);
}
