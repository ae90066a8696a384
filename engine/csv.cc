#include "engine/csv.h"

#include "rules/text.h"

namespace dondoc {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// ',' unless the first line has more ';' than ',' outside quotes.
char sniff_delimiter(std::string_view text) {
  int commas = 0, semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

// The 1-based line of the first byte sequence that is not UTF-8, or 0.
int first_bad_utf8_line(std::string_view text) {
  int line = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (!text::valid_utf8(text.substr(start, end - start))) return line;
    start = end + 1;
    ++line;
  }
  return 0;
}

class Parser {
 public:
  Parser(std::string_view text, char delim, const CsvLimits& limits, CsvTable& out)
      : s_(text), delim_(delim), limits_(limits), out_(out) {}

  void run() {
    while (pos_ < s_.size()) {
      if (!read_record()) return;
    }
  }

 private:
  bool at_line_end() const { return s_[pos_] == '\n' || s_[pos_] == '\r'; }

  // Consumes "\r\n", "\n" or "\r".
  void skip_line_end() {
    if (s_[pos_] == '\r' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  bool read_record() {
    CsvRecord rec;
    rec.line = line_;
    for (;;) {
      std::string cell;
      if (!read_cell(cell)) return false;
      check_length(cell, rec.line, rec.cells.size() + 1);
      rec.cells.push_back(std::move(cell));
      if (pos_ >= s_.size()) break;
      if (s_[pos_] == delim_) {
        ++pos_;
        continue;
      }
      skip_line_end();
      break;
    }
    return add(std::move(rec));
  }

  // Reads one cell up to (not including) the delimiter or line end.
  bool read_cell(std::string& cell) {
    if (pos_ < s_.size() && s_[pos_] == '"') {
      int start_line = line_;
      ++pos_;
      if (!read_quoted(cell)) {
        out_.problems.push_back({start_line, "dấu ngoặc kép (\") mở ở dòng " +
                                                 std::to_string(start_line) +
                                                 " không được đóng đến hết tệp"});
        return false;
      }
    }
    while (pos_ < s_.size() && s_[pos_] != delim_ && !at_line_end()) cell += s_[pos_++];
    return true;
  }

  // After an opening quote: up to the closing quote; "" is a quote; CRLF inside becomes "\n".
  bool read_quoted(std::string& cell) {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '"') {
        if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '"') {
          cell += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        return true;
      }
      if (at_line_end()) {
        skip_line_end();
        cell += '\n';
        continue;
      }
      cell += c;
      ++pos_;
    }
    return false;
  }

  void check_length(const std::string& cell, int line, std::size_t column) {
    if (cell.size() <= limits_.max_cell_chars) return;
    std::size_t n = text::length(cell);
    if (n <= limits_.max_cell_chars) return;
    out_.problems.push_back({line, "ô ở cột " + std::to_string(column) + " dài " +
                                       std::to_string(n) + " ký tự, vượt giới hạn " +
                                       std::to_string(limits_.max_cell_chars) + " ký tự"});
  }

  bool add(CsvRecord rec) {
    bool blank = true;
    for (const auto& c : rec.cells) blank = blank && text::collapse_space(c).empty();
    if (blank) return true;
    if (out_.records.size() >= limits_.max_records) {
      out_.problems.push_back({rec.line, "tệp có quá nhiều dòng (tối đa " +
                                             std::to_string(limits_.max_records) + " dòng)"});
      return false;
    }
    out_.records.push_back(std::move(rec));
    return true;
  }

  std::string_view s_;
  char delim_;
  const CsvLimits& limits_;
  CsvTable& out_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

CsvTable parse_csv(std::string_view text, const CsvLimits& limits) {
  CsvTable table;
  if (text.size() > limits.max_bytes) {
    table.problems.push_back({0, "tệp quá lớn (" + std::to_string(text.size()) + " byte, tối đa " +
                                     std::to_string(limits.max_bytes) + " byte)"});
    return table;
  }
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  if (int bad = first_bad_utf8_line(text); bad != 0) {
    table.problems.push_back(
        {bad, "tệp không phải UTF-8; trong Excel hãy lưu bằng định dạng \"CSV UTF-8\""});
    return table;
  }
  Parser(text, sniff_delimiter(text), limits, table).run();
  return table;
}

}  // namespace dondoc
