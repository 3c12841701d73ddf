#!/usr/bin/env python3
"""Turn bench/run's raw rows into the results table, the targets of issue 6, and RESULTS.md.

Input: a TSV, one row per server and workload:
  workload server rps p50_us p99_us hwm_kb cpu_us_per_request cpu_percent opens_per_request errors note anon_kb
Workload `f-off` / `f-on` rows are our server with the cluster check off / on (issue 8).
The table goes to stdout and, with the header (machine, date, commit, load), to --output.
"""

import argparse
import sys

SERVER_NAMES = {"swift": "antfly-restore-webhook", "go": "Go peer", "nginx": "nginx ceiling"}


def latency(us):
    return f"{us} µs" if us < 1000 else f"{us / 1000:.1f} ms"


def ratio(value, base):
    return f"{value / base:.2f}×" if base else "–"


def read_rows(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            continue
        cells = line.split("\t") + [""] * 12
        rows.append({
            "workload": cells[0], "server": cells[1], "rps": float(cells[2]), "p50": int(cells[3]),
            "p99": int(cells[4]), "hwm": int(cells[5]), "cpu_us": float(cells[6]), "cpu_pct": int(cells[7]),
            "opens": float(cells[8]), "errors": int(cells[9]), "note": cells[10],
            "anon": int(cells[11] or 0)})
    return rows


def combine(rows):
    """One row per workload and server: the run with the most requests/s (the least disturbed by
    other work on the machine), with the highest peak and anon RSS of all its runs, and every run's
    requests/s kept to show the spread."""
    groups = {}
    for r in rows:
        groups.setdefault((r["workload"], r["server"]), []).append(r)
    combined = []
    for runs in groups.values():
        best = dict(max(runs, key=lambda r: r["rps"]))
        best["hwm"] = max(r["hwm"] for r in runs)
        best["anon"] = max(r["anon"] for r in runs)
        best["errors"] = sum(r["errors"] for r in runs)
        best["runs"] = [r["rps"] for r in runs]
        combined.append(best)
    return combined


def spread(r):
    if len(r["runs"]) < 2:
        return ""
    return "runs: " + " / ".join(f"{rps:,.0f}" for rps in r["runs"]) + " req/s"


def table(rows, names):
    by = {(r["workload"], r["server"]): r for r in rows}
    out = ["| workload | server | req/s | p50 | p99 | peak RSS | anon RSS | CPU per req | server CPU "
           "| req/s ÷ Go | req/s ÷ nginx | p99 ÷ Go | RSS ÷ Go | CPU per req ÷ Go | errors | notes |",
           "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"]
    for r in rows:
        if r["workload"].startswith("f-"):
            continue
        go, nginx = by.get((r["workload"], "go")), by.get((r["workload"], "nginx"))
        notes = []
        if r["workload"] == "d":
            notes.append(f"{r['opens']:.2f} TCP opens per request")
        if r["note"]:
            notes.append(r["note"])
        if spread(r):
            notes.append(spread(r))
        out.append("| " + " | ".join([
            names.get(r["workload"], r["workload"]), SERVER_NAMES.get(r["server"], r["server"]),
            f"{r['rps']:,.0f}", latency(r["p50"]), latency(r["p99"]), f"{r['hwm'] / 1024:.1f} MiB", f"{r['anon'] / 1024:.1f} MiB",
            f"{r['cpu_us']:.1f} µs", f"{r['cpu_pct']}%",
            ratio(r["rps"], go["rps"]) if go else "–", ratio(r["rps"], nginx["rps"]) if nginx else "–",
            ratio(r["p99"], go["p99"]) if go else "–", ratio(r["hwm"], go["hwm"]) if go else "–",
            ratio(r["cpu_us"], go["cpu_us"]) if go else "–",
            str(r["errors"]), "; ".join(notes)]) + " |")
    return out


def cluster_rows(rows):
    off = next((r for r in rows if r["workload"] == "f-off"), None)
    on = next((r for r in rows if r["workload"] == "f-on"), None)
    if not (off and on):
        return []
    out = ["", "Cluster check (our server, /validate small, keep-alive): target latency with the check on within 5% of off.", "",
           "| cluster check | req/s | p50 | p99 | CPU per req | errors | notes |", "|---|--:|--:|--:|--:|--:|---|"]
    for label, r in (("off", off), ("on (warn, cache synced)", on)):
        notes = "; ".join(n for n in (r["note"], spread(r)) if n)
        out.append(f"| {label} | {r['rps']:,.0f} | {latency(r['p50'])} | {latency(r['p99'])} | {r['cpu_us']:.1f} µs | {r['errors']} | {notes} |")
    out.append("")
    out.append(f"On ÷ off: p50 {on['p50'] / off['p50']:.3f}, p99 {on['p99'] / off['p99']:.3f}, "
               f"CPU per request {on['cpu_us'] / off['cpu_us']:.3f}, req/s {on['rps'] / off['rps']:.3f}.")
    return out


def targets(rows):
    by = {(r["workload"], r["server"]): r for r in rows}
    checks = []

    def check(label, workload, value, goal, higher_is_better):
        ok = value >= goal if higher_is_better else value <= goal
        sign = "≥" if higher_is_better else "≤"
        checks.append(f"| {label} | {workload} | {value:.2f}× | {sign} {goal}× | {'met' if ok else '**missed**'} |")

    for w, goal in (("a", 1.5), ("b", 1.5), ("e", 1.5), ("c", 2.0)):
        s, g = by.get((w, "swift")), by.get((w, "go"))
        if s and g:
            check("keep-alive req/s ÷ Go", w, s["rps"] / g["rps"], goal, True)
    for w in "abcde":
        s, g = by.get((w, "swift")), by.get((w, "go"))
        if s and g:
            check("p99 ÷ Go", w, s["p99"] / g["p99"], 0.8, False)
    s, g = by.get(("d", "swift")), by.get(("d", "go"))
    if s and g:
        check("new TLS connections/s ÷ Go", "d", s["rps"] / g["rps"], 1.0, True)
    for w in "abcde":
        s, g = by.get((w, "swift")), by.get((w, "go"))
        if s and g:
            check("peak RSS ÷ Go", w, s["hwm"] / g["hwm"], 0.5, False)
    s, n = by.get(("a", "swift")), by.get(("a", "nginx"))
    if s and n:
        check("req/s ÷ nginx", "a", s["rps"] / n["rps"], 0.6, True)
    off = next((r for r in rows if r["workload"] == "f-off"), None)
    on = next((r for r in rows if r["workload"] == "f-on"), None)
    if off and on:
        check("p50 check on ÷ off", "f", on["p50"] / off["p50"], 1.05, False)
        check("p99 check on ÷ off", "f", on["p99"] / off["p99"], 1.05, False)
    if not checks:
        return []
    return ["", "Targets (issue 6, issue 8), each a ratio in this run:", "",
            "| target | workload | measured | goal | |", "|---|---|--:|--:|---|"] + checks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows")
    parser.add_argument("--output", required=True)
    parser.add_argument("--date", required=True)
    parser.add_argument("--commit", required=True)
    parser.add_argument("--machine", required=True)
    parser.add_argument("--load", required=True)
    parser.add_argument("--settings", required=True)
    parser.add_argument("--tools", required=True)
    parser.add_argument("--binary", default="")
    parser.add_argument("--workload-names", required=True)
    parser.add_argument("--note", action="append", default=[])
    parser.add_argument("--profile", help="a Markdown file with perf's top symbols for our server")
    args = parser.parse_args()

    names = {line.split(" ", 1)[0]: line for line in args.workload_names.splitlines() if line}
    rows = combine(read_rows(args.rows))
    main_table = table(rows, names)
    body = (main_table if len(main_table) > 2 else []) + cluster_rows(rows) + targets(rows)
    print("\n".join(body))

    header = [
        "# Benchmark results",
        "",
        "Written by `bench/run` (see the top of that script for what it measures and how). The machine is",
        "shared with other work, so absolute figures drift between runs; the ratios within one run are what count.",
        "",
        f"* Date: {args.date}",
        f"* Commit: {args.commit}",
        f"* Machine: {args.machine}",
        f"* Load average: {args.load}",
        f"* Settings: {args.settings}",
        f"* Tools: {args.tools}",
    ]
    if args.binary:
        header.append(f"* Our binary: {args.binary.strip()}")
    header += [f"* Note: {note}" for note in args.note if note]
    footer = [
        "",
        "Each row is the best of its runs (the one with the most requests/s; the notes list every run's",
        "requests/s); errors add up all runs; peak and anon RSS are the highest of the runs.",
        "Columns: req/s is completed requests per second (in d, each request is a new TCP connection and a full",
        "TLS handshake, so it is new connections per second); p50 and p99 are wrk's latency from sending the",
        "request to the end of the answer (in d the handshake is not included); peak RSS is the server's VmHWM",
        "after the run (resident pages of its binary and shared libraries included, as the issue's target counts",
        "them); anon RSS is its RssAnon at the end of the run (heap, stacks: the memory it allocated); CPU per req is the server's user + system CPU time (all threads) divided by the",
        "requests (in d: per new connection, the fair figure there, as one core of wrk doing full handshakes",
        "cannot saturate a server); server CPU is that time over the run's wall time (100% = its one core).",
    ]
    profile = []
    if args.profile:
        profile = ["", "## Where our server spends its time", "", open(args.profile, encoding="utf-8").read().rstrip()]
    with open(args.output, "w", encoding="utf-8") as out:
        out.write("\n".join(header + [""] + body + footer + profile) + "\n")


if __name__ == "__main__":
    sys.exit(main())
