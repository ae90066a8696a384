#!/usr/bin/env bash
# Writes a province-sized synthetic deployment for bench/province/make_db.sh (issue 14 §3):
#  OUTDIR/plan-N.json   one plan per commune (`dondoc import plan` format), N = 1..COMMUNES
#  OUTDIR/obligations.tsv   every obligation those plans owe with a nominal due date in
#                       [START, END), and what its body does about it (its "fate"), one a line:
#                       commune N, obligation id, task, body, cycle, period, nominal due, fate
# Each commune: 20 bodies (the 3 examples/rules.jsonc names, the chairman and a vice-chairman, 14
# units, the group of the 14 units) and TASKS_PER_COMMUNE tasks (default 100): 50 % monthly led
# by the group (14 units + the party office as coordinator = 15 assignees), 10 % monthly with one
# lead and one coordinator, 10 % quarterly led by the group, 10 % yearly, 10 % once, 10 % continuous.
# Reports: the 4 cycles of examples/rules.jsonc (12 + 4 + 1 + 1 periods), 15 reporters. About
# 10 150 obligations per commune and year: a million for 100 communes. The seed plans' shape (few
# recurring tasks, bench/tick) owes 25x less; this is the figure, a stress shape.
# Fates (deterministic): 90 % done on the due day, 5 % in progress (acknowledged, never done),
# 5 % silent (no answer: their escalation ladders climb to the top).
# The ids, periods and nominal dates follow engine/obligation.cc; make_db.sh checks them against
# `dondoc status` for one commune.
# Usage: bench/province/gen_province.sh OUTDIR
# Env: COMMUNES (100), TASKS_PER_COMMUNE (100), START (2025-03-03: plan date, first tick),
#      END (2026-03-18).
set -euo pipefail
OUT=${1:?usage: gen_province.sh OUTDIR}
mkdir -p "$OUT"
awk -v communes="${COMMUNES:-100}" -v tasks="${TASKS_PER_COMMUNE:-100}" \
  -v start="${START:-2025-03-03}" -v end="${END:-2026-03-18}" -v out="$OUT" '
