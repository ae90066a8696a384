// Task references in chat replies for the reply parser: "NV3", "nv 12:", "nhiệm vụ số 4", "NV 3,
// 4", "NV3 và NV4", and "1." / "2)" at line starts when several lines start so. Internal to
// bot/reply_*.cc; pure, any thread.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bot/reply_tokens.h"

namespace dondoc::bot::reply {

// Tokens [begin, end) name the tasks `tasks` ("3", "2.1"; leading zeros dropped).
struct RefGroup {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::vector<std::string> tasks;
};

// Every reference in the reply, in text order. A leading "N." / "N)" counts only when at least two
// lines of the reply start that way and carry no explicit "NV" reference.
std::vector<RefGroup> find_refs(const Tokens& t);

}  // namespace dondoc::bot::reply
