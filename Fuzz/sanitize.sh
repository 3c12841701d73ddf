#!/usr/bin/env bash
# Builds the package and runs the whole normal test suite under a sanitizer, in its own scratch
# directory (.build-asan or .build-tsan) so the normal build is left alone.
#
#   Fuzz/sanitize.sh address|thread [swift test arguments, e.g. --filter HTTPServerTests]
#
# Fails if the build fails, a test fails, or the sanitizer reports anything in our code:
#   * address: any AddressSanitizer error (it aborts the test process at once), and any leak that
#     LeakSanitizer finds at exit whose allocation stack passes through our code, product or tests.
#     Leaks allocated wholly by the test runners and toolchain libraries (XCTest's runner) and Swift's
#     weak-reference side tables of live objects are counted and listed, not failed.
#   * thread: any ThreadSanitizer report, except a race between two accesses that are both inside
#     `Mutex.withLock`: TSan cannot see a contended Synchronization.Mutex (Fuzz/README.md has the probe),
#     so such reports are counted, not failed. TSan keeps running after a report (halt_on_error=0) so
#     one of those does not end the suite.
# ConnectionMemoryTests is skipped: it measures RSS, which a sanitizer's shadow memory makes meaningless.
# The full log is kept in Fuzz/.build/sanitize-KIND.log.
set -euo pipefail
cd "$(dirname "$0")/.."

kind=${1:-}
case "$kind" in
  address) scratch=.build-asan ;;
  thread) scratch=.build-tsan ;;
  *) echo "usage: $0 address|thread [swift test arguments]" >&2; exit 2 ;;
esac
shift
test_arguments=("$@")
[ ${#test_arguments[@]} -eq 0 ] && test_arguments=(--skip ConnectionMemoryTests)

log="Fuzz/.build/sanitize-$kind.log"
mkdir -p Fuzz/.build

export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export TSAN_OPTIONS="halt_on_error=0:second_deadlock_stack=1:history_size=4${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
# The sanitizer's report is the evidence; Swift's backtracer on top of an abort only takes minutes.
export SWIFT_BACKTRACE=enable=no

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
"${runner[@]}" swift test --skip-build --sanitize="$kind" --scratch-path "$scratch" "${test_arguments[@]}" >>"$log" 2>&1 || status=$?

python3 Fuzz/sanitizer_report.py "$log" "$status"
echo "sanitize: $kind clean (log: $log)" >&2
