// split_report_sections (service/body_reports.h): finds the headings "Kết quả", "Khó khăn, vướng
// mắc", "Đề xuất, kiến nghị" in a report's text, with or without diacritics, in any case, NFC or
// NFD, at a line start or after a sentence, numbered or not.
#include <regex>

#include "rules/text.h"
#include "service/body_reports.h"

namespace dondoc::service {
namespace {

// The text folded code point by code point (text::fold), and for each folded byte the byte of the
// NFC text it came from, so a heading found in the folded form cuts the original.
struct Folded {
  std::string nfc, folded;
  std::vector<std::size_t> origin;  // folded.size() + 1 entries
};

Folded fold_mapped(const std::string& text) {
  Folded f;
  f.nfc = text::nfc(text);
  std::size_t i = 0;
  while (i < f.nfc.size()) {
    text::CodePoint cp = text::code_point_at(f.nfc, i);
    std::string one = f.nfc.substr(i, cp.size);
    text::CharClass c = text::char_class(cp.value);
    std::string out = c == text::CharClass::newline ? "\n"
                      : c == text::CharClass::space ? " "
                                                    : text::fold(one);
    for (char ch : out) {
      f.folded.push_back(ch);
      f.origin.push_back(i);
    }
    i += cp.size;
  }
  f.origin.push_back(f.nfc.size());
  return f;
}

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

void append(std::string& into, const std::string& part) {
  std::string t = trim(part);
  if (t.empty()) return;
  into += (into.empty() ? "" : "\n") + t;
}

std::string* section_of(ReportSections& s, const std::string& keyword) {
  if (keyword == "ket qua") return &s.results;
  if (keyword == "de xuat" || keyword == "kien nghi") return &s.proposals;
  return &s.obstacles;
}

}  // namespace

ReportSections split_report_sections(const std::string& text) {
  static const std::regex kHeading(
      R"((^|\n|[.;!]\s+)[ \t]*(?:(?:-|\*|\+|\xE2\x80\xA2)[ \t]*|(?:[0-9]{1,2}|[ivx]{1,4}|[a-d])[.)][ \t]*)?)"
      R"((ket qua|kho khan|vuong mac|ton tai|han che|de xuat|kien nghi)([^:\n]{0,40}:|[^:\n.]{0,25}(?=\n|$)))");
  Folded f = fold_mapped(text);
  ReportSections out;
  struct Cut {
    std::size_t head, body;  // original bytes: where the heading starts, where its text starts
    std::string keyword;
  };
  std::vector<Cut> cuts;
  for (auto it = std::sregex_iterator(f.folded.begin(), f.folded.end(), kHeading);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    std::size_t head = static_cast<std::size_t>(m.position(0) + m.length(1));
    std::size_t body = static_cast<std::size_t>(m.position(0) + m.length(0));
    cuts.push_back({f.origin[head], f.origin[body], m.str(2)});
  }
  if (cuts.empty()) {
    out.results = trim(f.nfc);
    return out;
  }
  std::string prelude = trim(f.nfc.substr(0, cuts.front().head));
  bool intro = text::fold(prelude).rfind("bao cao", 0) == 0 && text::length(prelude) <= 80 &&
               prelude.find('\n') == std::string::npos;
  if (!intro) append(out.results, prelude);
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    std::size_t end = i + 1 < cuts.size() ? cuts[i + 1].head : f.nfc.size();
    append(*section_of(out, cuts[i].keyword), f.nfc.substr(cuts[i].body, end - cuts[i].body));
  }
  return out;
}

}  // namespace dondoc::service
