// Audit rows in words for the task, body and audit pages: the kind in Vietnamese, who did it and
// what happened ("Nhiệm vụ 2 — Phòng Văn hóa - Xã hội: đang thực hiện 60%").
#include <nlohmann/json.hpp>

#include "engine/messages_vi.h"
#include "service/dashboard_common.h"

namespace dondoc::service {
namespace {

struct SubjectParts {
  std::string kind, task, cycle, period, body;  // of an obligation id; kind "" otherwise
};

SubjectParts parts_of(const std::string& subject) {
  std::vector<std::string> p;
  std::size_t start = 0;
  while (p.size() < 5) {
    std::size_t bar = subject.find('|', start);
    p.push_back(subject.substr(start, bar == std::string::npos ? bar : bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  if (p.size() != 5 || (p[0] != "task" && p[0] != "report")) return {};
  return {p[0], p[1], p[2], p[3], p[4]};
}

std::string body_name(const Plan& plan, const std::string& id) {
  const Body* b = plan.find_body(id);
  return b ? b->name : id;
}

std::string subject_words(const SubjectParts& s, const std::string& raw, const EngineState& st) {
  if (s.kind.empty()) return raw;
  std::string what = "Nhiệm vụ " + s.task;
  if (s.kind == "report") {
    what = s.cycle;
    for (const auto& cy : st.rules.report_cycles) {
      if (cy.name == s.cycle) what = cy.title;
    }
    what += " kỳ " + s.period;
  }
  return what + " — " + body_name(st.plan, s.body);
}

std::string target_vi(const std::string& to) {
  if (to == "lead") return "cơ quan chủ trì";
  if (to == "coordinators") return "cơ quan phối hợp";
  if (to == "leader_in_charge") return "đồng chí phụ trách";
  if (to == "secretariat") return "Văn phòng";
  if (to == "standing_committee") return "Thường trực";
  return to;
}

std::string status_words(const nlohmann::json& d) {
  ObligationState s;
  s.status = status_from_string(d.value("to", "")).value_or(Status::not_started);
  s.percent = d.value("percent", 0);
  s.reason = d.value("reason", "");
  std::optional<Date> due;
  if (d.contains("due") && d["due"].is_string()) due = parse_date(d["due"].get<std::string>());
  if (d.contains("requested_due") && d["requested_due"].is_string()) {
    s.requested_due = parse_date(d["requested_due"].get<std::string>());
  }
  if (s.status == Status::extension_approved) s.due_override = due;
  return vi::status_phrase(s, due);
}

std::string detail_words(const AuditRow& row) {
  auto d = nlohmann::json::parse(row.detail, nullptr, false);
  if (d.is_discarded() || !d.is_object()) return "";
  if (row.kind == "status_change" || row.kind == "acknowledged") return status_words(d);
  if (row.kind == "escalation") {
    std::string due = d.value("due", "");
    auto date = parse_date(due);
    return "chuyển lên " + target_vi(d.value("to", "")) +
           (date ? " (hạn " + format_date_vn(*date) + ")" : "");
  }
  return d.empty() ? "" : d.dump();
}

std::string extension_kind_vi(const AuditRow& row) {
  auto d = nlohmann::json::parse(row.detail, nullptr, false);
  if (d.is_discarded() || !d.is_object()) return "Trả lời";
  std::string to = d.value("to", "");
  if (to == "extension_requested") return "Xin gia hạn";
  if (to == "extension_approved" || to == "extension_rejected") return "Gia hạn";
  if (to == "blocked") return "Vướng mắc";
  return row.source.rfind("chat:", 0) == 0 ? "Trả lời" : "Cập nhật";
}

}  // namespace

std::string kind_vi(const AuditRow& row) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"acknowledged", "Phản hồi nhắc việc"},
      {"escalation", "Báo cáo lên"},
      {"message_queued", "Nhắc việc"},
      {"messages_queued", "Nhắc việc"},
      {"message_sent", "Đã gửi tin"},
      {"import", "Nhập kế hoạch"},
      {"rules_load", "Nạp quy tắc"},
      {"calendar_import", "Nhập lịch nghỉ"},
      {"tracking_reset", "Đặt lại theo dõi"},
      {"history_start", "Bắt đầu theo dõi"},
      {"link_code_created", "Tạo mã liên kết"},
      {"chat_linked", "Liên kết chat"},
      {"commune_added", "Thêm xã"},
      {"commune_renamed", "Đổi tên xã"},
      {"link_attempt_failed", "Liên kết không thành công"},
      {"link_attempts_throttled", "Tạm chặn liên kết"},
      {"user_added", "Thêm tài khoản"},
      {"password_changed", "Đổi mật khẩu"},
      {"user_disabled", "Khoá tài khoản"},
      {"signed_in", "Đăng nhập"},
      {"sign_in_failed", "Đăng nhập không thành công"},
      {"signed_out", "Đăng xuất"},
      {"token_added", "Tạo mã truy cập API"},
      {"token_revoked", "Thu hồi mã truy cập API"},
      {"chat_sign_in_created", "Gửi liên kết đăng nhập qua chat"},
      {"chat_sign_in_used", "Đăng nhập qua chat"},
      {"blocker_handled", "Đã xử lý vướng mắc"},
      {"adhoc_reminder", "Nhắc việc (gửi tay)"},
  };
  if (row.kind == "status_change") return extension_kind_vi(row);
  for (const auto& [kind, name] : kNames) {
    if (row.kind == kind) return name;
  }
  return row.kind;
}

std::string actor_of(const AuditRow& row, const Plan& plan) {
  const std::string& s = row.source;
  if (s == "tick") return "Hệ thống";
  std::size_t colon = s.find(':');
  if (colon == std::string::npos) return s;
  std::string who = s.substr(colon + 1);
  if (s.compare(0, colon, "chat") == 0) {
    SubjectParts p = parts_of(row.subject);
    return p.kind.empty() ? "Chat" : body_name(plan, p.body) + " (chat)";
  }
  return who;
}

HistoryItem history_item(const AuditRow& row, const EngineState& st) {
  HistoryItem h;
  h.at = row.at;
  h.kind = row.kind;
  h.kind_vi = kind_vi(row);
  h.actor = actor_of(row, st.plan);
  std::string subject = subject_words(parts_of(row.subject), row.subject, st);
  std::string words = detail_words(row);
  h.text = subject.empty() ? words : words.empty() ? subject : subject + ": " + words;
  return h;
}

std::string subject_body(const std::string& subject) { return parts_of(subject).body; }

}  // namespace dondoc::service
