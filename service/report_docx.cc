// The consolidated report as DOCX, the form the secretariat edits and signs: a small OOXML
// package (content types, relationships, styles.xml, document.xml) zipped in memory with libzip.
// Times New Roman 14 for the text, 13 for the header, A4 with the margins of Nghị định 30/2020.
#include <zip.h>

#include <string>
#include <vector>

#include "service/report_internal.h"

namespace dondoc::service::report {
namespace {

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>)";

constexpr const char* kRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)";

constexpr const char* kDocRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)";

constexpr const char* kStyles = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="288" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="180" w:after="60"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:i/></w:rPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style></w:styles>)";

std::string esc(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '&') {
      out += "&amp;";
    } else if (ch == '<') {
      out += "&lt;";
    } else if (ch == '>') {
      out += "&gt;";
    } else if (ch == '"') {
      out += "&quot;";
    } else if (ch == '\n' || ch == '\r' || ch == '\t') {
      out += ' ';
    } else {
      out += ch;
    }
  }
  return out;
}

struct Run {
  std::string text;
  bool bold = false, italic = false, underline = false;
  int half_points = 0;  // 0: the style's size
};

std::string run(const Run& r) {
  std::string pr;
  if (r.bold) pr += "<w:b/>";
  if (r.italic) pr += "<w:i/>";
  if (r.underline) pr += "<w:u w:val=\"single\"/>";
  if (r.half_points) {
    pr += "<w:sz w:val=\"" + std::to_string(r.half_points) + "\"/><w:szCs w:val=\"" +
          std::to_string(r.half_points) + "\"/>";
  }
  return "<w:r>" + (pr.empty() ? "" : "<w:rPr>" + pr + "</w:rPr>") +
         "<w:t xml:space=\"preserve\">" + esc(r.text) + "</w:t></w:r>";
}

std::string para(const std::vector<Run>& runs, const std::string& style = "",
                 const std::string& align = "") {
  std::string pr;
  if (!style.empty()) pr += "<w:pStyle w:val=\"" + style + "\"/>";
  if (!align.empty()) pr += "<w:jc w:val=\"" + align + "\"/>";
  std::string out = "<w:p>" + (pr.empty() ? "" : "<w:pPr>" + pr + "</w:pPr>");
  for (const auto& r : runs) out += run(r);
  return out + "</w:p>";
}

std::string para(const std::string& text, const std::string& style = "") {
  return para(std::vector<Run>{{text}}, style);
}

std::string cell(const std::string& content, int width) {
  return "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/></w:tcPr>" +
         content + "</w:tc>";
}

// The header: issuing body and number on the left, the motto and place/date on the right.
std::string header_table(const ReportHeader& h) {
  std::string left, right;
  if (!h.superior_body.empty())
    left += para({{h.superior_body, false, false, false, 26}}, "", "center");
  left += para({{h.issuing_body, true, false, false, 26}}, "", "center");
  left += para({{number_line(h), false, false, false, 26}}, "", "center");
  right += para({{kNation, true, false, false, 26}}, "", "center");
  right += para({{kMotto, true, false, true, 28}}, "", "center");
  right += para({{place_date(h), false, true, false, 28}}, "", "center");
  return "<w:tbl><w:tblPr><w:tblW w:w=\"9355\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
         "</w:tblPr><w:tblGrid><w:gridCol w:w=\"3855\"/><w:gridCol "
         "w:w=\"5500\"/></w:tblGrid><w:tr>" +
         cell(left, 3855) + cell(right, 5500) + "</w:tr></w:tbl>";
}

std::string data_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  int width = 9355 / static_cast<int>(header.size());
  auto row_xml = [&](const std::vector<std::string>& cells, bool bold) {
    std::string out = "<w:tr>";
    for (const auto& c : cells) {
      out += cell(para({{c, bold, false, false, 22}}, "", bold ? "center" : "left"), width);
    }
    return out + "</w:tr>";
  };
  std::string out =
      "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"9355\" w:type=\"dxa\"/>"
      "</w:tblPr><w:tblGrid>";
  for (std::size_t i = 0; i < header.size(); ++i) {
    out += "<w:gridCol w:w=\"" + std::to_string(width) + "\"/>";
  }
  out += "</w:tblGrid>" + row_xml(header, true);
  for (const auto& r : rows) out += row_xml(r, false);
  return out + "</w:tbl>";
}

