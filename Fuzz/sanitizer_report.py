#!/usr/bin/env python3
"""Judges a Fuzz/sanitize.sh log: exit 0 when the tests passed and the sanitizer found nothing in our code.

    Fuzz/sanitizer_report.py LOG [EXIT_STATUS_OF_SWIFT_TEST]

Fails on: any AddressSanitizer error; a leak whose allocation passed through one of our modules; any
ThreadSanitizer report except a race between two accesses that are both inside `Mutex.withLock`
bodies (TSan cannot see Synchronization.Mutex on Linux: its atomics and futex calls are not
instrumented, and a two-line program with a Mutex gets the same report); a failed test. Leaks made only
by test-harness code and toolchain libraries, and the Mutex-only reports, are counted, not failed.
"""
import re
import sys

# Our modules, as their mangled symbols begin: a stack that passes through one is ours.
OURS = ["$s9JSONModel", "$s14AdmissionRules", "$s9YAMLCodec", "$s13ManifestCheck", "$s3TLS", "$s10HTTPServer",
        "$s16AdmissionWebhook", "$s12ClusterWatch", "$s20AntflyRestoreWebhook"]
# A closure (`fU_`, `fU0_`, ...) or a `defer` block in one: still inside the function that wrote it.
CLOSURE = re.compile(r"fU\d*_|\$defer")
FRAME = re.compile(r"^\s+#\d+ (\S+) (/\S+?\.swift)(?::(\d+))?")


def source_line(path, line):
    try:
        with open(path) as source:
            return source.read().splitlines()[int(line) - 1]
    except (OSError, IndexError, ValueError):
        return ""


def is_inside_with_lock(stack):
    """True when the access runs in a `withLock` body: walking out from the access through closures,
    some frame up to the first real function is a line that calls `withLock`."""
    for text in stack.splitlines():
        frame = FRAME.match(text)
        if not frame:
            continue
        symbol, path, line = frame.groups()
        if line and "withLock" in source_line(path, line):
            return True
        if not CLOSURE.search(symbol):
            return False
    return False


def thread_sanitizer(log, failures):
    mutex_only = 0
    for block in re.split(r"==================\n", log):
        warning = re.search(r"WARNING: ThreadSanitizer: ([^\n]*)", block)
        if not warning:
            continue
        # The racing accesses: the stack after each "... by thread Tn:" / "... by main thread:" line.
        accesses = re.findall(r" by (?:thread T\d+|main thread)[^\n]*:\n((?:\s+#\d+[^\n]*\n)+)", block)
        if "race" in warning.group(1) and len(accesses) >= 2 and all(map(is_inside_with_lock, accesses[:2])):
            mutex_only += 1
            continue
        failures.append("ThreadSanitizer: " + warning.group(1) + "\n" + "\n".join(block.strip().splitlines()[1:16]))
    return mutex_only


def leaks(log, failures):
    product = harness = 0
    for report in re.split(r"==\d+==ERROR: LeakSanitizer: detected memory leaks", log)[1:]:
        for block in report.split("SUMMARY:")[0].strip().split("\n\n"):
            if not re.match(r"(Direct|Indirect) leak of \d+ byte", block.strip()):
                continue
            if any(prefix in block for prefix in OURS):
                product += 1
                if product <= 5:
                    failures.append("leak in our code:\n" + "\n".join(block.strip().splitlines()[:14]))
            else:
                harness += 1
    if product > 5:
        failures.append(f"... {product} leaks in our code in all")
    return harness


def main():
    log = open(sys.argv[1], errors="replace").read()
    status = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    failures = []
    mutex_only = thread_sanitizer(log, failures)
    failures += re.findall(r"ERROR: AddressSanitizer: [^\n]*", log)
    harness_leaks = leaks(log, failures)

    summary = re.findall(r"Test run with \d+ tests?(?: in \d+ suites?)? (?:passed|failed)[^\n]*", log)
    print("sanitize: " + (summary[-1] if summary else "no swift-testing summary"), file=sys.stderr)
    failed_tests = re.findall(r"^✘ Test (\S+) failed", log, re.M)
    if not summary or "passed" not in summary[-1] or failed_tests:
        failures.append(f"tests did not all pass (exit {status}): {', '.join(failed_tests) or 'no summary'}")
    if mutex_only:
        print(f"sanitize: {mutex_only} TSan reports between two Mutex.withLock bodies (TSan cannot see Synchronization.Mutex), not judged",
              file=sys.stderr)
    if harness_leaks:
        print(f"sanitize: {harness_leaks} leaks only in test-harness / toolchain code (Foundation Process, XCTest), not ours",
              file=sys.stderr)
    for failure in failures:
        print("sanitize: FAIL " + failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
