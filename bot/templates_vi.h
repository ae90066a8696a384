// The bot's own Vietnamese texts, in one place: link confirmations and refusals, the explanation
// for unlinked chats, "which task?", how to reply (help), what a body owes, the short answer to
// thanks, button labels and the reply hint for platforms without buttons. One form of address
// (`address`: the rules' "đồng chí" by default), tasks as "Nhiệm vụ N", titles cut at a word.
// Pure; any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bot/linking.h"

namespace dondoc::bot::vi {

inline constexpr std::string_view kDefaultAddress = "đồng chí";

std::string link_ok(std::string_view body_name, std::string_view address = kDefaultAddress);
std::string link_refused(CodeCheck why, std::string_view address = kDefaultAddress);
// The one answer once a chat has tried too many wrong codes: try again after retry_at (HH:MM local
// time, with the date when it is not today's).
std::string link_throttled(Instant retry_at, Instant now,
                           std::string_view address = kDefaultAddress);
std::string unlinked_explanation();

// A task as listed to the user: its number and title.
struct TaskLine {
  std::string id;
  std::string title;
};
std::string ask_which_task(const std::vector<TaskLine>& open_tasks,
                           std::string_view address = kDefaultAddress);
std::string not_understood(std::string_view address = kDefaultAddress);
// "hướng dẫn", "/help": how to reply, with examples.
std::string help(std::string_view address = kDefaultAddress);

// One thing a body owes, as "nhiệm vụ của tôi" lists it.
struct OwedLine {
  std::string task;   // "3" for a task, "" for a report
  std::string label;  // "Nhiệm vụ 3: Xây dựng kế hoạch …" / "Báo cáo tháng 11/2026"
  std::string due;    // "30/09/2026", "" for continuous work
  std::string status;  // "chưa báo cáo", "đang thực hiện 60%"
  bool overdue = false;
};
// The body's open tasks and reports, numbered by their task numbers so the next reply can use them.
std::string owed(std::string_view body_name, std::string_view today,
                 const std::vector<OwedLine>& lines, std::string_view address = kDefaultAddress);
// "cảm ơn", "ok", "đã nhận": a short answer; nothing is recorded.
std::string thanks(std::string_view address = kDefaultAddress);
// "đăng nhập": the one-time link to the dashboard, valid `minutes`; or why there is none.
std::string sign_in_link(std::string_view url, int minutes,
                         std::string_view address = kDefaultAddress);
std::string sign_in_refused(std::string_view why);
// A status could not be recorded: the engine's reason.
std::string not_recorded(std::string_view why);
// Nothing was recorded and no reason was given.
std::string recorded();

// Asked after a "Vướng mắc" / "Xin gia hạn" button: what to write back.
std::string ask_blocked_reason(std::string_view task, std::string_view address = kDefaultAddress);
std::string ask_extension_date(std::string_view task, std::string_view address = kDefaultAddress);
std::string button_received();
std::string no_chat_channel();

// Button labels in display order: done, in progress, blocked, extension.
inline constexpr std::string_view kButtonDone = "Hoàn thành";
inline constexpr std::string_view kButtonInProgress = "Đang làm";
inline constexpr std::string_view kButtonBlocked = "Vướng mắc";
inline constexpr std::string_view kButtonExtension = "Xin gia hạn";

}  // namespace dondoc::bot::vi
