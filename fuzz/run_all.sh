#!/usr/bin/env bash
# Builds (fuzz/build.sh) and runs every libFuzzer target in turn.
#   fuzz/run_all.sh [SECONDS]     each target for SECONDS (default 60; CI uses 60)
#   fuzz/run_all.sh --hours H     H hours in total, shared equally between the targets
# Inputs found go to build-fuzz/corpus/<target>/ (the committed seeds in fuzz/corpus/<target>/ are
# only read); crashes to build-fuzz/artifacts/<target>/. Each target first replays its
# fuzz/regressions/<target>/ inputs (crashes found before, kept once fixed). Prints executions per
# target and exits 1 if any target crashed: copy the crash file into fuzz/regressions/<target>/ and
# add a unit test in tests/<folder>/ for it.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}

targets=$(fuzz/build.sh)
n=$(echo "$targets" | wc -w)
if [ "${1:-}" = "--hours" ]; then
  secs=$(awk -v h="${2:?--hours needs a number}" -v n="$n" 'BEGIN { printf "%d", h * 3600 / n }')
else
  secs=${1:-60}
fi

status=0
summary=()
for t in $targets; do
  name=${t#fuzz_}
  work=$FUZZ_BUILD_DIR/corpus/$name
  art=$FUZZ_BUILD_DIR/artifacts/$name
  mkdir -p "$work" "$art" fuzz/corpus/$name
  dict=()
  case $name in deadline | reply | csv) dict=(-dict=fuzz/dict/vi.dict) ;; esac
  log=$FUZZ_BUILD_DIR/$t.log
  # Regressions first: every input that once crashed must now pass.
  if compgen -G "fuzz/regressions/$name/*" >/dev/null; then
    if ! "$FUZZ_BUILD_DIR/$t" -runs=1 fuzz/regressions/"$name"/* >"$log.regressions" 2>&1; then
      status=1
      summary+=("$(printf '%-18s REGRESSION: an input of fuzz/regressions/%s/ crashes; see %s' \
        "$t" "$name" "$log.regressions")")
    fi
  fi
  echo "== $t: ${secs}s" >&2
  rc=0
  "$FUZZ_BUILD_DIR/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$art/" "${dict[@]}" "$work" "fuzz/corpus/$name" \
    >"$log" 2>&1 || rc=$?
  execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  corpus=$(ls "$work" | wc -l)
  if [ $rc -ne 0 ]; then
    status=1
    crash=$(ls -t "$art" 2>/dev/null | head -1)
    summary+=("$(printf '%-18s CRASH (exit %d) after %s execs: %s/%s; see %s' "$t" "$rc" \
      "${execs:-?}" "$art" "$crash" "$log")")
    grep -E 'ERROR:|SUMMARY:|runtime error' "$log" | head -5 >&2 || true
  else
    summary+=("$(printf '%-18s ok  %10s execs in %ss  cov %s  corpus %s' "$t" "${execs:-?}" \
      "$secs" "${cov:-?}" "$corpus")")
  fi
done
printf '%s\n' "${summary[@]}"
exit $status
