#include "service/blocker.h"

#include <nlohmann/json.hpp>

#include "engine/commands.h"
#include "storage/engine_store.h"

namespace dondoc::service {

Result<CommandOutcome> handle_blocker(Database& db, const BlockerHandled& h) {
  if (h.note.empty()) return Error{"Cần ghi chú đã xử lý vướng mắc thế nào."};
  SqliteEngineStore store(db);
  WriteTransaction tx(db);
  auto st = store.load();
  if (!st) return Error{st.error()};
  auto ob = find_obligation(*st, h.task, h.body, "", "", h.at);
  if (!ob) return Error{ob.error()};
  auto it = st->obligations.find(ob->id);
  if (it == st->obligations.end() || it->second.status != Status::blocked) {
    return Error{"Nhiệm vụ này không có vướng mắc đang chờ xử lý."};
  }
  ObligationState s = it->second;
  std::string reason = s.reason;
  s.status = Status::in_progress;
  s.reason.clear();
  s.status_at = h.at;
  s.source = "web:" + h.by;
  Batch b;
  b.states.push_back(s);
  nlohmann::json detail{{"task", h.task}, {"body", h.body}, {"reason", reason}, {"note", h.note}};
  b.audit.push_back({"blocker_handled", ob->id, "web:" + h.by, detail.dump(), h.at});
  store.apply_in_transaction(b);
  tx.commit();
  return CommandOutcome{s, ""};
}

}  // namespace dondoc::service
