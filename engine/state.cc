#include "engine/state.h"

namespace dondoc {

std::string_view to_string(MessageKind k) {
  switch (k) {
    case MessageKind::reminder:
      return "reminder";
    case MessageKind::escalation:
      return "escalation";
    case MessageKind::digest:
      return "digest";
    case MessageKind::blocker:
      return "blocker";
    case MessageKind::confirmation:
      return "confirmation";
    case MessageKind::catch_up:
      return "catch_up";
    case MessageKind::link:
      return "link";
    case MessageKind::explanation:
      return "explanation";
    case MessageKind::question:
      return "question";
    case MessageKind::hint:
      return "hint";
    case MessageKind::help:
      return "help";
    case MessageKind::owed:
      return "owed";
    case MessageKind::acknowledgement:
      return "acknowledgement";
  }
  return "reminder";
}

std::optional<MessageKind> message_kind_from(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(MessageKind::acknowledgement); ++i) {
    auto k = static_cast<MessageKind>(i);
    if (to_string(k) == s) return k;
  }
  return std::nullopt;
}

std::vector<Message> apply_batch(EngineState& state, const Batch& batch) {
  std::vector<Message> fresh;
  for (const auto& m : batch.messages) {
    bool any_new = m.send_keys.empty();
    for (const auto& k : m.send_keys) any_new |= state.sent.insert(k).second;
    if (any_new && state.sent.insert("msg|" + m.key).second) fresh.push_back(m);
  }
  for (const auto& k : batch.silent_keys) state.sent.insert(k);
  for (const auto& s : batch.states) state.obligations[s.id] = s;
  if (batch.history_start && !state.history_start) state.history_start = batch.history_start;
  if (batch.last_tick && (!state.last_tick || *batch.last_tick > *state.last_tick)) {
    state.last_tick = batch.last_tick;
  }
  return fresh;
}

}  // namespace dondoc
