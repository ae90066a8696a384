#include "bot/templates_vi.h"

#include <cstdio>

#include "rules/date.h"
#include "rules/text.h"

namespace dondoc::bot::vi {
namespace {

constexpr std::size_t kTitleChars = 80;
constexpr std::size_t kMaxListed = 20;

// "Đồng chí" at the start of a sentence.
std::string Address(std::string_view address) { return text::capitalize_first(address); }

std::string examples(std::string_view task) {
  std::string t(task);
  return "«NV" + t + " xong», «NV" + t + " đang làm 60%», «NV" + t +
         " vướng: chưa có kinh phí» hoặc «NV" + t + " xin gia hạn đến 31/12»";
}

}  // namespace

std::string link_ok(std::string_view body_name, std::string_view address) {
  return "Đã liên kết cuộc trò chuyện này với " + std::string(body_name) +
         ". Từ nay, nhắc việc của đơn vị sẽ được gửi tại đây; " + std::string(address) +
         " trả lời trực tiếp để báo cáo tiến độ, ví dụ " + examples("3") +
         ". Gửi «hướng dẫn» để xem cách trả lời, «nhiệm vụ của tôi» để xem các việc đơn vị "
         "đang phụ trách.";
}

std::string link_refused(CodeCheck why, std::string_view address) {
  std::string ask = Address(address) + " vui lòng liên hệ Văn phòng để nhận mã mới.";
  switch (why) {
    case CodeCheck::used:
      return "Xin lỗi, mã liên kết này đã được sử dụng. " + ask;
    case CodeCheck::expired:
      return "Xin lỗi, mã liên kết này đã hết hạn (mã có hiệu lực 7 ngày). " + ask;
    case CodeCheck::unknown:
    case CodeCheck::ok:
      break;
  }
  return "Xin lỗi, không tìm thấy mã liên kết này. " + Address(address) +
         " vui lòng kiểm tra lại mã do Văn phòng cung cấp.";
}

std::string link_other_commune(std::string_view address) {
  return "Xin lỗi, mã liên kết này thuộc một xã khác, không dùng được với bot của xã này. " +
         Address(address) +
         " vui lòng dùng mã do Văn phòng xã mình cung cấp, hoặc nhắn cho bot "
         "của xã đã cấp mã.";
}

std::string link_throttled(Instant retry_at, Instant now, std::string_view address) {
  int minute = local_minute_of_day(retry_at);
  char hhmm[24];
  std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", minute / 60, minute % 60);
  std::string when = hhmm;
  if (local_date(retry_at) != local_date(now))
    when += " ngày " + format_date_vn(local_date(retry_at));
  return "Mã liên kết đã bị nhập sai quá nhiều lần. Để bảo đảm an toàn, cuộc trò chuyện này tạm "
         "thời không thể liên kết. " +
         Address(address) + " vui lòng kiểm tra lại mã do Văn phòng cung cấp và thử lại sau " +
         when + ".";
}

std::string unlinked_explanation() {
  return "Xin chào! Cuộc trò chuyện này chưa được liên kết với cơ quan, đơn vị nào nên tin nhắn "
         "chưa được ghi nhận. Vui lòng gửi «DK <mã>» với mã liên kết do Văn phòng cung cấp.";
}

std::string ask_which_task(const std::vector<TaskLine>& open_tasks, std::string_view address) {
  std::string who = Address(address);
  if (open_tasks.empty()) {
    return who + " đang báo cáo nhiệm vụ nào? Hiện đơn vị không có nhiệm vụ nào đang mở.";
  }
  std::string s = who + " đang báo cáo nhiệm vụ nào? Vui lòng ghi rõ số nhiệm vụ, ví dụ «NV" +
                  open_tasks.front().id + " xong». Các nhiệm vụ đang mở:";
  for (std::size_t i = 0; i < open_tasks.size(); ++i) {
    if (i == kMaxListed) {
      s += "\nCòn " + std::to_string(open_tasks.size() - i) +
           " nhiệm vụ khác; gửi «nhiệm vụ của tôi» để xem đủ.";
      break;
    }
    const auto& t = open_tasks[i];
    s += "\nNhiệm vụ " + t.id + ": " + text::cut_at_word(t.title, kTitleChars);
  }
  return s;
}

std::string not_understood(std::string_view address) {
  return "Chưa rõ nội dung báo cáo. " + Address(address) + " có thể trả lời, ví dụ " +
         examples("3") + ". Gửi «hướng dẫn» để xem đầy đủ cách trả lời.";
}

std::string help(std::string_view address) {
  return "Hướng dẫn trả lời nhắc việc. " + Address(address) +
         " nhắn theo số nhiệm vụ, có dấu hay không dấu đều được:\n"
         "1. Hoàn thành: «NV3 xong» (nhiều nhiệm vụ: «NV3, NV4 xong»)\n"
         "2. Đang làm: «NV3 đang làm 60%»\n"
         "3. Vướng mắc: «NV3 vướng: chưa có kinh phí»\n"
         "4. Xin gia hạn: «NV3 xin gia hạn đến 31/12»\n"
         "5. Báo cáo định kỳ đã gửi: «Báo cáo tháng 11 đã gửi»\n"
         "Trả lời ngay dưới tin nhắc việc thì không cần ghi số nhiệm vụ. Gửi «nhiệm vụ của tôi» "
         "để xem các việc đơn vị đang phụ trách.";
}

std::string owed(std::string_view body_name, std::string_view today,
                 const std::vector<OwedLine>& lines, std::string_view address) {
  if (lines.empty()) {
    return "Đến ngày " + std::string(today) + ", " + std::string(body_name) +
           " không còn nhiệm vụ hay báo cáo nào đang mở. Cảm ơn " + std::string(address) + ".";
  }
  std::string s = "Việc của " + std::string(body_name) + " đến ngày " + std::string(today) + ":";
  std::size_t shown = 0;
  for (const auto& l : lines) {
    if (shown++ == kMaxListed) {
      s += "\nVà " + std::to_string(lines.size() - kMaxListed) + " nội dung khác.";
      break;
    }
    s += "\n- " + text::cut_at_word(l.label, kTitleChars);
    s += l.due.empty() ? " (thường xuyên)" : " (hạn " + l.due + ")";
    s += ": " + l.status + (l.overdue ? ", đã quá hạn" : "");
  }
  bool reports = false;
  std::string task = "3";
  for (const auto& l : lines) {
    reports = reports || l.task.empty();
    if (!l.task.empty()) task = l.task;
  }
  s += "\nTrả lời theo số nhiệm vụ, ví dụ " + examples(task) + ".";
  if (reports) s += " Khi đã gửi báo cáo, nhắn: «Báo cáo tháng 11 đã gửi».";
  return s;
}

std::string thanks(std::string_view address) { return "Cảm ơn " + std::string(address) + "."; }

std::string sign_in_link(std::string_view url, int minutes, std::string_view address) {
  return "Liên kết đăng nhập trang theo dõi cho " + std::string(address) + ":\n" +
         std::string(url) + "\nLiên kết dùng được một lần, trong " + std::to_string(minutes) +
         " phút. Xin đừng chuyển liên kết này cho người khác.";
}

std::string sign_in_refused(std::string_view why) {
  return "Chưa tạo được liên kết đăng nhập: " + std::string(why);
}

std::string not_recorded(std::string_view why) {
  return "Xin lỗi, chưa ghi nhận được: " + std::string(why);
}

std::string recorded() { return "Đã ghi nhận."; }

std::string ask_blocked_reason(std::string_view task, std::string_view address) {
  return Address(address) + " vui lòng cho biết vướng mắc của Nhiệm vụ " + std::string(task) +
         ", ví dụ: «NV" + std::string(task) + " vướng: chưa có kinh phí».";
}

std::string ask_extension_date(std::string_view task, std::string_view address) {
  return Address(address) + " vui lòng cho biết thời hạn đề nghị gia hạn của Nhiệm vụ " +
         std::string(task) + ", ví dụ: «NV" + std::string(task) + " xin gia hạn đến 31/12».";
}

std::string button_received() { return "Đã nhận"; }

std::string no_chat_channel() {
  return "Chưa cấu hình kênh trò chuyện nào (Zalo, Telegram, webhook chung) nên chưa nhận được tin "
         "trả lời qua trò chuyện; bảng điều khiển, /healthz và /metrics vẫn hoạt động. Dùng "
         "--config để bật kênh (docs/config.md).";
}

}  // namespace dondoc::bot::vi
