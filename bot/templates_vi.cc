#include "bot/templates_vi.h"

#include "bot/payloads.h"

namespace dondoc::bot::vi {

std::string link_ok(std::string_view body_name) {
  return "Đã liên kết cuộc trò chuyện này với " + std::string(body_name) +
         ". Từ nay nhắc việc sẽ được gửi tại đây; anh/chị trả lời trực tiếp để báo cáo tiến độ, "
         "ví dụ: «NV3 đã hoàn thành» hoặc «đang làm, được 60%».";
}

std::string link_refused(CodeCheck why) {
  switch (why) {
    case CodeCheck::used:
      return "Xin lỗi, mã liên kết này đã được sử dụng. Anh/chị vui lòng liên hệ Văn phòng để "
             "nhận mã mới.";
    case CodeCheck::expired:
      return "Xin lỗi, mã liên kết này đã hết hạn (mã có hiệu lực 7 ngày). Anh/chị vui lòng liên "
             "hệ Văn phòng để nhận mã mới.";
    case CodeCheck::unknown:
    case CodeCheck::ok:
      break;
  }
  return "Xin lỗi, không tìm thấy mã liên kết này. Anh/chị vui lòng kiểm tra lại mã do Văn phòng "
         "cung cấp.";
}

std::string unlinked_explanation() {
  return "Xin chào! Cuộc trò chuyện này chưa được liên kết với cơ quan, đơn vị nào nên tin nhắn "
         "chưa được ghi nhận. Vui lòng gửi «DK <mã>» với mã liên kết do Văn phòng cung cấp.";
}

std::string ask_which_task(const std::vector<TaskLine>& open_tasks) {
  if (open_tasks.empty()) {
    return "Anh/chị đang báo cáo nhiệm vụ nào? Hiện không có nhiệm vụ nào đang mở của đơn vị.";
  }
  std::string s = "Anh/chị đang báo cáo nhiệm vụ nào? Vui lòng ghi rõ số nhiệm vụ, ví dụ «NV" +
                  open_tasks.front().id + " đã hoàn thành». Các nhiệm vụ đang mở:";
  std::size_t shown = 0;
  for (const auto& t : open_tasks) {
    if (++shown > 20) {
      s += "\n…";
      break;
    }
    std::string title = split_text(t.title, 80).front();
    if (title.size() < t.title.size()) title += "…";
    s += "\nNV" + t.id + " — " + title;
  }
  return s;
}

std::string not_understood() {
  return "Chưa hiểu nội dung báo cáo. Anh/chị có thể trả lời, ví dụ: «NV3 xong», «NV3 đang làm "
         "60%», «NV3 vướng mắc: chưa có kinh phí» hoặc «NV3 xin gia hạn đến 31/12».";
}

std::string zalo_reply_hint() {
  return "Trả lời tin này: «xong», «đang làm 60%», «vướng mắc: lý do» hoặc «xin gia hạn đến "
         "31/12».";
}

std::string ask_blocked_reason(std::string_view task) {
  return "Vui lòng cho biết vướng mắc của nhiệm vụ NV" + std::string(task) + ", ví dụ: «NV" +
         std::string(task) + " vướng mắc: chưa có kinh phí».";
}

std::string ask_extension_date(std::string_view task) {
  return "Vui lòng cho biết thời hạn đề nghị gia hạn của nhiệm vụ NV" + std::string(task) +
         ", ví dụ: «NV" + std::string(task) + " xin gia hạn đến 31/12».";
}

std::string button_received() { return "Đã nhận"; }

std::string no_chat_channel() {
  return "Chưa cấu hình kênh trò chuyện nào (Zalo, Telegram, webhook chung): chỉ có /healthz và "
         "/metrics. Dùng --config để bật.";
}

}  // namespace dondoc::bot::vi
