#include "engine/messages_vi.h"

#include <cctype>
#include <cstring>

#include "rules/text.h"

namespace dondoc::vi {
namespace {

constexpr std::size_t kMaxTitleChars = 100;
constexpr std::size_t kShortTitleChars = 60;

// The first `n` code points of valid UTF-8, with "…" when cut (for free text such as errors).
std::string shorten(const std::string& s, std::size_t n) {
  std::string_view head = text::utf8_prefix(s, text::code_points_prefix_bytes(s, n));
  return head.size() < s.size() ? std::string(head) + "…" : s;
}

const char* const kRoman[] = {"I", "II", "III", "IV"};

bool ends_with_folded(const std::string& title, std::string_view word) {
  std::string folded = text::fold(title);
  return folded.size() >= word.size() && folded.substr(folded.size() - word.size()) == word;
}

std::string period_label(const ReportCycle& c, const std::string& period) {
  if (period.size() == 7 && period[5] == 'Q') {  // 2026-Q4
    int q = period[6] - '1';
    return (ends_with_folded(c.title, "quy") ? "" : "quý ") +
           std::string(kRoman[q < 0 || q > 3 ? 0 : q]) + "/" + period.substr(0, 4);
  }
  if (period.size() == 7 && period[4] == '-') {  // 2026-11 -> 11/2026, 2026-03 -> 3/2026
    return period.substr(period[5] == '0' ? 6 : 5) + "/" + period.substr(0, 4);
  }
  return (ends_with_folded(c.title, "nam") ? "" : "năm ") + period;
}

std::string body_name(const PlanIndex& plan, const std::string& id) {
  const Body* b = plan.body(id);
  return b ? b->name : id;
}

const ReportCycle* find_cycle(const Rules& rules, const std::string& name) {
  for (const auto& c : rules.report_cycles)
    if (c.name == name) return &c;
  return nullptr;
}

std::string report_label(const Obligation& o, const Rules& rules) {
  const ReportCycle* cycle = find_cycle(rules, o.cycle);
  std::string title = cycle && !cycle->title.empty() ? cycle->title : "Báo cáo " + o.cycle;
  return title + " " + (cycle ? period_label(*cycle, o.period) : o.period);
}

// "Yêu cầu giải trình GT12 (Nhiệm vụ 3: …)".
std::string explanation_label(const Obligation& o) {
  std::string out = "Yêu cầu giải trình " + o.explanation;
  return o.label.empty() ? out : out + " (" + o.label + ")";
}

// What the body has not done yet: answered a request, sent a report, completed a task.
std::string done_verb(const Item& it) {
  if (!it.explanation.empty()) return "trả lời";
  return it.task.empty() ? "nộp" : "hoàn thành";
}

std::string day_count(int n) { return std::to_string(n) + " ngày làm việc"; }

std::string with_lines(std::string head, const std::vector<std::string>& lines) {
  for (const auto& l : lines) head += "\n- " + l;
  return head;
}

std::string end_sentence(std::string s) {
  if (!s.empty() && s.back() != '.' && s.back() != '!' && s.back() != '?') s += ".";
  return s;
}

// "1.4 Tỷ lệ … (đơn vị %; mốc năm 2030: ≥ 60)": the first milestone from `year` on.
std::string indicator_words(const Indicator& i, int year) {
  std::string s = i.id + " " + text::cut_at_word(text::collapse_space(i.name), kMaxTitleChars);
  std::vector<std::string> parts;
  if (!i.unit.empty()) parts.push_back("đơn vị " + i.unit);
  auto next = i.milestones.lower_bound(year);
  if (next != i.milestones.end())
    parts.push_back("mốc năm " + std::to_string(next->first) + ": " + next->second);
  for (std::size_t k = 0; k < parts.size(); ++k) s += (k == 0 ? " (" : "; ") + parts[k];
  return parts.empty() ? s : s + ")";
}

// The indicators the body monitors, in plan order: "1.4, 2.1", and each in words.
void owed_indicators(const Plan& plan, const Obligation& o, Item& it) {
  int year = o.period.size() >= 4 && std::isdigit(static_cast<unsigned char>(o.period[0]))
                 ? std::stoi(o.period.substr(0, 4))
                 : year_of(o.due);
  for (const auto& i : plan.indicators) {
    if (i.monitoring_body != o.body) continue;
    it.indicators += (it.indicators.empty() ? "" : ", ") + i.id;
    it.indicator_lines.push_back(indicator_words(i, year));
  }
}

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
  if (!o.explanation.empty()) {
    it.label = explanation_label(o);
    it.explanation = o.explanation;
    return it;
  }
  if (!o.cycle.empty()) {
    it.label = report_label(o, rules);
    const ReportCycle* cycle = find_cycle(rules, o.cycle);
    if (cycle && !cycle->to.empty()) it.to_name = body_name(plan, cycle->to);
    if (o.cycle == rules.indicator_cycle) owed_indicators(plan.plan(), o, it);
    return it;
  }
  const Task* t = plan.task(o.task);
  it.task = o.task;
  it.label = "Nhiệm vụ " + o.task;
  if (t && !t->title.empty())
    it.label += ": " + text::cut_at_word(text::collapse_space(t->title), kMaxTitleChars);
  if (!o.period.empty()) it.label += " (năm " + o.period + ")";
  if (o.role == Assignee::Role::coordinator) it.label += " (phối hợp)";
  if (t) it.output = text::cut_at_word(text::collapse_space(t->output), kMaxTitleChars);
  return it;
}

std::string subject(const Obligation& o, const PlanIndex&, const Rules& rules) {
  if (!o.explanation.empty()) return explanation_label(o);
  if (!o.cycle.empty()) return report_label(o, rules);
  return "Nhiệm vụ " + o.task + (o.period.empty() ? "" : " (năm " + o.period + ")");
}

void merge_labels(Item& into, const Item& other) {
  into.label += " và " + other.label;
  if (into.indicators.empty()) {
    into.indicators = other.indicators;
    into.indicator_lines = other.indicator_lines;
  }
}

std::string indicators_line(const Item& it) {
  if (it.indicators.empty()) return "";
  std::string first = it.indicators.substr(0, it.indicators.find(','));
  std::string s = "Kèm số liệu chỉ tiêu " + it.indicators + " (nhắn: CT " + first + ": giá trị):";
  for (const auto& l : it.indicator_lines) s += "\n  + " + l;
  return s;
}

std::string addressee(const Body* body, const std::string& address) {
  return body && body->kind == Body::Kind::committee ? "các " + address : address;
}

std::string greeting(const Body* body, const std::string& id, const std::string& address) {
  std::string name = body ? body->name : id;
  if (body && body->kind == Body::Kind::person) return "Kính gửi " + address + " " + name + ",";
  if (body && body->kind == Body::Kind::committee) {
    return "Kính gửi " + addressee(body, address) + " " + name + ",";
  }
  return "Kính gửi " + address + " lãnh đạo " + name + ",";
}

std::string overdue_words(Date due, Date today, int working_days) {
  int days = static_cast<int>((today - due).count());
  int months = (year_of(today) - year_of(due)) * 12 + month_of(today) - month_of(due);
  if (day_of(today) < day_of(due)) --months;
  bool exact = day_of(today) == day_of(due);
  if (days < 31 || months < 1) return "quá hạn " + day_count(working_days);
  if (months < 12)
    return "quá hạn " + std::string(exact ? "" : "hơn ") + std::to_string(months) + " tháng";
  bool whole_years = exact && months % 12 == 0;
  return "quá hạn " + std::string(whole_years ? "" : "hơn ") + std::to_string(months / 12) + " năm";
}

std::string reminder_line(const Item& it) {
  std::string s = "Nhắc việc: " + it.label;
  if (!it.to_name.empty()) s += " gửi " + it.to_name;
  s += ", hạn " + day_with_weekday(it.due);
  if (it.working_days > 0) return s + " (còn " + day_count(it.working_days) + ")";
  if (it.working_days == 0) return s + " (hạn là hôm nay)";
  return s + " (đã quá hạn " + day_count(-it.working_days) + ")";
}

std::string output_line(const Item& it) {
  return it.output.empty() ? "" : "Kết quả cần có: " + end_sentence(it.output);
}

std::string escalation_line(const Item& it, bool not_acknowledged, bool to_owner,
                            const std::string& late) {
  std::string when = late + " (hạn " + format_date_vn(it.due) + ")";
  if (to_owner) {
    if (not_acknowledged) {
      return "Quá hạn: " + it.label + " đã " + when + ", chưa nhận được phản hồi nhắc việc.";
    }
    return "Quá hạn: " + it.label + " chưa " + done_verb(it) + ", " + when + ".";
  }
  std::string what = not_acknowledged ? "chưa phản hồi nhắc việc về" : "chưa " + done_verb(it);
  return "Chuyển cấp: " + it.body_name + " " + what + " " + it.label + ", " + when + ".";
}

std::string blocker_line(const Item& it, const std::string& reason, const std::string& address) {
  return "Vướng mắc: " + it.body_name + " báo vướng mắc ở " + it.label +
         (reason.empty() ? "" : ": " + reason) + ". Đề nghị " + address + " chỉ đạo tháo gỡ.";
}

std::string reply_hint(const std::string& task, Date due, const std::string& report_label) {
  std::string out;
  if (!task.empty()) {
    std::string nv = "NV" + task;
    out = "Trả lời một dòng: 1) " + nv + " xong; 2) " + nv + " đang làm 50%; 3) " + nv +
          " vướng: lý do; 4) " + nv + " xin gia hạn đến " +
          format_date_vn(due + std::chrono::days{30}) + ".";
  }
  if (!report_label.empty()) {
    out += (out.empty() ? "" : "\n") +
           std::string(
               "Gửi báo cáo bằng tin nhắn bắt đầu bằng «Báo cáo», gồm: Kết quả; Khó "
               "khăn, vướng mắc; Đề xuất, kiến nghị.\nKhi đã gửi báo cáo, trả lời: \"") +
           report_label + " đã gửi\".";
  }
  return out;
}

std::string compose(const std::string& greeting, const std::vector<std::string>& lines,
                    const std::string& address, const std::string& tail) {
  std::string text = greeting + "\n";
  if (lines.size() == 1) {
    text += lines[0];
  } else {
    text += with_lines(
        "Có " + std::to_string(lines.size()) + " nội dung cần " + address + " lưu ý:", lines);
  }
  return tail.empty() ? text : text + "\n" + tail;
}

std::string catch_up(const std::string& greeting, const std::vector<std::string>& lines,
                     const std::string& tail) {
  std::string text =
      greeting + "\n" +
      with_lines("Trong thời gian hệ thống tạm dừng, có " + std::to_string(lines.size()) +
                     " nội dung chưa kịp gửi (tình hình đến hôm nay):",
                 lines);
  return tail.empty() ? text : text + "\n" + tail;
}

std::string owed(const std::string& greeting, const std::string& body_name,
                 const std::vector<std::string>& lines, const std::string& address,
                 const std::string& tail) {
  std::string text = greeting + "\nTheo Kế hoạch, " + body_name + " có " +
                     std::to_string(lines.size()) + " việc cần thực hiện và báo cáo:";
  for (std::size_t i = 0; i < lines.size(); ++i)
    text += "\n" + std::to_string(i + 1) + ". " + lines[i];
  text += "\nTin nhắn này sẽ nhắc " + address + " trước mỗi hạn.";
  return tail.empty() ? text : text + "\n" + tail;
}

std::string owed_line(const Item& it, bool dated, Date today, int late_working_days) {
  std::string s = it.label;
  if (!it.to_name.empty()) s += " gửi " + it.to_name;
  if (!dated) return s + " — thực hiện thường xuyên";
  if (it.due < today) {
    return s + " — hạn " + format_date_vn(it.due) + ", đã " +
           overdue_words(it.due, today, late_working_days);
  }
  return s + " — hạn " + day_with_weekday(it.due);
}

std::string committee_digest(const std::string& greeting, Date day, const CommitteeCounts& counts,
                             const std::vector<std::string>& fresh,
                             const std::vector<std::string>& remaining, bool full) {
  std::string head = greeting + "\nTình hình thực hiện Kế hoạch ngày " + format_date_vn(day) +
                     ": " + std::to_string(counts.tasks) + " nhiệm vụ quá hạn, ";
  if (counts.reports > 0) head += std::to_string(counts.reports) + " báo cáo chưa nộp, ";
  head += std::to_string(counts.blocked) + " vướng mắc.";
  if (!fresh.empty()) head = with_lines(head + "\nMới chuyển đến:", fresh);
  if (remaining.empty()) return head;
  if (full) return with_lines(head + "\nĐã báo cáo trước đây, chưa xong:", remaining);
  return head + "\nCòn " + std::to_string(remaining.size()) +
         " nội dung đã báo cáo trước đây chưa xong (danh sách đầy đủ gửi vào đầu mỗi tuần).";
}

std::string short_label(const Obligation& o, const PlanIndex& plan, const Rules& rules) {
  if (!o.cycle.empty()) return report_label(o, rules);
  const Task* t = plan.task(o.task);
  std::string label = "Nhiệm vụ " + o.task;
  if (t && !t->title.empty())
    label += ": " + text::cut_at_word(text::collapse_space(t->title), kShortTitleChars);
  return label;
}

std::string committee_line(const std::string& label, Date due, const std::string& late,
                           const std::vector<std::string>& bodies) {
  std::string who;
  for (const auto& b : bodies) who += (who.empty() ? "" : "; ") + b;
  return label + " (hạn " + format_date_vn(due) + ", " + late + "): " + who;
}

std::string committee_body(const std::string& name, std::optional<Assignee::Role> role,
                           const ObligationState& s) {
  std::string progress = s.status == Status::not_started
                             ? (role ? "chưa báo cáo tiến độ" : "chưa nộp")
                             : status_phrase(s, std::nullopt);
  if (!role) return name + " (" + progress + ")";
  std::string r = *role == Assignee::Role::lead ? "chủ trì" : "phối hợp";
  return name + " (" + r + ", " + progress + ")";
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

std::string status_phrase(const ObligationState& s, std::optional<Date> due) {
  bool report = !s.cycle.empty();
  if (report && s.status == Status::not_started) return "chưa gửi";
  if (report && s.status == Status::done) {
    if (!due) return "đã gửi";
    return std::string("đã gửi (") + (done_on_time(s, *due) ? "đúng hạn" : "muộn") + ")";
  }
  switch (s.status) {
    case Status::not_started:
      return "chưa bắt đầu";
    case Status::in_progress:
      return s.percent > 0 ? "đang thực hiện " + std::to_string(s.percent) + "%" : "đang thực hiện";
    case Status::done:
      if (!due) return "hoàn thành";
      return std::string("hoàn thành (") + (done_on_time(s, *due) ? "đúng hạn" : "trễ hạn") + ")";
    case Status::blocked:
      return "vướng mắc" + (s.reason.empty() ? "" : ": " + s.reason);
    case Status::extension_requested:
      return "xin gia hạn" + (s.requested_due ? " đến " + format_date_vn(*s.requested_due) : "");
    case Status::extension_approved:
      if (s.due_override) return "được gia hạn đến " + format_date_vn(*s.due_override);
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

std::string error_unknown_body(const std::string& id) {
  return "Không có cơ quan \"" + id + "\" trong kế hoạch";
}
std::string error_unknown_cycle(const std::string& cycle) {
  return "Không có chu kỳ báo cáo \"" + cycle + "\" trong quy tắc";
}
std::string error_unknown_task(const std::string& task) {
  return "Không có " + task_name(task) + " trong kế hoạch";
}
std::string error_not_assigned(const std::string& body_name, const std::string& task,
                               const std::string& leads, const std::string& coordinators) {
  return body_name + " không được giao " + task_name(task) + " (chủ trì: " + leads +
         "; phối hợp: " + coordinators + ")";
}
std::string error_directing(const std::string& body_name, const std::string& task) {
  return body_name + " chỉ đạo " + task_name(task) + ", không có phần việc cần báo cáo tiến độ";
}
std::string error_nothing_owed(const std::string& body_name, const std::string& what) {
  return body_name + " không có việc nào cần báo cáo với " + what;
}
std::string error_no_pending_extension() { return "Không có đề nghị gia hạn nào đang chờ duyệt"; }
std::string error_percent() { return "Phần trăm phải từ 0 đến 99 (100% là hoàn thành)"; }
std::string error_extension_date(Date due) {
  return "Xin gia hạn cần ngày mới sau hạn hiện tại (" + format_date_vn(due) + ")";
}
std::string error_decision_by_command() {
  return "Duyệt gia hạn dùng lệnh extension approve|reject";
}
std::string error_continuous_extension(const std::string& task) {
  return task_name(task) + " thực hiện thường xuyên, không có hạn để gia hạn";
}
std::string task_name(const std::string& task) { return "Nhiệm vụ " + task; }
std::string report_name(const std::string& cycle_title, const std::string& period) {
  return cycle_title + (period.empty() ? "" : " kỳ " + period);
}
std::string none() { return "không có"; }

}  // namespace dondoc::vi
