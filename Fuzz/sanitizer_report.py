#!/usr/bin/env python3
"""Judges a Fuzz/sanitize.sh log: exit 0 when the tests passed and the sanitizer found nothing in our code.

    Fuzz/sanitizer_report.py LOG [EXIT_STATUS_OF_SWIFT_TEST]

Fails on: any AddressSanitizer error; a leak whose allocation stack passes through our code (a frame in
Sources/ or Tests/, a symbol of one of our modules) or is cut too short to tell; any ThreadSanitizer
report except a race between two accesses that are both inside `Mutex.withLock` bodies (TSan cannot see
a contended Synchronization.Mutex: see Fuzz/README.md); a failed test. Counted and listed by origin, not
failed: leaks whose whole stack is the test runners' or the toolchain libraries', Swift weak-reference
side tables (their object is alive; LeakSanitizer cannot read the pointer to them, which Swift stores
shifted in the object's reference count), and the Mutex-only reports.
"""
import os
import re
import sys

REPOSITORY = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
# Our modules, product and test (Sources/X, Tests/X), as Swift mangles a symbol of theirs: `$s` and the
# length-prefixed module name, or the same followed by `E` for an extension of another module's type.
MODULES = sorted(
    name for folder in ("Sources", "Tests") if os.path.isdir(os.path.join(REPOSITORY, folder))
    for name in os.listdir(os.path.join(REPOSITORY, folder)) if name.isidentifier()
)
MANGLED_MODULES = "|".join(f"{len(name)}{name}" for name in MODULES)
OUR_SYMBOL = re.compile(rf"\$s(?:{MANGLED_MODULES})|[^0-9](?:{MANGLED_MODULES})E")
LEAK = re.compile(r"(Direct|Indirect) leak of (\d+) byte\(s\) in (\d+) object")
LEAK_FRAME = re.compile(r"^\s+#(\d+) 0x[0-9a-f]+ in (.*)$", re.M)
# ASan records this many frames of an allocation's stack (its default `malloc_context_size`): a deeper
# stack is cut, so one with no frame of ours may still have come from our code.
RECORDED_FRAMES = 30
# Frames that only allocate; the first frame after them says where an allocation comes from.
ALLOCATOR = re.compile(r"^(malloc|calloc|realloc|posix_memalign|aligned_alloc|operator new|swift_slowAlloc|swift_allocObject"
                       r"|_os_object_alloc|CRYPTO_malloc|CRYPTO_zalloc|CRYPTO_realloc|_CFRuntimeCreateInstance)")
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


def leak_origin(frames):
    """The first frame after the allocator's: its library, when the frame names one, and its symbol."""
    for frame in frames[1:]:
        if ALLOCATOR.match(frame):
            continue
        symbol, _, where = frame.partition(" ")
        library = re.search(r"/(lib[^/+]+?)(?:\.so[.0-9]*)?\+", where)
        return f"{library.group(1)}: {symbol[:70]}" if library else symbol[:80]
    return "?"


def is_ours(block):
    return REPOSITORY + "/Sources/" in block or REPOSITORY + "/Tests/" in block or OUR_SYMBOL.search(block)


def leaks(log, failures):
    """Classifies every leak LeakSanitizer reported; fails the run on ours. Returns the counted ones."""
    ours, side_tables, harness = [], [], {}
    for report in re.split(r"==\d+==ERROR: LeakSanitizer: detected memory leaks", log)[1:]:
        for block in report.split("SUMMARY:")[0].strip().split("\n\n"):
            block = block.strip()
            leak = LEAK.match(block)
            if not leak:
                continue
            size, count = int(leak.group(2)), int(leak.group(3))
            frames = [frame for _, frame in LEAK_FRAME.findall(block)]
            if any("formWeakReference" in frame for frame in frames[:4]):
                side_tables.append((size, count))
            elif is_ours(block):
                ours.append(block)
            elif len(frames) >= RECORDED_FRAMES:
                ours.append(f"(stack cut at {len(frames)} frames, none of them ours: rerun with ASAN_OPTIONS=malloc_context_size=100)\n"
                            + block)
            else:
                origin = leak_origin(frames)
                total = harness.setdefault(origin, [0, 0])
                total[0] += size
                total[1] += count
    for block in ours[:5]:
        failures.append("leak in our code:\n" + "\n".join(block.splitlines()[:17]))
    if len(ours) > 5:
        failures.append(f"... {len(ours)} leaks in our code in all")
    return side_tables, harness


def main():
    log = open(sys.argv[1], errors="replace").read()
    status = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    failures = []
    mutex_only = thread_sanitizer(log, failures)
    failures += re.findall(r"ERROR: AddressSanitizer: [^\n]*", log)
    side_tables, harness = leaks(log, failures)

    summary = re.findall(r"Test run with \d+ tests?(?: in \d+ suites?)? (?:passed|failed)[^\n]*", log)
    print("sanitize: " + (summary[-1] if summary else "no swift-testing summary"), file=sys.stderr)
    failed_tests = re.findall(r"^✘ Test (\S+) failed", log, re.M)
    issues = sorted(set(re.findall(r"^✘ Test .*? recorded an issue at (\S+?):? ", log, re.M)))
    if not summary or "passed" not in summary[-1] or failed_tests:
        what = ", ".join(failed_tests + issues) or ("no summary" if not summary else summary[-1])
        failures.append(f"tests did not all pass (exit {status}): {what}")
    if mutex_only:
        print(f"sanitize: {mutex_only} TSan reports between two Mutex.withLock bodies (TSan cannot see a contended Mutex), not judged",
              file=sys.stderr)
    if side_tables:
        size, count = sum(size for size, _ in side_tables), sum(count for _, count in side_tables)
        print(f"sanitize: {size} bytes in {count} Swift weak-reference side tables of live objects, not leaks", file=sys.stderr)
    if harness:
        size, count = sum(total[0] for total in harness.values()), sum(total[1] for total in harness.values())
        print(f"sanitize: {size} bytes in {count} allocations leaked with no frame of ours (test runners, toolchain), not judged:",
              file=sys.stderr)
        for origin, (size, count) in sorted(harness.items(), key=lambda item: -item[1][0])[:12]:
            print(f"sanitize:   {size:8d} bytes {count:5d} allocations  {origin}", file=sys.stderr)
    for failure in failures:
        print("sanitize: FAIL " + failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
