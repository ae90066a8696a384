// The Vietnamese texts of explanation requests (declared in engine/messages_vi.h): the request to
// the body, the receipt of its answer, the note to the asker, the confirmations and refusals. The
// reminder and the escalation line are the generic ones (messages_vi.cc). Pure; any thread.
#include "engine/messages_vi.h"

namespace dondoc::vi {
namespace {

// "chưa gửi Báo cáo tháng 10/2026" / "chậm thực hiện Nhiệm vụ 3: …".
std::string matter(const Explained& e) {
  return (e.report ? "chưa gửi " : "chậm thực hiện ") + e.subject;
}

}  // namespace

std::string explanation_hint(const std::string& ref) {
  return "Trả lời bằng tin nhắn bắt đầu bằng «Giải trình " + ref + ": …».";
}

std::string explanation_request(const std::string& greeting, const std::string& asker_name,
                                const Explained& e, const std::string& reason, Date due,
                                int working_days) {
  std::string text = greeting + "\n" + (asker_name.empty() ? "Lãnh đạo UBND xã" : asker_name) +
                     " đề nghị " + e.body_name + " giải trình việc " + matter(e) + ".";
  if (!reason.empty()) text += "\nNội dung yêu cầu: " + reason;
  text += "\nHạn trả lời: " + day_with_weekday(due) + " (trong " + std::to_string(working_days) +
          " ngày làm việc).\n" + explanation_hint(e.ref);
  return text;
}

std::string explanation_answer_note(const std::string& greeting, const Explained& e,
                                    const std::string& answer, Date answered) {
  return greeting + "\n" + e.body_name + " đã giải trình " + e.ref + " về việc " + matter(e) +
         " (ngày " + format_date_vn(answered) + "):\n«" + answer + "»";
}

std::string explanation_receipt(const Explained& e, const std::string& address) {
  return "Đã nhận giải trình " + e.ref + " của " + e.body_name + " về việc " + matter(e) +
         ". Cảm ơn " + address + ".";
}

std::string explanation_sent(const Explained& e, Date due) {
  return "Đã gửi yêu cầu giải trình " + e.ref + " đến " + e.body_name + " về việc " + matter(e) +
         "; hạn trả lời " + format_date_vn(due) + ".";
}

std::string error_explanation_leaders_only() {
  return "Chỉ lãnh đạo (Thường trực, Chủ tịch, Phó Chủ tịch, Văn phòng) mới yêu cầu giải trình. "
         "Để trả lời một yêu cầu giải trình, gửi tin nhắn bắt đầu bằng «Giải trình GT…: …».";
}

std::string error_explanation_unknown_body(const std::string& words) {
  return "Không rõ cơ quan \"" + words + "\". Ví dụ: \"giải trình NV3 Phòng Kinh tế\".";
}

std::string error_explanation_subject() {
  return "Cần nêu một nhiệm vụ, hoặc một kỳ báo cáo và kỳ (tháng/quý/năm).";
}

std::string error_explanation_period() { return "Cần nêu kỳ của báo cáo (ví dụ 2026-10)."; }

std::string error_explanation_routine(const std::string& what) {
  return what + " là nhiệm vụ thường xuyên, không có hạn để quá hạn.";
}

std::string error_explanation_done(const std::string& what, const std::string& body_name,
                                   bool report) {
  return what + " của " + body_name + " đã " + (report ? "được gửi" : "hoàn thành") +
         ", không cần giải trình.";
}

std::string error_explanation_not_overdue(const std::string& what, const std::string& body_name,
                                          Date due) {
  return what + " của " + body_name + " chưa quá hạn (hạn " + format_date_vn(due) +
         "), chưa thể yêu cầu giải trình.";
}

std::string error_explanation_open(const std::string& body_name) {
  return "Đã có yêu cầu giải trình về nội dung này đang chờ " + body_name + " trả lời.";
}

std::string error_report_period_not_shown(const std::string& period,
                                          const std::string& cycle_title) {
  return "Kỳ \"" + period + "\" không có trong bảng " + cycle_title + " của trang Tổng quan.";
}

std::string error_report_not_owed(const std::string& body_name, const std::string& cycle_title) {
  return body_name + " không phải gửi " + cycle_title + ".";
}

std::string error_explanation_not_tracked(const std::string& what, const std::string& body_name) {
  return what + " của " + body_name +
         " thuộc thời gian trước khi bắt đầu theo dõi, không yêu cầu giải trình.";
}

std::string error_explanation_none_open(const std::string& ref, const std::string& body_name) {
  std::string who = body_name.empty() ? "" : " của " + body_name;
  return ref.empty() ? "Không có yêu cầu giải trình nào" + who + " đang chờ trả lời."
                     : "Không có yêu cầu giải trình " + ref + who + ".";
}

std::string error_explanation_answered(const std::string& ref, Date answered) {
  return "Yêu cầu giải trình " + ref + " đã được trả lời ngày " + format_date_vn(answered) + ".";
}

std::string error_explanation_empty() { return "Nội dung giải trình trống."; }

std::string error_explanation_too_long(std::size_t max_bytes) {
  return "Nội dung quá dài (tối đa " + std::to_string(max_bytes) + " byte).";
}

}  // namespace dondoc::vi
