#!/usr/bin/env bash
# Soak test: the real release binary, serving on loopback, under mixed hostile load for MINUTES
# (default 10), with its certificate swapped every 30 s and SIGTERM at the end (Fuzz/soak_load.py
# makes the load). Prints a report and passes only if:
#   * every valid review got its answer (zero unanswered valid requests),
#   * RSS at the end is within 10% of RSS after the first minute (flat memory),
#   * the process holds no more descriptors at the end than at the start,
#   * requests in flight at SIGTERM were answered and the process exited 0,
#   * every certificate swap reached new connections, every broken pair (a certificate without its key)
#     was refused with the old certificate kept, every answer was logged, and nothing logged an error.
#
#   Fuzz/soak.sh [MINUTES]        (at least 2; may be fractional, e.g. 2.5)
#
# Needs python3 and openssl. Everything it starts is stopped by PID; files go to a temporary directory
# that is removed at the end, except the report and the server's log, kept in Fuzz/.build/soak/.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=${1:-10}
if ! [[ "$minutes" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
  echo "usage: $0 [MINUTES]" >&2
  exit 2
fi
seconds=$(python3 -c "print(round($minutes * 60))")
if (( seconds < 120 )); then
  echo "soak: MINUTES must be at least 2: memory at the end is compared with the sample taken after the" >&2
  echo "first minute (the start includes warm-up), so a shorter run would have nothing to compare with" >&2
  exit 2
fi
out=Fuzz/.build/soak
mkdir -p "$out"

echo "soak: building the release binary" >&2
swift build -c release --product antfly-restore-webhook 2>&1 | grep -E 'error|Compiling|Build' | grep -v 'Source files for target' >&2 || true
binary="$(swift build -c release --show-bin-path)/antfly-restore-webhook"
[ -x "$binary" ] || { echo "soak: no binary at $binary" >&2; exit 1; }

work=$(mktemp -d /tmp/antfly-soak.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A CA and two serving pairs it signed, for 127.0.0.1; the served files start as pair A.
certificate() {
  local name=$1
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=soak-$name" \
    -keyout "$work/$name.key" -out "$work/$name.csr" 2>/dev/null
  openssl x509 -req -in "$work/$name.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
    -extfile <(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n') \
    -out "$work/$name.crt" 2>/dev/null
}
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=soak-ca" -days 2 \
  -keyout "$work/ca.key" -out "$work/ca.crt" 2>/dev/null
certificate a
certificate b
mkdir -p "$work/serving"
cp "$work/a.crt" "$work/serving/tls.crt"
cp "$work/a.key" "$work/serving/tls.key"

port=$(bench/free-port) metrics_port=$port
until [[ $metrics_port != "$port" ]]; do metrics_port=$(bench/free-port); done

# The server logs one line per admission decision (hundreds of MB over a soak): count those, keep the rest.
"$binary" serve --bind-address 127.0.0.1 --secure-port "$port" \
  --metrics-bind-address "127.0.0.1:$metrics_port" \
  --tls-cert-file "$work/serving/tls.crt" --tls-private-key-file "$work/serving/tls.key" \
  --shutdown-timeout 15s \
  > >(awk '/"msg":"admission decision"/ { n++; next } { print; fflush() } END { print "soak: admission decision lines: " n + 0 }' \
      >"$out/server.log") 2>&1 &
server_pid=$!

# Ready when /readyz answers 200 on the plain port (deadline 30 s).
ready=false
for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$metrics_port/readyz" 2>/dev/null; then ready=true; break; fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.5
done
if ! $ready; then
  echo "soak: the server did not become ready; its log:" >&2
  tail -20 "$out/server.log" >&2
  exit 1
fi
echo "soak: server pid $server_pid on 127.0.0.1:$port (plain :$metrics_port); load for ${seconds}s" >&2

python3 Fuzz/soak_load.py --pid "$server_pid" --port "$port" --metrics-port "$metrics_port" --seconds "$seconds" \
  --ca "$work/ca.crt" --cert "$work/serving/tls.crt" --key "$work/serving/tls.key" \
  --cert-a "$work/a.crt" --key-a "$work/a.key" --cert-b "$work/b.crt" --key-b "$work/b.key" \
  --examples examples >"$out/report.json"

# soak_load.py sent SIGTERM; the server must exit 0 within its shutdown timeout.
exit_code=""
for _ in $(seq 1 60); do
  state=$(awk '{print $3}' "/proc/$server_pid/stat" 2>/dev/null || echo gone)
  if [ "$state" = Z ] || [ "$state" = gone ]; then
    wait "$server_pid" && exit_code=0 || exit_code=$?
    break
  fi
  sleep 0.5
done
[ -z "$exit_code" ] && exit_code="still running 30 s after SIGTERM"
server_pid=""
# The log filter finishes when the server's output closes.
for _ in $(seq 1 20); do
  grep -q '^soak: admission decision lines' "$out/server.log" && break
  sleep 0.5
done

python3 - "$out/report.json" "$exit_code" "$out/server.log" <<'EOF'
import json, re, sys
report = json.load(open(sys.argv[1]))
exit_code = sys.argv[2]
log = open(sys.argv[3], errors="replace").read()
decision_lines = int((re.findall(r"^soak: admission decision lines: (\d+)", log, re.M) or ["-1"])[-1])
answered = report["valid_answered"] + report["in_flight_at_sigterm"]["answered"]
problems = [line for line in log.splitlines() if '"level":"error"' in line or '"level":"critical"' in line]
refusals = log.count('"msg":"TLS certificate reload refused')
rss, fds = report["rss_kib"], report["fds"]
first = rss["first_minute"] or rss["start"]
growth = (rss["end"] - first) / first * 100
checks = [
    ("zero unanswered valid requests", report["unanswered_valid"] == 0),
    ("end RSS within 10% of the first minute", abs(growth) <= 10),
    ("no descriptor growth", fds["end"] <= fds["start"]),
    ("in-flight requests answered at SIGTERM", report["in_flight_at_sigterm"]["answered"] == report["in_flight_at_sigterm"]["sent"]),
    ("exit 0 after SIGTERM", exit_code == "0"),
    ("every certificate swap picked up", all(seen is not None for seen in report["certificate_swaps_seen_after_seconds"][:-1])),
    ("broken pairs refused, the old certificate kept", report["broken_pairs"]["connections_that_saw_one"] == 0
        and refusals >= report["broken_pairs"]["written"]),
    ("every valid client connected (no refused or failed TLS connections)",
        not any(key.startswith("connect errors") for key in report["counts"])),
    ("every probe and scrape answered 200",
        not any(key.startswith("probe") and not key.endswith(" 200") for key in report["counts"])),
    ("one decision log line per answered review", decision_lines == answered),
    ("no error-level log lines", not problems),
]
print(f"soak: {report['seconds']} s of load")
print(f"  valid reviews: {report['valid_sent']} sent, {report['valid_answered']} answered, {report['unanswered_valid']} unanswered")
print(f"  HTTP statuses: {report['statuses']}")
for key, value in report["counts"].items():
    print(f"  {key}: {value}")
print(f"  RSS KiB: start {rss['start']}, after 1 min {rss['first_minute']}, end {rss['end']} ({growth:+.1f}%), max {rss['max']}")
print(f"  open fds: start {fds['start']}, end {fds['end']}, max {fds['max']}")
print(f"  certificate swaps picked up after (s): {report['certificate_swaps_seen_after_seconds']}")
print(f"  broken pairs: {report['broken_pairs']}; reloads refused in the log: {refusals}")
print(f"  in flight at SIGTERM: {report['in_flight_at_sigterm']}; exit code: {exit_code}")
print(f"  admission decisions logged: {decision_lines} (reviews answered: {answered}); error-level log lines: {len(problems)}")
for line in problems[:5]:
    print(f"    {line[:200]}")
if report["unanswered_examples"]:
    print(f"  unanswered examples: {report['unanswered_examples']}")
if report["worker_exceptions"]:
    print(f"  load worker exceptions: {report['worker_exceptions']}")
for name, ok in checks:
    print(f"  {'PASS' if ok else 'FAIL'}  {name}")
sys.exit(0 if all(ok for _, ok in checks) else 1)
EOF
