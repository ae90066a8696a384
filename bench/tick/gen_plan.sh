#!/usr/bin/env bash
# Writes a synthetic plan JSON (the `dondoc import plan` format) for the scheduler benchmark:
# COMMUNES communes (default 100) x 20 bodies (2 people, 16 units, 1 group, 1 committee) plus the
# 4 bodies examples/rules.jsonc names, and TASKS_PER_COMMUNE tasks each (default 100): 40%
# continuous, 20% yearly ("... và những năm tiếp theo"), the rest once (month, quarter, year).
# The plan is dated ISSUED (default 2025-09-01): an undated plan would be dated on the day it is
# imported, and nothing due before a plan's date is owed (issue 12).
# Usage: bench/tick/gen_plan.sh > plan.json        (awk only; about 5 MB for the default size)
set -euo pipefail
awk -v communes="${COMMUNES:-100}" -v tasks="${TASKS_PER_COMMUNE:-100}" \
  -v issued="${ISSUED:-2025-09-01}" '
function body(id, name, kind, members, leader) {
  printf "%s\n    {\"id\":\"%s\",\"name\":\"%s\",\"kind\":\"%s\",\"members\":[%s],\"leader\":\"%s\"}",
    (nb++ ? "," : ""), id, name, kind, members, leader
}
BEGIN {
  split("Văn hóa - Xã hội|Kinh tế|Tài chính - Kế hoạch|Tư pháp - Hộ tịch|Địa chính - Xây dựng|Nông nghiệp|Y tế|Giáo dục|Công an|Quân sự|Tài nguyên - Môi trường|Lao động - Thương binh|Bưu điện văn hóa|Đoàn Thanh niên|Hội Phụ nữ|Hội Nông dân", unit, "|")
  roman[1] = "I"; roman[2] = "II"; roman[3] = "III"; roman[4] = "IV"
  printf "{\n  \"issued\": \"%s\",\n  \"bodies\": [", issued
  body("vp_dang_uy", "Văn phòng Đảng ủy", "unit", "", "")
  body("tt_dang_uy", "Thường trực Đảng ủy", "committee", "", "")
  body("vh_xh", "Phòng Văn hóa - Xã hội", "unit", "", "")
  body("chu_tich", "Chủ tịch UBND huyện", "person", "", "")
  for (c = 1; c <= communes; c++) {
    body("c" c "_ct", "Chủ tịch UBND xã số " c, "person", "", "")
    body("c" c "_pct", "Phó Chủ tịch UBND xã số " c, "person", "", "c" c "_ct")
    m = ""
    for (u = 1; u <= 16; u++) {
      body("c" c "_u" u, "Ban " unit[u] " xã số " c, "unit", "", "c" c "_pct")
      m = m (u > 1 ? "," : "") "\"c" c "_u" u "\""
    }
    body("c" c "_pb", "Các phòng, ban ngành xã số " c, "group", m, "c" c "_ct")
    body("c" c "_tt", "Thường trực Đảng ủy xã số " c, "committee", "", "")
  }
  printf "\n  ],\n  \"tasks\": ["
  nt = 0
  for (c = 1; c <= communes; c++) {
    for (n = 1; n <= tasks; n++) {
      k = n % 10
      if (k <= 3) d = "Thường xuyên"
      else if (k <= 5) d = "2025 và những năm tiếp theo"
      else if (k == 6) d = "Tháng " (n % 12 + 1) "/2026"
      else if (k == 7) d = "Quý " roman[n % 4 + 1] "/2026"
      else if (k == 8) d = "Tháng 12/2025"
      else d = "Năm 2026"
      lead = (n % 10 == 0) ? "c" c "_pb" : "c" c "_u" ((n - 1) % 16 + 1)
      coord = "c" c "_u" ((n + 4) % 16 + 1)
      printf "%s\n    {\"id\":\"X%d.%d\",\"section\":\"%s\",\"title\":\"Nhiệm vụ số %d của xã số %d về chuyển đổi số\",\"lead\":[\"%s\"],\"coordinators\":[\"%s\"],\"output\":\"Báo cáo\",\"deadline_text\":\"%s\"}",
        (nt++ ? "," : ""), c, n, roman[n % 4 + 1], n, c, lead, coord, d
    }
  }
  printf "\n  ],\n  \"indicators\": []\n}\n"
}'