std::string lines(const std::vector<std::string>& items) {
  if (items.empty()) return para(kNone);
  std::string out;
  for (const auto& l : items) out += para("- " + l);
  return out;
}

std::string body_xml(const ConsolidatedReport& r) {
  std::string b = header_table(r.header);
  b += para({{r.header.title, true}}, "Title");
  b += para({{r.header.subtitle, true}}, "", "center");
  b += para(kSection1, "Heading1");
  for (const auto& l : total_lines(r.totals)) b += para("- " + l.label + ": " + l.value);
  std::vector<std::vector<std::string>> rows;
  for (const auto& x : r.by_body) rows.push_back(body_table_row(x));
  b += data_table(body_table_header(), rows);
  b += para(kSection2, "Heading1");
  for (const auto& t : r.tasks) {
    b += para("Nhiệm vụ " + t.task.id + ": " + t.task.title, "Heading2");
    for (const auto& a : t.task.assignees) {
      b += para("- " + a.name + (a.lead ? " (chủ trì)" : " (phối hợp)") + ": " +
                std::string(label_vi(a.standing)) + " — " + a.row.status);
    }
    for (const auto& e : t.report_excerpts) b += para("- Báo cáo của " + e);
  }
  b += para(kBlockers, "Heading2") + lines(r.blockers);
  b += para(kProposals, "Heading2") + lines(r.proposals);
  b += para(kSection3, "Heading1");
  rows.clear();
  for (const auto& i : r.indicators) rows.push_back(indicator_row(i));
  b += r.indicators.empty() ? para(kNone) : data_table(indicator_table_header(), rows);
  b += para(kSection4, "Heading1");
  b += para("Cơ quan, đơn vị nộp báo cáo muộn hoặc chưa nộp", "Heading2") +
       lines(timeliness_lines(r));
  b += para("Yêu cầu giải trình", "Heading2") + lines(explanation_lines(r));
  b += para({{kRecipientsTitle, true, true, false, 24}});
  for (const auto& n : r.header.recipients) b += para({{"- " + n, false, false, false, 22}});
  return b;
}

std::string document_xml(const ConsolidatedReport& r) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
         body_xml(r) +
         R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>)";
}

// Zips the parts in memory; the part texts must outlive zip_close.
Result<std::string> zip_parts(const std::vector<std::pair<const char*, std::string>>& parts) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_t* za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &err) : nullptr;
  if (!za) {
    if (src) zip_source_free(src);
    zip_error_fini(&err);
    return Error{"Không tạo được gói DOCX."};
  }
  zip_source_keep(src);
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    if (!s || zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8) < 0) {
      if (s) zip_source_free(s);
      zip_discard(za);
      zip_source_free(src);
      return Error{"Không tạo được gói DOCX."};
    }
  }
  std::string out;
  if (zip_close(za) == 0 && zip_source_open(src) == 0) {
    char buf[16384];
    zip_int64_t n;
    while ((n = zip_source_read(src, buf, sizeof buf)) > 0)
      out.append(buf, static_cast<std::size_t>(n));
    zip_source_close(src);
  }
  zip_source_free(src);
  zip_error_fini(&err);
  if (out.empty()) return Error{"Không ghi được gói DOCX."};
  return out;
}

}  // namespace

Result<std::string> write_docx(const ConsolidatedReport& r) {
  return zip_parts({{"[Content_Types].xml", kContentTypes},
                    {"_rels/.rels", kRels},
                    {"word/_rels/document.xml.rels", kDocRels},
                    {"word/styles.xml", kStyles},
                    {"word/document.xml", document_xml(r)}});
}

}  // namespace dondoc::service::report
