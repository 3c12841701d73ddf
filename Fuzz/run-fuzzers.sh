#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS on its committed seed corpus (Fuzz/Corpus/KIND) plus what earlier
# runs found (Fuzz/.build/corpus/TARGET, not committed), and prints one summary line per target.
# Exits 1 if any target crashed, leaked, timed out or ran out of memory; the input that did it is in
# Fuzz/artifacts/TARGET/ (reproduce with `SWIFT_BACKTRACE=enable=no Fuzz/.build/TARGET FILE`), and belongs in a regression test.
#
#   Fuzz/run-fuzzers.sh SECONDS [TARGET...]
#     TARGET: http-request-parser json-admission yaml-check api-server-response (default: all)
#
# CI runs it with 60 seconds per target. It needs clang's libFuzzer runtime, which the Swift toolchain ships.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 SECONDS [TARGET...]" >&2
  exit 2
fi
seconds=$1; shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(http-request-parser json-admission yaml-check api-server-response)

Fuzz/build.sh "${targets[@]}"
# libFuzzer reports a trap itself and writes the input; Swift's own backtracer would only slow that down
# (and can outlive a killed process holding its output open).
export SWIFT_BACKTRACE=enable=no

failed=0
summary=()
for target in "${targets[@]}"; do
  case "$target" in
    http-request-parser) seeds=Fuzz/Corpus/http; max_len=20000 ;;
    json-admission) seeds=Fuzz/Corpus/json; max_len=16384 ;;
    yaml-check) seeds=Fuzz/Corpus/yaml; max_len=8192 ;;
    api-server-response) seeds=Fuzz/Corpus/api; max_len=16384 ;;
    *) echo "unknown fuzz target: $target" >&2; exit 2 ;;
  esac
  corpus="Fuzz/.build/corpus/$target"
  artifacts="Fuzz/artifacts/$target"
  log="Fuzz/.build/$target.log"
  mkdir -p "$corpus" "$artifacts"
  echo "fuzz: $target for ${seconds}s (log: $log)" >&2
  status=0
  "Fuzz/.build/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$corpus" "$seeds" >"$log" 2>&1 || status=$?
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p' <<<"$done_line")
  if [ "$status" -eq 0 ] && [ -n "$done_line" ]; then
    result=ok
  else
    result="FAILED (exit $status)"
    failed=1
    grep -E 'ERROR|Fatal error|Assertion|Precondition|SUMMARY|Test unit written' "$log" | head -5 >&2 || true
  fi
  summary+=("$(printf '%-20s %5ss  execs %-10s cov %-6s ft %-7s corpus %-12s %s' \
    "$target" "$seconds" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result")")
done

printf '%s\n' "${summary[@]}"
exit "$failed"
