#!/usr/bin/env bash
# Builds the package and runs the whole normal test suite under a sanitizer, in its own scratch
# directory (.build-asan or .build-tsan) so the normal build is left alone.
#
#   Fuzz/sanitize.sh address|thread [swift test arguments, e.g. --filter HTTPServerTests]
#
# Fails if the build fails, a test fails, or the sanitizer reports anything in our code:
#   * address: any AddressSanitizer error (it aborts the test process at once), and any leak that
#     LeakSanitizer finds at exit whose allocation passed through one of our modules. Leaks made only by
#     test harness code and the toolchain's libraries (Foundation's Process, XCTest's runner) are
#     listed, not failed: they are not the product's, and we cannot fix them there.
#   * thread: any ThreadSanitizer report.
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
export TSAN_OPTIONS="halt_on_error=1:abort_on_error=1:second_deadlock_stack=1${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
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

python3 - "$log" "$status" <<'EOF'
import re, sys
log = open(sys.argv[1], errors="replace").read()
status = int(sys.argv[2])
# Our modules, as their mangled names begin (a leak or error whose stack passes through one is ours).
ours = ["$s9JSONModel", "$s14AdmissionRules", "$s9YAMLCodec", "$s13ManifestCheck", "$s3TLS", "$s10HTTPServer",
        "$s16AdmissionWebhook", "$s12ClusterWatch", "$s20AntflyRestoreWebhook"]
failures = []

for match in re.finditer(r"WARNING: ThreadSanitizer: [^\n]*", log):
    failures.append(match.group(0))
for match in re.finditer(r"ERROR: AddressSanitizer: [^\n]*", log):
    failures.append(match.group(0))

product_leaks = harness_leaks = 0
for report in re.split(r"==\d+==ERROR: LeakSanitizer: detected memory leaks", log)[1:]:
    report = report.split("SUMMARY:")[0]
    for block in report.strip().split("\n\n"):
        header = re.match(r"(Direct|Indirect) leak of (\d+) byte", block.strip())
        if not header:
            continue
        if any(prefix in block for prefix in ours):
            product_leaks += 1
            if product_leaks <= 5:
                failures.append("leak in our code:\n" + "\n".join(block.strip().splitlines()[:14]))
        else:
            harness_leaks += 1
if product_leaks > 5:
    failures.append(f"... {product_leaks} leaks in our code in all")

# swift-testing's summary line, and XCTest's (which finds no cases: the suite is swift-testing only).
summary = re.findall(r"Test run with \d+ tests?(?: in \d+ suites?)? (?:passed|failed)[^\n]*", log)
print("sanitize: " + (summary[-1] if summary else "no swift-testing summary"), file=sys.stderr)
tests_passed = bool(summary) and "passed" in summary[-1] and not re.search(r"^✘ Test .* failed", log, re.M)
if not tests_passed:
    failures.append("tests did not all pass (exit %d)" % status)
if harness_leaks:
    print(f"sanitize: {harness_leaks} leaks only in test harness / toolchain code (Foundation Process, XCTest), not ours", file=sys.stderr)
for failure in failures:
    print("sanitize: FAIL " + failure, file=sys.stderr)
sys.exit(1 if failures else 0)
EOF
echo "sanitize: $kind clean (log: $log)" >&2
