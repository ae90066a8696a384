#include "engine/messages_vi.h"

#include "rules/text.h"

namespace dondoc::vi {
namespace {

constexpr std::size_t kMaxTitleChars = 120;

// The first `n` code points of valid UTF-8, with "…" when cut.
std::string shorten(const std::string& s, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == n) {
      return s.substr(0, i) + "…";
    }
  }
  return s;
}

const char* const kRoman[] = {"I", "II", "III", "IV"};

std::string period_label(const ReportCycle& c, const std::string& period) {
  if (period.size() == 7 && period[5] == 'Q') {  // 2026-Q4
    int q = period[6] - '1';
    std::string folded = text::fold(c.title);
    bool says_quarter = folded.size() >= 3 && folded.substr(folded.size() - 3) == "quy";
    return (says_quarter ? "" : "quý ") + std::string(kRoman[q < 0 || q > 3 ? 0 : q]) + "/" +
           period.substr(0, 4);
  }
  if (period.size() == 7 && period[4] == '-') {  // 2026-11 -> 11/2026, 2026-03 -> 3/2026
    return period.substr(period[5] == '0' ? 6 : 5) + "/" + period.substr(0, 4);
  }
  std::string folded = text::fold(c.title);
  bool ends_with_year = folded.size() >= 3 && folded.substr(folded.size() - 3) == "nam";
  return (ends_with_year ? "" : "năm ") + period;
}

std::string body_name(const PlanIndex& plan, const std::string& id) {
  const Body* b = plan.body(id);
  return b ? b->name : id;
}

std::string day_count(int n) { return std::to_string(n) + " ngày làm việc"; }

}  // namespace

std::string weekday(Date d) {
  static const char* const kNames[] = {"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư",
                                       "thứ Năm",  "thứ Sáu", "thứ Bảy"};
  return kNames[weekday_of(d)];
}

std::string day_with_weekday(Date d) { return weekday(d) + " " + format_date_vn(d); }

Item describe(const Obligation& o, const PlanIndex& plan, const Rules& rules, int working_days) {
  Item it;
  it.body_name = body_name(plan, o.body);
  it.due = o.due;
  it.working_days = working_days;
  if (!o.cycle.empty()) {
    const ReportCycle* cycle = nullptr;
    for (const auto& c : rules.report_cycles)
      if (c.name == o.cycle) cycle = &c;
    std::string title = cycle && !cycle->title.empty() ? cycle->title : "Báo cáo " + o.cycle;
    it.label = title + " " + (cycle ? period_label(*cycle, o.period) : o.period);
    if (cycle && !cycle->to.empty()) it.to_name = body_name(plan, cycle->to);
    return it;
  }
  const Task* t = plan.task(o.task);
  it.label = "Nhiệm vụ " + o.task;
  if (t && !t->title.empty())
    it.label += ": " + shorten(text::collapse_space(t->title), kMaxTitleChars);
  if (!o.period.empty()) it.label += " (năm " + o.period + ")";
  if (o.role == Assignee::Role::coordinator) it.label += " (phối hợp)";
  return it;
}

std::string reminder(const Item& it) { return "Nhắc việc: " + reminder_line(it); }

std::string reminder_line(const Item& it) {
  std::string s = it.label;
  if (!it.to_name.empty()) s += " gửi " + it.to_name;
  s += ", hạn " + day_with_weekday(it.due);
  s += it.working_days > 0 ? " (còn " + day_count(it.working_days) + ")" : " (hạn là hôm nay)";
  return s;
}

std::string escalation(const Item& it, bool not_acknowledged, bool to_owner) {
  std::string what = not_acknowledged ? "chưa phản hồi nhắc việc" : "chưa hoàn thành";
  std::string late =
      "quá hạn " + day_count(it.working_days) + " (hạn " + format_date_vn(it.due) + ")";
  if (to_owner) return "Quá hạn: " + it.label + " " + what + ", " + late + ".";
  return "Chuyển cấp: " + it.body_name + " " + what + " " + it.label + ", " + late + ".";
}

std::string blocker(const Item& it, const std::string& reason) {
  return "Vướng mắc: " + it.body_name + " báo vướng mắc ở " + it.label +
         (reason.empty() ? "" : ": " + reason) + ". Đề nghị đồng chí chỉ đạo tháo gỡ.";
}

