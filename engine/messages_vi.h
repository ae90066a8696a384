// Every Vietnamese text the engine puts in a message or a confirmation, in one place (STYLE.md:
// one templates file per language). Pure; any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/obligation.h"
#include "engine/plan_index.h"
#include "engine/status.h"

namespace dondoc::vi {

// "thứ Sáu", "Chủ nhật".
std::string weekday(Date d);
// "thứ Sáu 18/12/2026".
std::string day_with_weekday(Date d);

// What one obligation is about, ready for a sentence.
struct Item {
  std::string label;  // "Báo cáo tháng 11/2026" / "Nhiệm vụ 3: Xây dựng kế hoạch …"
  std::string body_name;  // who owes it: "Phòng Văn hóa - Xã hội"
  std::string to_name;    // report cycles: who receives the report, else ""
  Date due{};
  int working_days = 0;  // left before the due date (reminders) or past it (escalations)
};

Item describe(const Obligation& o, const PlanIndex& plan, const Rules& rules, int working_days);

// "Nhắc việc: Báo cáo tháng 11/2026 gửi Phòng Văn hóa - Xã hội, hạn thứ Sáu 18/12/2026 (còn 3
// ngày làm việc)".
std::string reminder(const Item& it);
// The same without the "Nhắc việc: " prefix, for a line in a digest.
std::string reminder_line(const Item& it);
std::string escalation(const Item& it, bool not_acknowledged, bool to_owner);
std::string blocker(const Item& it, const std::string& reason);
// Several messages for one recipient at one moment.
std::string digest(const std::vector<std::string>& lines);
// The first tick: what was already overdue when follow-up started.
std::string history_entry(const std::vector<std::string>& lines);
// Missed time (the server was down): what should have been sent.
std::string catch_up(const std::vector<std::string>& lines);
// The standing committee's daily digest: "N nhiệm vụ quá hạn, M vướng mắc" (tasks, not
// assignees; ", K báo cáo chưa nộp" when reports are late) and one line per task or report.
std::string committee_digest(Date day, int tasks, int reports, int blocked,
                             const std::vector<std::string>& lines);
// "Nhiệm vụ 3: Xây dựng kế hoạch chuyển đổi…" (title cut to 60 characters) or the report's label.
std::string short_label(const Obligation& o, const PlanIndex& plan, const Rules& rules);
// "<label> — quá hạn 12 ngày làm việc: Phòng Kinh tế, Phòng Văn hóa - Xã hội (vướng mắc: …)".
std::string committee_line(const std::string& label, int late_days,
                           const std::vector<std::string>& bodies);

// One failed message for the secretariat: "tới Phòng Kinh tế (chưa liên kết tài khoản trò
// chuyện): Nhắc việc: Báo cáo tháng 11/2026 …" (text cut to 80 characters, error to 60).
std::string send_failure_line(const std::string& body_name, const std::string& error,
                              const std::string& text);
// "Không gửi được 2 tin nhắn sau nhiều lần thử:" and one "- " line per failure listed (`total` may
// exceed the lines listed: "… (liệt kê 30 tin)").
std::string send_failures(std::size_t total, const std::vector<std::string>& lines);

// "hoàn thành (đúng hạn)", "đang thực hiện 40%", "vướng mắc: thiếu kinh phí", … `due` is empty
// for a continuous task, whose "done" is neither on time nor late.
std::string status_phrase(const ObligationState& s, std::optional<Date> due);
// "Đã ghi nhận: NV3 — hoàn thành (đúng hạn)".
std::string confirmation(const std::string& subject, const std::string& phrase);
std::string extension_decision(const std::string& subject, bool approved, Date due);

}  // namespace dondoc::vi
