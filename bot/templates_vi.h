// The bot's Vietnamese texts, in one place: link confirmations and refusals, the explanation for
// unlinked chats, the "which task?" question, button labels and the Zalo reply hint. Pure; any
// thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bot/linking.h"

namespace dondoc::bot::vi {

std::string link_ok(std::string_view body_name);
std::string link_refused(CodeCheck why);
std::string unlinked_explanation();

// A task as listed to the user: its number and title.
struct TaskLine {
  std::string id;
  std::string title;
};
std::string ask_which_task(const std::vector<TaskLine>& open_tasks);
std::string not_understood();
std::string zalo_reply_hint();
// Asked after a "Vướng mắc" / "Xin gia hạn" button: what to write back.
std::string ask_blocked_reason(std::string_view task);
std::string ask_extension_date(std::string_view task);
std::string button_received();
std::string no_chat_channel();

// Button labels in display order: done, in progress, blocked, extension.
inline constexpr std::string_view kButtonDone = "Hoàn thành";
inline constexpr std::string_view kButtonInProgress = "Đang làm";
inline constexpr std::string_view kButtonBlocked = "Vướng mắc";
inline constexpr std::string_view kButtonExtension = "Xin gia hạn";

}  // namespace dondoc::bot::vi
