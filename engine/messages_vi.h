// Every Vietnamese text the engine puts in a message, a confirmation or an error, in one place
// (STYLE.md: one templates file per language). Bodies by name, tasks as "Nhiệm vụ N", one form of
// address (Rules::address), titles cut at a word. Pure; any thread.
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
  std::string body_name;   // who owes it: "Phòng Văn hóa - Xã hội"
  std::string to_name;     // report cycles: who receives the report, else ""
  std::string task;        // the task's id, "" for a report
  std::string output;      // the task's expected output (Kết quả), "" when none
  std::string indicators;  // report of Rules::indicator_cycle: the body's indicators, "1.4, 2.1"
  // ... and each in words: "1.4 Tỷ lệ … (đơn vị %; mốc năm 2030: ≥ 60)"
  std::vector<std::string> indicator_lines;
  Date due{};
  int working_days = 0;     // left before the due date (reminders: < 0 once past) or past it
  std::string explanation;  // "GT12" for an explanation request, else ""
};

Item describe(const Obligation& o, const PlanIndex& plan, const Rules& rules, int working_days);
// "Nhiệm vụ 3" / "Nhiệm vụ 8 (năm 2026)" / "Báo cáo tháng 11/2026": the subject of a confirmation.
std::string subject(const Obligation& o, const PlanIndex& plan, const Rules& rules);
// Labels of several reports due the same day, joined: "Báo cáo quý II/2026 và Báo cáo 6 tháng".
void merge_labels(Item& into, const Item& other);

// "Kính gửi đồng chí lãnh đạo Phòng Kinh tế," (a person: "Kính gửi đồng chí Chủ tịch UBND xã,";
// a committee: "Kính gửi các đồng chí Thường trực Đảng ủy,").
std::string greeting(const Body* body, const std::string& id, const std::string& address);
// The address used after the greeting, to match it: "các đồng chí" to a committee, else `address`.
std::string addressee(const Body* body, const std::string& address);

// Lateness in plain words: "quá hạn 3 ngày làm việc" while short, then "quá hạn 3 tháng",
// "quá hạn hơn 2 năm".
std::string overdue_words(Date due, Date today, int working_days);

// "Nhắc việc: Báo cáo tháng 11/2026 gửi Phòng Văn hóa - Xã hội, hạn thứ Năm 19/11/2026 (còn 3
// ngày làm việc)".
std::string reminder_line(const Item& it);
// "Kèm số liệu chỉ tiêu 1.4, 2.1 (nhắn: CT 1.4: giá trị):" then one "  + " line per indicator
// (name, unit, next milestone from the report's year); "" when the item owes none.
std::string indicators_line(const Item& it);
// "Kết quả cần có: Kế hoạch." or "" when the task names none.
std::string output_line(const Item& it);
// To the owner: "Quá hạn: Nhiệm vụ 3: … chưa hoàn thành, quá hạn 2 ngày làm việc (hạn …)."; to
// anyone else: "Chuyển cấp: Phòng Kinh tế chưa phản hồi nhắc việc về Nhiệm vụ 3: …".
std::string escalation_line(const Item& it, bool not_acknowledged, bool to_owner,
                            const std::string& late);
std::string blocker_line(const Item& it, const std::string& reason, const std::string& address);
// How to reply, short and numbered, for a task ("NV3") and/or a report (its label).
// How to answer explanation request `ref` ("GT12"): "Trả lời bằng tin nhắn bắt đầu bằng …".
std::string explanation_hint(const std::string& ref);
std::string reply_hint(const std::string& task, Date due, const std::string& report_label);

// A message: the greeting, then one line on its own or a heading and "- " lines, then the tail.
std::string compose(const std::string& greeting, const std::vector<std::string>& lines,
                    const std::string& address, const std::string& tail);
// Missed time (the server was down): what should have been sent, each item in today's state.
std::string catch_up(const std::string& greeting, const std::vector<std::string>& lines,
                     const std::string& tail);
// The first tick: what the body owes under the plan, numbered, and how reminders will come.
std::string owed(const std::string& greeting, const std::string& body_name,
                 const std::vector<std::string>& lines, const std::string& address,
                 const std::string& tail);
// One line of `owed`: "Nhiệm vụ 4: … — hạn 30/09/2025, đã quá hạn 1 năm" / "— thực hiện thường
// xuyên" / "Báo cáo tháng 10/2026 gửi …, hạn thứ Hai 19/10/2026".
std::string owed_line(const Item& it, bool dated, Date today, int late_working_days);

// The standing committee's digest: counts (tasks, not assignees), what is new since the last one,
// then what remains (counted, or listed in full once a week).
struct CommitteeCounts {
  int tasks = 0;
  int reports = 0;
  int blocked = 0;
};
std::string committee_digest(const std::string& greeting, Date day, const CommitteeCounts& counts,
                             const std::vector<std::string>& fresh,
                             const std::vector<std::string>& remaining, bool full);
// "Nhiệm vụ 3: Xây dựng kế hoạch chuyển đổi số" (title cut at a word) or the report's label.
std::string short_label(const Obligation& o, const PlanIndex& plan, const Rules& rules);
// "<label> (hạn 31/12/2026, quá hạn 3 tháng): Phòng Kinh tế (chủ trì, chưa báo cáo tiến độ);
// Phòng Văn hóa - Xã hội (phối hợp, đang thực hiện 50%)".
std::string committee_line(const std::string& label, Date due, const std::string& late,
                           const std::vector<std::string>& bodies);