namespace {
std::string with_lines(std::string head, const std::vector<std::string>& lines) {
  for (const auto& l : lines) head += "\n- " + l;
  return head;
}
}  // namespace

std::string digest(const std::vector<std::string>& lines) {
  return with_lines("Nhắc việc (" + std::to_string(lines.size()) + " nội dung):", lines);
}

std::string send_failure_line(const std::string& body_name, const std::string& error,
                              const std::string& text) {
  std::string why = error == "no linked chat" ? "chưa liên kết tài khoản trò chuyện" : error;
  std::string flat = text;
  for (char& ch : flat)
    if (ch == '\n') ch = ' ';
  std::string line = "tới " + body_name;
  if (!why.empty()) line += " (" + shorten(why, 60) + ")";
  return line + ": " + shorten(flat, 80);
}

std::string send_failures(std::size_t total, const std::vector<std::string>& lines) {
  std::string head = "Không gửi được " + std::to_string(total) + " tin nhắn sau nhiều lần thử";
  if (total > lines.size()) head += " (liệt kê " + std::to_string(lines.size()) + " tin)";
  return with_lines(head + ":", lines);
}

std::string history_entry(const std::vector<std::string>& lines) {
  return with_lines(
      "Bắt đầu theo dõi: " + std::to_string(lines.size()) + " nội dung đã quá hạn cần xử lý:",
      lines);
}

std::string catch_up(const std::vector<std::string>& lines) {
  return with_lines("Tổng hợp các nhắc việc trong thời gian hệ thống tạm dừng (" +
                        std::to_string(lines.size()) + " nội dung):",
                    lines);
}

std::string committee_digest(Date day, int tasks, int reports, int blocked,
                             const std::vector<std::string>& lines) {
  std::string head = "Báo cáo Thường trực Đảng ủy ngày " + format_date_vn(day) + ": " +
                     std::to_string(tasks) + " nhiệm vụ quá hạn, ";
  if (reports > 0) head += std::to_string(reports) + " báo cáo chưa nộp, ";
  return with_lines(head + std::to_string(blocked) + " vướng mắc", lines);
}

std::string short_label(const Obligation& o, const PlanIndex& plan, const Rules& rules) {
  constexpr std::size_t kShortTitleChars = 60;
  if (!o.cycle.empty()) return describe(o, plan, rules, 0).label;
  const Task* t = plan.task(o.task);
  std::string label = "Nhiệm vụ " + o.task;
  if (t && !t->title.empty())
    label += ": " + shorten(text::collapse_space(t->title), kShortTitleChars);
  return label;
}

std::string committee_line(const std::string& label, int late_days,
                           const std::vector<std::string>& bodies) {
  std::string who;
  for (const auto& b : bodies) who += (who.empty() ? "" : ", ") + b;
  return label + " — quá hạn " + day_count(late_days) + ": " + who;
}

std::string status_phrase(const ObligationState& s, std::optional<Date> due) {
  switch (s.status) {
    case Status::not_started:
      return "chưa bắt đầu";
    case Status::in_progress:
      return "đang thực hiện " + std::to_string(s.percent) + "%";
    case Status::done:
      if (!due) return "hoàn thành";
      return std::string("hoàn thành (") + (done_on_time(s, *due) ? "đúng hạn" : "trễ hạn") + ")";
    case Status::blocked:
      return "vướng mắc" + (s.reason.empty() ? "" : ": " + s.reason);
    case Status::extension_requested:
      return "xin gia hạn" + (s.requested_due ? " đến " + format_date_vn(*s.requested_due) : "");
    case Status::extension_approved:
      return due ? "được gia hạn đến " + format_date_vn(effective_due(s, *due)) : "được gia hạn";
    case Status::extension_rejected:
      return "không được gia hạn";
  }
  return "";
}

std::string confirmation(const std::string& subject, const std::string& phrase) {
  return "Đã ghi nhận: " + subject + " — " + phrase;
}

std::string extension_decision(const std::string& subject, bool approved, Date due) {
  if (approved) return "Gia hạn được duyệt: " + subject + ", hạn mới " + format_date_vn(due) + ".";
  return "Gia hạn không được duyệt: " + subject + ", hạn vẫn là " + format_date_vn(due) + ".";
}

}  // namespace dondoc::vi
