#!/usr/bin/env python3
"""Turn bench/run's raw rows into the results table, the targets of issue 6, and RESULTS.md.

Input: a TSV, one row per server and workload:
  workload server rps p50_us p99_us hwm_kb cpu_us_per_request cpu_percent opens_per_request errors note anon_kb
  client_cpu_us_per_request client_cpu_percent
(the last two are wrk's own CPU time; rows without them show "–").
Workload `f-off` / `f-on` rows are our server with the cluster check off / on (issue 8), measured at the
same time, one pair per round in order: their ratio is taken round by round, and the median is the figure.
Workload `h` rows are our server and nginx under (a) at the same time, paired the same way.
The table goes to stdout and, with the header (machine, date, commit, load), to --output.
"""

import argparse
import statistics
import sys

SERVER_NAMES = {"swift": "antfly-restore-webhook", "go": "Go peer", "nginx": "nginx ceiling"}
# The workloads that make a new TLS connection per request, and what their target row calls them.
HANDSHAKE_WORKLOADS = {"d": "d", "g": "g (RSA-2048)"}
# wrk at or above this share of its core: the load generator, not the server, bounded the rate.
CLIENT_SATURATED_PCT = 90


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
        cells = line.split("\t") + [""] * 14
        rows.append({
            "workload": cells[0], "server": cells[1], "rps": float(cells[2]), "p50": int(cells[3]),
            "p99": int(cells[4]), "hwm": int(cells[5]), "cpu_us": float(cells[6]), "cpu_pct": int(cells[7]),
            "opens": float(cells[8]), "errors": int(cells[9]), "note": cells[10],
            "anon": int(cells[11] or 0),
            "client_cpu_us": float(cells[12]) if cells[12] else None,
            "client_cpu_pct": int(cells[13]) if cells[13] else None})
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
           "| client CPU per req | client CPU "
           "| req/s ÷ Go | req/s ÷ nginx | p99 ÷ Go | RSS ÷ Go | CPU per req ÷ Go | errors | notes |",
           "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"]
    for r in rows:
        if r["workload"].startswith("f-") or r["workload"] == "h":
            continue
        go, nginx = by.get((r["workload"], "go")), by.get((r["workload"], "nginx"))
        notes = []
        if r["workload"] in HANDSHAKE_WORKLOADS:
            notes.append(f"{r['opens']:.2f} TCP opens per request")
        if r["note"]:
            notes.append(r["note"])
        if spread(r):
            notes.append(spread(r))
        out.append("| " + " | ".join([
            names.get(r["workload"], r["workload"]), SERVER_NAMES.get(r["server"], r["server"]),
            f"{r['rps']:,.0f}", latency(r["p50"]), latency(r["p99"]), f"{r['hwm'] / 1024:.1f} MiB", f"{r['anon'] / 1024:.1f} MiB",
            f"{r['cpu_us']:.1f} µs", f"{r['cpu_pct']}%",
            f"{r['client_cpu_us']:.1f} µs" if r["client_cpu_us"] is not None else "–",
            f"{r['client_cpu_pct']}%" if r["client_cpu_pct"] is not None else "–",
            ratio(r["rps"], go["rps"]) if go else "–", ratio(r["rps"], nginx["rps"]) if nginx else "–",
            ratio(r["p99"], go["p99"]) if go else "–", ratio(r["hwm"], go["hwm"]) if go else "–",
            ratio(r["cpu_us"], go["cpu_us"]) if go else "–",
            str(r["errors"]), "; ".join(notes)]) + " |")
    return out


def paired_ratios(raw_rows, base, other):
    """`other` ÷ `base` per round, each a (workload, server) measured at the same time as the other (so
    each round's ratio is a fair one): for p50, p99, CPU per request and requests/s, every round's ratio
    and their median."""
    bases = [r for r in raw_rows if (r["workload"], r["server"]) == base]
    others = [r for r in raw_rows if (r["workload"], r["server"]) == other]
    if not bases or len(bases) != len(others):
        return None
    ratios = {}
    for key in ("p50", "p99", "cpu_us", "rps"):
        values = [o[key] / b[key] for b, o in zip(bases, others) if b[key]]
        ratios[key] = (values, statistics.median(values)) if values else ([], float("nan"))
    return ratios


