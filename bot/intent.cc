#include "bot/intent.h"

#include <algorithm>
#include <array>
#include <vector>

#include "rules/text.h"

namespace dondoc::bot {
namespace {

// Folded words of the message; '/' starts a command word ("/help"); "?" is a word of its own.
std::vector<std::string> words_of(std::string_view text) {
  std::string f = text::fold(text::utf8_prefix(text, 1000));
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (char c : f) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum || (c == '/' && cur.empty())) {
      cur += c;
    } else {
      flush();
      if (c == '?') out.push_back("?");
    }
  }
  flush();
  return out;
}

std::string joined(const std::vector<std::string>& w, std::size_t from, std::size_t to) {
  std::string s;
  for (std::size_t i = from; i < to; ++i) s += (s.empty() ? "" : " ") + w[i];
  return s;
}

bool one_of(const std::string& s, std::initializer_list<std::string_view> phrases) {
  return std::find(phrases.begin(), phrases.end(), s) != phrases.end();
}

// The message without polite words after it ("… ạ", "… nhé", "… ?", kept when alone) and, when
// `front` is set, without one before it ("dạ …", "thưa …").
std::string core_of(std::vector<std::string> w, bool front) {
  auto polite_end = [](const std::string& s) {
    return one_of(s, {"a", "ah", "nhe", "nha", "nhi", "?", "ad", "admin", "bot"});
  };
  while (w.size() > 1 && polite_end(w.back())) w.pop_back();
  if (front && w.size() > 1 && one_of(w.front(), {"da", "thua", "cho"})) w.erase(w.begin());
  return joined(w, 0, w.size());
}

int roman(const std::string& w) {
  static constexpr std::array<std::string_view, 4> kRoman = {"i", "ii", "iii", "iv"};
  for (std::size_t i = 0; i < kRoman.size(); ++i)
    if (w == kRoman[i]) return static_cast<int>(i) + 1;
  return 0;
}

int number(const std::string& w) {
  if (w.empty() || w.size() > 4 || !std::all_of(w.begin(), w.end(), ::isdigit)) return -1;
  return std::stoi(w);
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// The year after a month or quarter ("11/2026", "11 năm 2026") or -1; `i` is past the number.
int year_after(const std::vector<std::string>& w, std::size_t i) {
  if (i < w.size() && w[i] == "nam") ++i;
  int y = i < w.size() ? number(w[i]) : -1;
  return y >= 1900 && y <= 2999 ? y : -1;
}

bool says_sent(const std::vector<std::string>& w) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    bool verb = w[i] == "gui" || w[i] == "nop";
    bool before = i > 0 && (w[i - 1] == "da" || w[i - 1] == "vua");
    bool after = std::any_of(w.begin() + static_cast<long>(i) + 1, w.end(),
                             [](const std::string& x) { return x == "roi" || x == "xong"; });
    if (verb && (before || after)) return true;
  }
  return false;
}

bool names_report(const std::vector<std::string>& w) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] == "bc" || (w[i] == "bao" && i + 1 < w.size() && w[i + 1] == "cao")) return true;
  }
  return false;
}

// Reads the cycle and period from the words after "báo cáo".
ReportSubmitted cycle_of(const std::vector<std::string>& w, Date today) {
  int ty = year_of(today), tm = month_of(today);
  for (std::size_t i = 0; i < w.size(); ++i) {
    int n = number(w[i]);
    bool thang_next = i + 1 < w.size() && w[i + 1] == "thang";
    if (n == 6 && thang_next) {
      int y =
          year_after(w, i + 2 + (i + 2 < w.size() && (w[i + 2] == "dau" || w[i + 2] == "cuoi")));
      return {"half_year", y > 0 ? std::to_string(y) : ""};
    }
    if (n == 3 && thang_next) return {"quarterly", ""};
    if ((n == 12 && thang_next) || (n == 1 && i + 1 < w.size() && w[i + 1] == "nam")) {
      return {"annual", ""};
    }
    if (w[i] == "thang") {
      int m = i + 1 < w.size() ? number(w[i + 1]) : -1;
      if (m < 1 || m > 12) return {"monthly", ""};
      int y = year_after(w, i + 2);
      if (y < 0) y = m <= tm ? ty : ty - 1;
      return {"monthly", std::to_string(y) + "-" + two(m)};
    }
    if (w[i] == "quy") {
      int q = i + 1 < w.size() ? std::max(roman(w[i + 1]), number(w[i + 1])) : 0;
      if (q < 1 || q > 4) return {"quarterly", ""};
      int y = year_after(w, i + 2);
      if (y < 0) y = q <= (tm + 2) / 3 ? ty : ty - 1;
      return {"quarterly", std::to_string(y) + "-Q" + std::to_string(q)};
    }
    if (w[i] == "nam") {
      int y = i + 1 < w.size() ? number(w[i + 1]) : -1;
      return {"annual", y >= 1900 && y <= 2999 ? std::to_string(y) : ""};
    }
  }
  return {"", ""};
}

Intent intent_of(const std::string& s) {
  if (one_of(s, {"huong dan", "/help", "tro giup", "?", "help", "/huongdan", "/start",
                 "huong dan tra loi", "tro giup gi"})) {
    return Intent::help;
  }
  for (std::string_view me : {"toi", "em", "minh"}) {
    std::string m(me);
    if (one_of(s, {"nhiem vu cua " + m, "viec cua " + m, m + " con viec gi",
                   "nhiem vu cua " + m + " la gi", "viec cua " + m + " la gi", m + " con gi",
                   m + " con nhiem vu gi", "nhiem vu cua " + m + " con gi"})) {
      return Intent::owed;
    }
  }
  if (one_of(s, {"dang nhap", "/login", "/dangnhap", "login", "xin dang nhap", "cho dang nhap"})) {
    return Intent::sign_in;
  }
  if (one_of(s, {"con gi", "/tasks", "/nhiemvu", "con viec gi", "con nhiem vu gi"})) {
    return Intent::owed;
  }
  if (one_of(s,
             {"ok",         "oke",       "okay",       "ok em",     "cam on",       "cam on nhieu",
              "xin cam on", "da nhan",   "em da nhan", "nhan duoc", "da nhan duoc", "vang",
              "da",         "da vang",   "duoc",       "thanks",    "thank",        "thank you",
              "tks",        "cam on em", "ok cam on"})) {
    return Intent::thanks;
  }
  return Intent::none;
}

}  // namespace

// "Đã nhận" and "dạ vâng" are phrases of their own; "dạ em còn việc gì" is read without its "dạ".
Intent parse_intent(std::string_view text) {
  std::vector<std::string> w = words_of(text);
  if (w.empty()) return Intent::none;
  Intent whole = intent_of(core_of(w, false));
  return whole != Intent::none ? whole : intent_of(core_of(w, true));
}

std::optional<ReportSubmitted> parse_report_submitted(std::string_view text, Date today) {
  std::vector<std::string> w = words_of(text);
  if (!names_report(w) || !says_sent(w)) return std::nullopt;
  return cycle_of(w, today);
}

}  // namespace dondoc::bot
