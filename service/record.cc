#include "service/record.h"

#include "storage/engine_store.h"

namespace dondoc::service {

Result<CommandOutcome> apply(Database& db, const Command& cmd) {
  SqliteEngineStore store(db);
  WriteTransaction tx(db);
  auto st = store.load();
  if (!st) return Error{st.error()};
  auto batch = apply_command(*st, cmd);
  if (!batch) return Error{batch.error()};
  store.apply_in_transaction(*batch);
  tx.commit();
  CommandOutcome out;
  if (!batch->states.empty()) out.state = batch->states.front();
  if (!batch->messages.empty()) out.message = batch->messages.front().text;
  return out;
}

Result<CommandOutcome> record(Database& db, const Command& cmd) {
  if (cmd.kind != Command::Kind::set_status && cmd.kind != Command::Kind::acknowledge) {
    return Error{"Lệnh ghi nhận chỉ nhận trạng thái, không nhận quyết định gia hạn."};
  }
  return apply(db, cmd);
}

}  // namespace dondoc::service
