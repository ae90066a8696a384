// What a parsed chat reply asks the engine to do: one ReplyItem of a linked body becomes one
// engine Command, so an engine test can prove what "NV3 xong" does without a socket
// (parse_reply -> to_command -> apply_command). Pure; any thread.
#pragma once

#include <string>

#include "bot/reply_parser.h"
#include "engine/commands.h"

namespace dondoc::bot {

// The command for `item` from `body`; `task` stands for items that name none (the nudge the reply
// answers, or the body's only open task). A percent is kept only when one was written; a done item
// is 100 %, and "in progress" never reaches 100 %.
Command to_command(const ReplyItem& item, const std::string& body, const std::string& task,
                   Instant at, const std::string& source);

}  // namespace dondoc::bot
