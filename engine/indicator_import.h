// Importing the plan's indicator table (Phụ lục I, issue 16 §2) from CSV as Excel saves it:
// number, name, unit, one column per milestone year ("Đến hết năm 2025", "2030", …) and the
// monitoring body. Pure: text and the known bodies in, the indicators or EVERY problem (with its
// line, naming the column) out; the caller stores nothing when there is a problem. Any thread.
#pragma once

#include <string_view>
#include <vector>

#include "engine/csv.h"
#include "engine/model.h"

namespace dondoc {

struct IndicatorsImport {
  std::vector<Indicator> indicators;  // file order
  std::vector<LineProblem> problems;
};

// Header (matched without case or diacritics, title rows above it skipped): "STT"|"TT"|"Số TT"|
// "id"; "Tên chỉ tiêu"|"Chỉ tiêu"|"name"; "Đơn vị"|"Đơn vị tính"|"ĐVT"|"unit" (optional); every
// header holding a year 2000–2100 is that year's milestone; "Cơ quan chủ trì theo dõi, đánh giá"
// (any header starting "cơ quan" or "đơn vị chủ trì", or "monitoring_body"). Rows with a number
// and a name but no unit, milestone nor body ("1 Trình độ … doanh nghiệp") are group headings and
// skipped. A blank body cell takes the body of the row above (Excel keeps a merged cell's value in
// its first row only). A blank milestone cell means no milestone that year.
IndicatorsImport import_indicators_csv(std::string_view csv, const std::vector<Body>& bodies);

}  // namespace dondoc