// "Phòng Kinh tế (chủ trì, vướng mắc: thiếu kinh phí)"; a report's body shows no role.
std::string committee_body(const std::string& name, std::optional<Assignee::Role> role,
                           const ObligationState& s);

// One failed message for the secretariat: "tới Phòng Kinh tế (chưa liên kết tài khoản trò
// chuyện): Nhắc việc: Báo cáo tháng 11/2026 …" (text cut to 80 characters, error to 60).
std::string send_failure_line(const std::string& body_name, const std::string& error,
                              const std::string& text);
// "Không gửi được 2 tin nhắn sau nhiều lần thử:" and one "- " line per failure listed (`total` may
// exceed the lines listed: "… (liệt kê 30 tin)").
std::string send_failures(std::size_t total, const std::vector<std::string>& lines);

// "hoàn thành (đúng hạn)", "đang thực hiện 40%" ("đang thực hiện" when no percent was given), …
// `due` is empty for a continuous task, whose "done" is neither on time nor late.
std::string status_phrase(const ObligationState& s, std::optional<Date> due);
// "Đã ghi nhận: Nhiệm vụ 3 — hoàn thành (đúng hạn)".
std::string confirmation(const std::string& subject, const std::string& phrase);
std::string extension_decision(const std::string& subject, bool approved, Date due);

// Errors of engine commands, shown to the person who wrote.
std::string error_unknown_body(const std::string& id);
std::string error_unknown_cycle(const std::string& cycle);
std::string error_unknown_task(const std::string& task);
std::string error_not_assigned(const std::string& body_name, const std::string& task,
                               const std::string& leads, const std::string& coordinators);
std::string error_directing(const std::string& body_name, const std::string& task);
std::string error_nothing_owed(const std::string& body_name, const std::string& what);
std::string error_no_pending_extension();
std::string error_percent();
std::string error_extension_date(Date due);
std::string error_decision_by_command();
std::string error_continuous_extension(const std::string& task);
// "Nhiệm vụ 3" / "Báo cáo tháng" for error texts.
std::string task_name(const std::string& task);
std::string report_name(const std::string& cycle_title, const std::string& period);
// "không có" when a task has no body in a role.
std::string none();

// ---- Explanation requests (yêu cầu giải trình; engine/messages_vi_explain.cc) ----
struct Explained {
  std::string ref;        // "GT12"
  std::string body_name;  // the body asked: "Phòng Văn hóa - Xã hội"
  std::string subject;    // "Nhiệm vụ 3: …" / "Báo cáo tháng 10/2026"
  bool report = false;    // a missing report (else an overdue task)
};
// To the body (asker_name "" = "Lãnh đạo UBND xã"): greeting; who asks what ("Thường trực Đảng ủy
// đề nghị Phòng Kinh tế giải trình việc chưa gửi Báo cáo tháng 10/2026."); the asker's words; "Hạn
// trả lời: thứ Sáu 04/12/2026 (trong 3 ngày làm việc)."; how to answer (explanation_hint).
std::string explanation_request(const std::string& greeting, const std::string& asker_name,
                                const Explained& e, const std::string& reason, Date due,
                                int working_days);
// To the asker once the body answered: greeting, who answered what and when, the answer quoted.
std::string explanation_answer_note(const std::string& greeting, const Explained& e,
                                    const std::string& answer, Date answered);
// To the body that answered: "Đã nhận giải trình GT12 của … về việc …. Cảm ơn đồng chí."
std::string explanation_receipt(const Explained& e, const std::string& address);
// To whoever asked (chat, dashboard): "Đã gửi yêu cầu giải trình GT12 đến …; hạn trả lời …."
std::string explanation_sent(const Explained& e, Date due);
// The chat command's refusals and the use cases' errors.
std::string error_explanation_leaders_only();
std::string error_explanation_unknown_body(const std::string& words);
std::string error_explanation_subject();
std::string error_explanation_period();
std::string error_explanation_routine(const std::string& what);
std::string error_explanation_done(const std::string& what, const std::string& body_name,
                                   bool report);
std::string error_explanation_not_overdue(const std::string& what, const std::string& body_name,
                                          Date due);
std::string error_explanation_open(const std::string& body_name);
// The dashboard's form for a missing report (GET /giai-trinh): a period that is not a column of
// the cycle's grid, a body that owes no report of the cycle, a period before the follow-up began.
std::string error_report_period_not_shown(const std::string& period,
                                          const std::string& cycle_title);
std::string error_report_not_owed(const std::string& body_name, const std::string& cycle_title);
std::string error_explanation_not_tracked(const std::string& what, const std::string& body_name);
// ref "" = the body's latest open request; body_name "" = any body.
std::string error_explanation_none_open(const std::string& ref, const std::string& body_name);
std::string error_explanation_answered(const std::string& ref, Date answered);
std::string error_explanation_empty();
std::string error_explanation_too_long(std::size_t max_bytes);

}  // namespace dondoc::vi