def cluster_ratios(raw_rows):
    return paired_ratios(raw_rows, ("f-off", "swift"), ("f-on", "swift"))


def beside_ratios(raw_rows):
    return paired_ratios(raw_rows, ("h", "nginx"), ("h", "swift"))


def median_line(title, ratios):
    parts = []
    for key, label in (("p50", "p50"), ("p99", "p99"), ("cpu_us", "CPU per request"), ("rps", "req/s")):
        values, median = ratios[key]
        parts.append(f"{label} {median:.3f} (rounds: {' / '.join(f'{v:.3f}' for v in values)})")
    return f"{title}, median of the rounds: " + ", ".join(parts) + "."


def cluster_rows(rows, raw_rows):
    off = next((r for r in rows if r["workload"] == "f-off"), None)
    on = next((r for r in rows if r["workload"] == "f-on"), None)
    ratios = cluster_ratios(raw_rows)
    if not (off and on and ratios):
        return []
    out = ["", "Cluster check (our server, /validate small, keep-alive): target latency with the check on within 5% of off.",
           "Both servers ran at the same time in each round, on the same core, each under its own wrk with half the connections.", "",
           "| cluster check | req/s | p50 | p99 | CPU per req | errors | notes |", "|---|--:|--:|--:|--:|--:|---|"]
    out += together_rows((("off", off), ("on (warn, cache synced)", on)))
    out += ["", median_line("On ÷ off", ratios)]
    return out


def together_rows(labelled):
    out = []
    for label, r in labelled:
        notes = "; ".join(n for n in (r["note"], spread(r)) if n)
        out.append(f"| {label} | {r['rps']:,.0f} | {latency(r['p50'])} | {latency(r['p99'])} | {r['cpu_us']:.1f} µs | {r['errors']} | {notes} |")
    return out


def beside_rows(rows, raw_rows):
    ours = next((r for r in rows if (r["workload"], r["server"]) == ("h", "swift")), None)
    nginx = next((r for r in rows if (r["workload"], r["server"]) == ("h", "nginx")), None)
    ratios = beside_ratios(raw_rows)
    if not (ours and nginx and ratios):
        return []
    out = ["", "(a) beside the nginx ceiling: both servers at the same time in each round, on the same core, each under",
           "its own wrk with half the connections, so the machine's other work takes from both alike. Sharing the",
           "core's caches costs the larger working set more; read it beside (a), not instead of it.", "",
           "| (h) server | req/s | p50 | p99 | CPU per req | errors | notes |", "|---|--:|--:|--:|--:|--:|---|"]
    out += together_rows((("antfly-restore-webhook", ours), ("nginx ceiling", nginx)))
    out += ["", median_line("Ours ÷ nginx", ratios)]
    return out


def targets(rows, raw_rows):
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
    for w, label in HANDSHAKE_WORKLOADS.items():
        s, g = by.get((w, "swift")), by.get((w, "go"))
        if s and g:
            check("new TLS connections/s ÷ Go", label, s["rps"] / g["rps"], 1.0, True)
    for w in "abcde":
        s, g = by.get((w, "swift")), by.get((w, "go"))
        if s and g:
            check("peak RSS ÷ Go", w, s["hwm"] / g["hwm"], 0.5, False)
    s, n = by.get(("a", "swift")), by.get(("a", "nginx"))
    if s and n:
        check("req/s ÷ nginx", "a", s["rps"] / n["rps"], 0.6, True)
    beside = beside_ratios(raw_rows)
    if beside:
        # nginx's CPU per request ÷ ours: the share of nginx's rate ours reaches on the same CPU.
        check("req/s per CPU second ÷ nginx, both at once (median of rounds)", "h", 1 / beside["cpu_us"][1], 0.6, True)
    ratios = cluster_ratios(raw_rows)
    if ratios:
        check("p50 check on ÷ off (median of rounds)", "f", ratios["p50"][1], 1.05, False)
        check("p99 check on ÷ off (median of rounds)", "f", ratios["p99"][1], 1.05, False)
    if not checks:
        return []
    return ["", "Targets (issue 6, issue 8), each a ratio in this run:", "",
            "| target | workload | measured | goal | |", "|---|---|--:|--:|---|"] + checks + bound_by(rows)


