// A CSV reader for files as Excel saves them ("CSV UTF-8"): optional BOM, CRLF or LF line ends,
// quoted cells holding commas, doubled quotes and line breaks (RFC 4180). Every record remembers
// the line it starts on, so importers can say where a problem is. Pure; any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rules/input_error.h"

namespace dondoc {

// A problem at a line of an input file; line 0 means the file as a whole. The one input error
// type (rules/input_error.h): CSV problems have no column, JSON ones do.
using LineProblem = InputError;

struct CsvRecord {
  int line = 0;                    // 1-based line where the record starts
  std::vector<std::string> cells;  // as written, quotes removed, line breaks kept as '\n'
};

struct CsvLimits {
  std::size_t max_bytes = 10 * 1024 * 1024;  // whole file
  std::size_t max_cell_chars = 10000;        // Unicode code points per cell
  std::size_t max_records = 100000;
};

struct CsvTable {
  std::vector<CsvRecord> records;     // empty records (only blank cells) are dropped
  std::vector<LineProblem> problems;  // non-empty: the table must not be used
};

// Parses text. The delimiter is ',' unless the first line has more ';' than ',' outside quotes
// (Excel in locales whose list separator is ';'). Refuses, with a problem naming the line: text
// over the limits, text that is not UTF-8 (Excel's plain "CSV" encoding), an unclosed quote.
CsvTable parse_csv(std::string_view text, const CsvLimits& limits = {});

}  // namespace dondoc
