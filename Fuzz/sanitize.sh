#!/usr/bin/env bash
# Builds the package and runs the whole normal test suite under a sanitizer, in its own scratch
# directory (.build-asan or .build-tsan) so the normal build is left alone.
#
#   Fuzz/sanitize.sh address|thread [swift test arguments, e.g. --filter HTTPServerTests]
#
# Exits non-zero if the build fails, a test fails, or the sanitizer reports anything: a report aborts
# the test process (halt_on_error), so the run cannot pass with a finding in it. Reports are kept in
# Fuzz/.build/sanitize-KIND.log.
set -euo pipefail
cd "$(dirname "$0")/.."

kind=${1:-}
case "$kind" in
  address) scratch=.build-asan ;;
  thread) scratch=.build-tsan ;;
  *) echo "usage: $0 address|thread [swift test arguments]" >&2; exit 2 ;;
esac
shift

log="Fuzz/.build/sanitize-$kind.log"
mkdir -p Fuzz/.build

# Leak checking stays on (it runs at exit of each test process); Fuzz/lsan-suppressions.txt lists the
# leaks that are not ours.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan-suppressions.txt:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# The sanitizer's report is the evidence; Swift's backtracer on top of an abort only takes minutes.
export SWIFT_BACKTRACE=enable=no
export TSAN_OPTIONS="halt_on_error=1:abort_on_error=1:second_deadlock_stack=1${TSAN_OPTIONS:+:$TSAN_OPTIONS}"

echo "sanitize: building with --sanitize=$kind into $scratch" >&2
if ! swift build --build-tests --sanitize="$kind" --scratch-path "$scratch" >"$log" 2>&1; then
  grep -E 'error:' "$log" | head -20 >&2 || tail -20 "$log" >&2
  echo "sanitize: build failed (see $log)" >&2
  exit 1
fi

echo "sanitize: running the tests (log: $log)" >&2
status=0
# TSan needs the fixed address layout it was built for; on kernels with more ASLR entropy it aborts
# with "unexpected memory mapping" unless randomisation is off for this process.
runner=()
if [ "$kind" = thread ] && command -v setarch >/dev/null; then runner=(setarch "$(uname -m)" -R); fi
"${runner[@]}" swift test --skip-build --sanitize="$kind" --scratch-path "$scratch" "$@" >>"$log" 2>&1 || status=$?

if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|WARNING: ThreadSanitizer|SUMMARY: (Address|Thread|Leak)Sanitizer' "$log"; then
  grep -nE 'ERROR: (AddressSanitizer|LeakSanitizer)|WARNING: ThreadSanitizer|SUMMARY: ' "$log" | head -20 >&2
  echo "sanitize: $kind reported findings (see $log)" >&2
  exit 1
fi
grep -E '^(✔|✘|􁁛|􀢄).*(Test run with|tests? in)|Executed [0-9]+ tests' "$log" | tail -3 >&2 || true
if [ "$status" -ne 0 ]; then
  tail -30 "$log" >&2
  echo "sanitize: tests failed under $kind (exit $status, see $log)" >&2
  exit "$status"
fi
echo "sanitize: $kind clean" >&2