def bound_by(rows):
    """For the new-connection workloads: was wrk's core saturated in each server's best run? If so,
    the load generator bounded that run's rate, and its req/s ratio says little about the server."""
    lines = []
    for w, label in HANDSHAKE_WORKLOADS.items():
        runs = [r for r in rows if r["workload"] == w and r["client_cpu_pct"] is not None]
        if not runs:
            continue
        saturated = [r for r in runs if r["client_cpu_pct"] >= CLIENT_SATURATED_PCT]

        def bound(r):
            server_busy = r["cpu_pct"] >= CLIENT_SATURATED_PCT
            if r["client_cpu_pct"] >= CLIENT_SATURATED_PCT:
                return "both at their limit" if server_busy else "wrk bounded"
            return "the server bounded" if server_busy else "neither saturated"

        each = ", ".join(f"{SERVER_NAMES.get(r['server'], r['server'])} {r['client_cpu_pct']}% "
                         f"(server {r['cpu_pct']}%: {bound(r)})" for r in runs)
        if len(saturated) == len(runs):
            which = "every server" + (", so req/s ÷ Go measures wrk more than the servers (compare CPU per req)"
                                      if all(bound(r) == "wrk bounded" for r in runs) else "")
        elif not saturated:
            which = "no server"
        else:
            which = ", ".join(SERVER_NAMES.get(r["server"], r["server"]) for r in saturated) + " only"
        lines.append(f"* {label}: load generator saturated (client CPU ≥ {CLIENT_SATURATED_PCT}% of its core) "
                     f"in the best run of {which}. Client CPU: {each}.")
    if lines:
        lines = ["", "Which side bounded the new-connection rate:", ""] + lines
    return lines


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
    raw_rows = read_rows(args.rows)
    rows = combine(raw_rows)
    main_table = table(rows, names)
    body = ((main_table if len(main_table) > 2 else []) + cluster_rows(rows, raw_rows) + beside_rows(rows, raw_rows)
            + targets(rows, raw_rows))
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
        "Columns: req/s is completed requests per second (in d and g, each request is a new TCP connection and a full",
        "TLS handshake, so it is new connections per second); p50 and p99 are wrk's latency from sending the",
        "request to the end of the answer (in d and g the handshake is not included); peak RSS is the server's VmHWM",
        "after the run (resident pages of its binary and shared libraries included, as the issue's target counts",
        "them); anon RSS is its RssAnon at the end of the run (heap, stacks: the memory it allocated); CPU per req is the server's user + system CPU time (all threads) divided by the",
        "requests (in d and g: per new connection; in d the fair figure, as one core of wrk doing full handshakes",
        "cannot saturate a server); server CPU is that time over the run's wall time (100% = its one core);",
        "client CPU per req is wrk's own user + system CPU time (from wait4's rusage) divided by the requests,",
        "and client CPU that time over wrk's wall time (100% = its one core: the load generator, not the",
        "server, bounded the rate). g is d with an RSA-2048 server certificate instead of ECDSA P-256.",
    ]
    profile = []
    if args.profile:
        profile = ["", "## Where our server spends its time", "", open(args.profile, encoding="utf-8").read().rstrip()]
    with open(args.output, "w", encoding="utf-8") as out:
        out.write("\n".join(header + [""] + body + footer + profile) + "\n")


if __name__ == "__main__":
    sys.exit(main())
