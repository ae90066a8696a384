#!/usr/bin/env bash
# (Re)creates the seed corpora fuzz/corpus/<target>/ from the seeds' phrases, the examples and the
# string literals of the unit tests. Files are named by their SHA-1 like libFuzzer's own. Adds to
# what is there; run it again after new tests land. bash + coreutils only.
set -euo pipefail
cd "$(dirname "$0")/.."
C=fuzz/corpus

add() {  # add TARGET CONTENT
  mkdir -p "$C/$1"
  local h
  h=$(printf '%s' "$2" | sha1sum | cut -c1-40)
  printf '%s' "$2" >"$C/$1/$h"
}
add_file() {  # add_file TARGET FILE
  [ -f "$2" ] || return 0
  add "$1" "$(cat "$2")"
}
# C++ string literals of a test file, escapes (\n, \t, \") interpreted; skips very short ones.
literals() {
  [ -f "$1" ] || return 0
  grep -oE '"([^"\\]|\\.){2,300}"' "$1" | sed -E 's/^"//; s/"$//' | while IFS= read -r s; do
    printf '%b\n' "$s" | tr '\n' '\001' | sed 's/\x01$//' | tr '\001' '\n'
    printf '\0'
  done
}
add_literals() {  # add_literals TARGET FILE...
  local t=$1; shift
  for f in "$@"; do
    while IFS= read -r -d '' s; do add "$t" "$s"; done < <(literals "$f")
  done
}

# Deadline phrases as the five seed plans write them (000-004), then the unit tests' phrases.
for p in "Thường xuyên" "Thường
xuyên" "Tháng 9/2025" "Tháng
9/2025" "Quý IV/2025" "Quý 4/2025" "Năm 2025" "2025 và những năm tiếp theo" \
  "2025 và các năm tiếp theo" "Đến hết năm 2030" "trước ngày 20 hàng tháng" \
  "trước ngày 10 tháng cuối Quý" "trước ngày 10/6" "trước ngày 30/11" "Hằng năm" \
  "chậm nhất ngày 15/12/2025" "Đến ngày 31/12/2025" "hạn 30/6/2026" "Tháng 12 hằng năm" \
  "6 tháng đầu năm 2026" "Quý I/2026" "Trong năm 2025" "Năm 2025 - 2026"; do
  add deadline "$p"
done
add_literals deadline tests/rules/deadline_test.cc

# Replies: the issue's examples, then the reply parser's and conversation tests' literals.
for p in "Dạ em báo cáo: NV3 đã hoàn thành ạ" "xong" "đã HT" "hoàn thành 100%" \
  "đang làm, được 60%" "đã hoàn thành 50%" "vướng mắc: chưa có kinh phí" \
  "khó khăn do thiếu nhân lực" "xin gia hạn đến 31/12" "chưa triển khai" "chưa xong" \
  "không có vướng mắc gì, đang làm" "nv 12: đang làm 40%" "Nhiệm vụ số 4 chưa làm" \
  "… nhiệm vụ 5 ạ" "1. xong
2. đang làm 50%
3. vướng: thiếu người" "ok" "150%" "NV 3, 4 xong" "NV3 và NV4 đang thực hiện" \
  "gia hạn 10 ngày" "ngày 15 tháng 1 năm 2027" "cuối năm" "62,5%" "DA XONG"; do
  add reply "$p"
done
add_literals reply tests/bot/reply_parser_test.cc tests/bot/reply_table_test.cc \
  tests/bot/conversation_test.cc

