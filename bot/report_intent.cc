#include "bot/report_intent.h"

#include "bot/intent.h"
#include "bot/reply_parser.h"
#include "rules/text.h"

namespace dondoc::bot {
namespace {

// A status and no more: "Báo cáo tháng 11 đã gửi" is at most this many words.
constexpr std::size_t kMaxStatusWords = 10;

bool starts_with_report(const std::string& folded) {
  if (folded.rfind("bao cao", 0) != 0) return false;
  if (folded.size() == 7) return true;
  char next = folded[7];
  return !(next >= 'a' && next <= 'z') && !(next >= '0' && next <= '9');
}

std::size_t word_count(const std::string& folded) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : folded) {
    bool letter = c != ' ' && c != '\n';
    n += letter && !in_word;
    in_word = letter;
  }
  return n;
}

// The cycle and period the report's first line names ("Báo cáo tháng 11/2026 …").
ReportText named_in(std::string_view text, Date today) {
  std::string_view head = text.substr(0, text.find_first_of("\n:;"));
  auto named = parse_report_submitted(std::string(head) + " đã gửi", today);
  if (!named) return {};
  return {named->cycle, named->period};
}

// A status reply to the nudge ("xong", "đã gửi", "NV3 đang làm 50%"), read as before.
bool is_status(std::string_view text, const std::string& folded, Date today) {
  if (word_count(folded) <= 2) return true;
  auto items = parse_reply(text, today);
  for (const auto& i : items)
    if (i.task) return true;
  return !items.empty() && word_count(folded) <= 6;
}

}  // namespace

std::optional<ReportText> parse_report_text(std::string_view text, std::string_view nudge_cycle,
                                            bool has_file, Date today) {
  std::string folded = text::fold(text);
  if (starts_with_report(folded)) {
    if (!has_file && parse_report_submitted(text, today) && word_count(folded) <= kMaxStatusWords)
      return std::nullopt;  // "Báo cáo tháng 11 đã gửi": a status reply, as before
    if (!has_file && word_count(folded) <= 2) return std::nullopt;  // "Báo cáo" alone
    return named_in(text, today);
  }
  if (!nudge_cycle.empty() && (has_file || !folded.empty())) {
    if (!has_file && word_count(folded) <= kMaxStatusWords &&
        (parse_report_submitted(text, today) || parse_intent(text) != Intent::none))
      return std::nullopt;  // "đã gửi báo cáo", "ok": a status or a thanks, as before
    if (!has_file && is_status(text, folded, today)) return std::nullopt;  // "xong", "NV3 xong"
    return ReportText{std::string(nudge_cycle), ""};
  }
  return std::nullopt;
}

}  // namespace dondoc::bot
