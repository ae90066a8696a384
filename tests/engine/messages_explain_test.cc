// The explanation requests' chat texts (engine/messages_vi_explain.cc), as the body and the asker
// read them: greeting, what, by when (dd/mm/yyyy, working days), how to answer.
#include <catch2/catch.hpp>

#include "engine/messages_vi.h"

using namespace dondoc;

namespace {

const vi::Explained kReport{"GT5", "Phòng Kinh tế", "Báo cáo tháng 10/2026", true};
const vi::Explained kTask{"GT6", "Phòng Văn hóa - Xã hội", "Nhiệm vụ 2: Xây dựng kế hoạch", false};

}  // namespace

TEST_CASE("explanation texts: the request to the body, whole") {
  std::string text =
      vi::explanation_request("Kính gửi đồng chí lãnh đạo Phòng Kinh tế,", "Thường trực Đảng ủy",
                              kReport, "Đề nghị nêu rõ nguyên nhân.", *parse_date("2026-12-04"), 3);
  CHECK(text ==
        "Kính gửi đồng chí lãnh đạo Phòng Kinh tế,\n"
        "Thường trực Đảng ủy đề nghị Phòng Kinh tế giải trình việc chưa gửi Báo cáo tháng "
        "10/2026.\n"
        "Nội dung yêu cầu: Đề nghị nêu rõ nguyên nhân.\n"
        "Hạn trả lời: thứ Sáu 04/12/2026 (trong 3 ngày làm việc).\n"
        "Trả lời bằng tin nhắn bắt đầu bằng «Giải trình GT5: …».");
  std::string task =
      vi::explanation_request("Kính gửi …,", "", kTask, "", *parse_date("2026-12-07"), 3);
  CHECK(task.find("Lãnh đạo UBND xã đề nghị Phòng Văn hóa - Xã hội giải trình việc chậm thực "
                  "hiện Nhiệm vụ 2: Xây dựng kế hoạch.\nHạn trả lời: thứ Hai 07/12/2026") !=
        std::string::npos);
  CHECK(task.find("Nội dung yêu cầu") == std::string::npos);
}

TEST_CASE("explanation texts: the receipt, the note to the asker, the confirmation") {
  CHECK(vi::explanation_receipt(kReport, "đồng chí") ==
        "Đã nhận giải trình GT5 của Phòng Kinh tế về việc chưa gửi Báo cáo tháng 10/2026. Cảm "
        "ơn đồng chí.");
  CHECK(vi::explanation_answer_note("Kính gửi các đồng chí Thường trực Đảng ủy,", kTask,
                                    "Chờ kinh phí.", *parse_date("2026-12-02")) ==
        "Kính gửi các đồng chí Thường trực Đảng ủy,\n"
        "Phòng Văn hóa - Xã hội đã giải trình GT6 về việc chậm thực hiện Nhiệm vụ 2: Xây dựng "
        "kế hoạch (ngày 02/12/2026):\n«Chờ kinh phí.»");
  CHECK(vi::explanation_sent(kReport, *parse_date("2026-12-04")) ==
        "Đã gửi yêu cầu giải trình GT5 đến Phòng Kinh tế về việc chưa gửi Báo cáo tháng "
        "10/2026; hạn trả lời 04/12/2026.");
}

TEST_CASE("explanation texts: the reminder and the escalation line name the request") {
  vi::Item it;
  it.label = "Yêu cầu giải trình GT5 (Báo cáo tháng 10/2026)";
  it.body_name = "Phòng Kinh tế";
  it.explanation = "GT5";
  it.due = *parse_date("2026-12-04");
  it.working_days = 1;
  CHECK(vi::reminder_line(it) ==
        "Nhắc việc: Yêu cầu giải trình GT5 (Báo cáo tháng 10/2026), hạn thứ Sáu 04/12/2026 (còn "
        "1 ngày làm việc)");
  CHECK(vi::escalation_line(it, false, false, "quá hạn 2 ngày làm việc") ==
        "Chuyển cấp: Phòng Kinh tế chưa trả lời Yêu cầu giải trình GT5 (Báo cáo tháng 10/2026), "
        "quá hạn 2 ngày làm việc (hạn 04/12/2026).");
  CHECK(vi::explanation_hint("GT5") == "Trả lời bằng tin nhắn bắt đầu bằng «Giải trình GT5: …».");
}