# CSV: the examples and test data, plus a piece of the seed 003 task table as Excel saves it.
for f in examples/*.csv tests/data/*.csv; do add_file csv "$f"; done
add csv $'\xef\xbb\xbfTT,Tên nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Kết quả,Thời gian hoàn thành\r
I.,"Nhóm các nhiệm vụ về ""Nâng cao nhận thức""",,,,\r
1,"Cụ thể hóa nhiệm vụ chuyển đổi số, phát triển khoa học","Phòng, ban ngành",,Kế hoạch công tác,Thường xuyên\r
2,Hoàn thành xây dựng kế hoạch,Phòng Văn hóa - Xã hội,"Phòng, ban ngành, đơn vị",Kế hoạch,"Tháng\n9/2025"\r
'
add csv $'TT;Tên nhiệm vụ;Cơ quan chủ trì;Cơ quan phối hợp;Kết quả;Thời gian hoàn thành\n3;Bố trí cán bộ;VH-XH;Công an xã;Báo cáo;Quý IV/2025\n'
add csv $'id,name,aliases,kind,members,leader\nvhxh,Phòng Văn hóa - Xã hội,VH-XH;VHXH,unit,,\npb,"Phòng, ban ngành",,group,vhxh;ca,\n'

add_literals csv tests/engine/csv_test.cc tests/engine/plan_import_test.cc

# Plan JSON: the examples and test data, plus a small plan.
for f in examples/*.json tests/data/*.json; do add_file plan_json "$f"; done
add plan_json '{"bodies":[{"id":"vhxh","name":"Phòng Văn hóa - Xã hội","kind":"unit"},{"id":"pb","name":"Phòng, ban ngành","kind":"group","members":["vhxh"]}],"tasks":[{"id":"1","title":"Cụ thể hóa nhiệm vụ chuyển đổi số","lead":["Phòng, ban ngành"],"coordinators":[],"output":"Kế hoạch","deadline_text":"Thường xuyên"},{"id":"2","section":"I","title":"Xây dựng kế hoạch","lead":["vhxh"],"deadline_text":"Tháng 9/2025"}],"indicators":[{"id":"CT1","name":"Tỷ lệ dịch vụ công trực tuyến","unit":"%","monitoring_body":"vhxh","milestones":{"2025":"≥ 80","2030":"100%"}}]}'

add_literals plan_json tests/engine/plan_import_test.cc

# Rules files: the examples and the rules tests' literals.
for f in examples/*.jsonc tests/data/*.jsonc; do add_file rules "$f"; done
add_literals rules tests/rules/rules_file_test.cc

# Webhook payloads: the shapes of DOMAIN.md and the payload tests' literals.
add payloads '{"event_id":"e-1","chat_id":"c-1","from_name":"Nguyễn Văn Bình","text":"NV3 xong ạ"}'
add payloads '{"event_id":"e-2","chat_id":"c-1","from_name":"An","text":"đang làm 60%","reply_to":"m-9"}'
add payloads '{"update_id":1001,"message":{"message_id":5,"from":{"id":7,"first_name":"Bình"},"chat":{"id":7,"type":"private"},"date":1760000000,"text":"/start ABC123"}}'
add payloads '{"update_id":1002,"callback_query":{"id":"cb1","from":{"id":7,"first_name":"Bình"},"message":{"message_id":9,"chat":{"id":7,"type":"private"}},"data":"s:3:done"}}'
add payloads '{"ok":true,"result":{"event_name":"message.text.received","message":{"message_id":"m1","from":{"id":"u1","display_name":"Trần Thị Hoa"},"chat":{"id":"u1","chat_type":"PRIVATE"},"date":1760000000000,"text":"DK 123456"}}}'
add payloads '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}'
add payloads '{"ok":true,"result":{"message_id":42}}'
add_literals payloads tests/bot/payloads_test.cc

for t in "$C"/*/; do echo "$(basename "$t"): $(ls "$t" | wc -l) seeds"; done

# A dictionary of Vietnamese keywords for the text parsers (libFuzzer wants non-ASCII as \xNN).
mkdir -p fuzz/dict
{
  echo "# Vietnamese keywords of deadlines and replies (generated by fuzz/make_corpus.sh)"
  for w in "tháng" "Tháng" "quý" "Quý" "năm" "thường xuyên" "hằng năm" "hàng tháng" "trước ngày" \
    "đến ngày" "chậm nhất" "hạn" "cuối" "những năm tiếp theo" "đến hết" "IV" "XII" "/20" \
    "xong" "hoàn thành" "đã HT" "đang làm" "đang thực hiện" "vướng mắc" "khó khăn" "do" "vì" \
    "xin gia hạn" "lùi hạn" "chưa" "không" "triển khai" "nhiệm vụ số" "NV" "nv " "%" "phần trăm" \
    "dạ" "ạ" "báo cáo" "Phòng" "Văn hóa - Xã hội" "\"" "," ";" $'\r\n'; do
    printf '"'
    printf '%s' "$w" | od -An -v -tx1 | tr -s ' \n' ' ' | sed -E 's/^ //; s/ $//' | \
      tr ' ' '\n' | sed '$a\' | while read -r b; do
        if [[ $((16#$b)) -ge 32 && $((16#$b)) -lt 127 && $b != 22 && $b != 5c ]]; then
          printf "\\x$b"
        else
          printf '\\x%s' "$b"
        fi
      done
    printf '"\n'
  done
} >fuzz/dict/vi.dict