function mdays(y, m) {
  if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
  return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31
}
function ymd(y, m, d) { return sprintf("%04d-%02d-%02d", y, m, d) }
# day 0 = the last day of the month
function due_in(y, m, d) { return ymd(y, m, (d == 0 || d > mdays(y, m)) ? mdays(y, m) : d) }
function owed(date) { return date >= start && date < end }
# One obligation of every commune: kept once, written per commune at the end.
function add(id, task, body, cycle, period, due) {
  if (!owed(due)) return
  n++; oid[n] = id; otask[n] = task; obody[n] = body; ocycle[n] = cycle; operiod[n] = period
  odue[n] = due
}
function task_obl(t, lead_group, lead, coord, kind, day, month,   y, m, q, per, a, k, np) {
  for (y = y0; y <= y1; y++) {
    if (kind == "yearly") { per[1] = y; pdue[1] = due_in(y, 12, 0); np = 1 }
    else if (kind == "once") { per[1] = ""; pdue[1] = due_in(y1 - 1, month, 0); np = (y == y0) }
    else if (kind == "quarterly") {
      for (q = 1; q <= 4; q++) { per[q] = y "-Q" q; pdue[q] = due_in(y, 3 * q, 0) }
      np = 4
    } else {
      for (m = 1; m <= 12; m++) { per[m] = sprintf("%d-%02d", y, m); pdue[m] = due_in(y, m, day) }
      np = 12
    }
    for (k = 1; k <= np; k++) {
      if (lead_group) {
        for (a = 1; a <= 14; a++) add("task|" t "||" per[k] "|u" a, t, "u" a, "", per[k], pdue[k])
      } else {
        add("task|" t "||" per[k] "|" lead, t, lead, "", per[k], pdue[k])
      }
      add("task|" t "||" per[k] "|" coord, t, coord, "", per[k], pdue[k])
    }
  }
}
function report_obl(cycle, months, day, yearly,   y, m, b, per, nm, i, rb) {
  nm = split(months, mm, " ")
  for (y = y0; y <= y1; y++)
    for (i = 1; i <= nm; i++) {
      m = mm[i]
      per = yearly ? y : (cycle == "quarterly" ? y "-Q" (m / 3) : sprintf("%d-%02d", y, m))
      for (b = 1; b <= 15; b++) {
        rb = b <= 14 ? "u" b : "vp_dang_uy"
        add("report||" cycle "|" per "|" rb, "", rb, cycle, per, due_in(y, m, day))
      }
    }
}
function body(f, id, name, kind, members, leader) {
  printf "%s\n    {\"id\":\"%s\",\"name\":\"%s\",\"kind\":\"%s\",\"members\":[%s],\"leader\":\"%s\"}",
    (nb++ ? "," : ""), id, name, kind, members, leader > f
}
BEGIN {
  split("Văn hóa - Thông tin|Kinh tế|Tài chính - Kế hoạch|Tư pháp - Hộ tịch|Địa chính - Xây dựng|Nông nghiệp|Y tế|Giáo dục|Công an|Quân sự|Tài nguyên - Môi trường|Lao động - Thương binh|Đoàn Thanh niên|Hội Phụ nữ", unit, "|")
  roman[1] = "I"; roman[2] = "II"; roman[3] = "III"; roman[4] = "IV"
  y0 = substr(start, 1, 4) + 0; y1 = substr(end, 1, 4) + 0
  # The plan: kind and phrase of task t (same in every commune; the names carry the commune).
  members = ""
  for (u = 1; u <= 14; u++) members = members (u > 1 ? "," : "") "\"u" u "\""
  for (t = 1; t <= tasks; t++) {
    k = t % 10; lead_group[t] = (k <= 4 || k == 6)
    lead[t] = lead_group[t] ? "pb" : "u" ((t - 1) % 14 + 1)
    coord[t] = lead_group[t] ? "vp_dang_uy" : "u" ((t + 4) % 14 + 1)
    if (k <= 4 && t % 2) { phrase[t] = "Trước ngày 25 hằng tháng"; kind = "monthly"; day = 24 }
    else if (k <= 4 || k == 5) { phrase[t] = "Hằng tháng"; kind = "monthly"; day = 0 }
    else if (k == 6) { phrase[t] = "Hằng quý"; kind = "quarterly"; day = 0 }
    else if (k == 7) { phrase[t] = y0 " và những năm tiếp theo"; kind = "yearly"; day = 0 }
    else if (k == 8) { month = t % 12 + 1; phrase[t] = "Tháng " month "/" (y1 - 1); kind = "once" }
    else { phrase[t] = "Thường xuyên"; kind = "continuous" }
    if (kind != "continuous") task_obl(t, lead_group[t], lead[t], coord[t], kind, day, month)
  }
  report_obl("monthly", "1 2 3 4 5 6 7 8 9 10 11 12", 19, 0)
  report_obl("quarterly", "3 6 9 12", 9, 0)
  report_obl("half_year", "6", 9, 1)
  report_obl("annual", "11", 29, 1)
  tsv = out "/obligations.tsv"
  for (c = 1; c <= communes; c++) {
    f = out "/plan-" c ".json"; nb = 0
    printf "{\n  \"issued\": \"%s\",\n  \"bodies\": [", start > f
    body(f, "vp_dang_uy", "Văn phòng Đảng ủy xã số " c, "unit", "", "")
    body(f, "tt_dang_uy", "Thường trực Đảng ủy xã số " c, "committee", "", "")
    body(f, "vh_xh", "Phòng Văn hóa - Xã hội xã số " c, "unit", "", "pct")
    body(f, "ct", "Chủ tịch UBND xã số " c, "person", "", "")
    body(f, "pct", "Phó Chủ tịch UBND xã số " c, "person", "", "ct")
    for (u = 1; u <= 14; u++) body(f, "u" u, "Ban " unit[u] " xã số " c, "unit", "", "pct")
    body(f, "pb", "Các phòng, ban, ngành xã số " c, "group", members, "ct")
    printf "\n  ],\n  \"tasks\": [" > f
    for (t = 1; t <= tasks; t++) {
      printf "%s\n    {\"id\":\"%d\",\"section\":\"%s\",\"title\":\"Nhiệm vụ số %d về chuyển đổi số của xã số %d\",\"lead\":[\"%s\"],\"coordinators\":[\"%s\"],\"output\":\"Báo cáo\",\"deadline_text\":\"%s\"}",
        (t > 1 ? "," : ""), t, roman[t % 4 + 1], t, c, lead[t], coord[t], phrase[t] > f
    }
    printf "\n  ],\n  \"indicators\": []\n}\n" > f
    close(f)
    for (i = 1; i <= n; i++) {
      h = (c * 7919 + i * 104729) % 100
      fate = h < 90 ? "done" : (h < 95 ? "in_progress" : "silent")
      printf "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c, oid[i], otask[i], obody[i], ocycle[i],
        operiod[i], odue[i], fate > tsv
    }
  }
  close(tsv)
  printf "gen_province: %d communes x %d tasks x 20 bodies; %d obligations per commune due in [%s, %s), %d in all\n",
    communes, tasks, n, start, end, n * communes
}'
