#include "service/adhoc_reminder.h"

#include <nlohmann/json.hpp>

#include "engine/commands.h"
#include "storage/engine_store.h"

namespace dondoc::service {
namespace {

// "rem|adhoc|vh_xh|2026-11-16T09": one key per body and local clock hour ("rem|": the engine
// store loads that prefix's send-log keys, so the next one this hour is seen).
std::string hour_key(const std::string& body, Instant at) {
  int minute = local_minute_of_day(at);
  std::string hour = std::to_string(minute / 60);
  if (hour.size() < 2) hour = "0" + hour;
  return "rem|adhoc|" + body + "|" + format_date(local_date(at)) + "T" + hour;
}

std::string text_of(const Task& t, const Obligation& ob) {
  return "Văn phòng nhắc: nhiệm vụ " + t.id + " \"" + t.title + "\" — hạn " +
         format_date_vn(ob.due) +
         ". Đề nghị báo cáo tình hình thực hiện (trả lời tin nhắn này, ví dụ: \"" + t.id +
         " xong\" hoặc \"" + t.id + " 50%\").";
}

}  // namespace

Result<std::string> send_adhoc_reminder(Database& db, const AdhocReminder& a) {
  SqliteEngineStore store(db);
  WriteTransaction tx(db);
  auto st = store.load();
  if (!st) return Error{st.error()};
  const Task* task = st->plan.find_task(a.task);
  if (!task) return Error{"Không có nhiệm vụ \"" + a.task + "\"."};
  auto ob = find_obligation(*st, a.task, a.body, "", "", a.at);
  if (!ob) return Error{ob.error()};
  std::string key = hour_key(a.body, a.at);
  if (st->sent.count(key)) {
    return Error{
        "Đã gửi nhắc cơ quan này trong giờ này; mỗi cơ quan chỉ nhận một tin nhắc "
        "thêm mỗi giờ."};
  }
  Message m;
  m.key = key;
  m.recipient = a.body;
  m.kind = MessageKind::reminder;
  m.task = a.task;
  m.text = text_of(*task, *ob);
  m.not_before = a.at;
  m.send_keys = {key};
  m.due = ob->due;
  m.nominal_due = ob->nominal_due;
  Batch b;
  b.messages.push_back(m);
  nlohmann::json detail{{"task", a.task}, {"body", a.body}, {"text", m.text}};
  b.audit.push_back({"adhoc_reminder", ob->id, "web:" + a.by, detail.dump(), a.at});
  store.apply_in_transaction(b);
  tx.commit();
  return m.text;
}

}  // namespace dondoc::service
