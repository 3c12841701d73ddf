#!/usr/bin/env python3
"""Mixed hostile load against a running webhook on loopback, for Fuzz/soak.sh.

It drives the server for a set time, watches its memory and descriptors through /proc, swaps its
certificate every 30 s, and ends it with SIGTERM while requests are in flight. Everything is bounded:
a fixed number of workers, a deadline on every read, and the run stops by itself.

Workers (all on 127.0.0.1):
  keep-alive     valid reviews (mutate, validate, allowed and denied) and invalid requests on reused connections
  new-conn       one valid review per TLS connection (Connection: close); records which certificate it saw
  slowloris      a header dribbled one byte a second (expects 408), and TCP connections that never handshake
  vanish         clients that close (or reset) mid-body and mid-handshake
  garbage        random bytes to the TLS port, and garbage HTTP inside TLS and on the plain port
  probes         /healthz, /readyz, /metrics on the plain port, as the kubelet and Prometheus do
  cert-swap      every 30 s, renames the other certificate pair over the served files; every fourth
                 time only the certificate (a broken pair, which must be refused)

It prints a JSON report on stdout; Fuzz/soak.sh judges it.
"""
import argparse
import asyncio
import base64
import hashlib
import json
import os
import random
import signal
import socket
import ssl
import struct
import time

READ_TIMEOUT = 15.0


class Stats:
    def __init__(self):
        self.counts = {}
        self.valid_sent = 0
        self.valid_answered = 0
        self.unanswered = []          # (worker, reason) for valid requests without a good answer
        self.statuses = {}
        self.samples = []             # (seconds since start, rss KiB, fds)
        self.swaps = []               # (time of swap, fingerprint)
        self.broken_swaps = []        # (time, fingerprint of the certificate that must not be served)
        self.seen = []                # (time, fingerprint) from new connections

    def count(self, key, n=1):
        self.counts[key] = self.counts.get(key, 0) + n

    def status(self, code):
        self.statuses[str(code)] = self.statuses.get(str(code), 0) + 1


def proc_rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def proc_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def review_bodies(examples_dir):
    """(name, bytes, expects_allowed) for each example review; uids are replaced per request."""
    bodies = []
    for name in sorted(os.listdir(examples_dir)):
        if name.endswith(".json"):
            with open(os.path.join(examples_dir, name)) as file:
                bodies.append((name, json.load(file)))
    return bodies


class Load:
    def __init__(self, args):
        self.args = args
        self.stats = Stats()
        self.stop = asyncio.Event()
        self.start = time.monotonic()
        self.reviews = review_bodies(args.examples)
        self.context = ssl.create_default_context(cafile=args.ca)
        self.context.check_hostname = False  # the certificate names 127.0.0.1; the CA is what matters
        self.pairs = [(args.cert_a, args.key_a), (args.cert_b, args.key_b)]
        self.current_pair = 0
        self.rng = random.Random(args.seed)

    def now(self):
        return time.monotonic() - self.start

    # ------------------------------------------------------------ HTTP over a stream

    def request_bytes(self, method, path, body=b"", headers=(), close=False):
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
        lines += [f"{name}: {value}" for name, value in headers]
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        if close:
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    async def read_response(self, reader):
        """(status, headers dict, body); raises on EOF or timeout."""
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), READ_TIMEOUT)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        if status == 100:
            return await self.read_response(reader)
        length = int(headers.get("content-length", "0"))
        body = await asyncio.wait_for(reader.readexactly(length), READ_TIMEOUT) if length else b""
        return status, headers, body

    def valid_review(self):
        """(path, body, uid): a well-formed AdmissionReview for a random example and endpoint."""
        name, review = self.rng.choice(self.reviews)
        review = json.loads(json.dumps(review))
        uid = f"soak-{self.rng.getrandbits(64):016x}"
        review["request"]["uid"] = uid
        path = self.rng.choice(["/mutate-antfly-io-v1-antflyrestore", "/validate-antfly-io-v1-antflyrestore"])
        return path + "?timeout=10s", json.dumps(review).encode(), uid

    def check_review_answer(self, worker, uid, status, body):
        self.stats.status(status)
        if status != 200:
            self.stats.unanswered.append((worker, f"status {status}"))
            return
        try:
            answer = json.loads(body)
            if answer["response"]["uid"] != uid:
                raise ValueError("uid mismatch")
            if "patch" in answer["response"]:
                base64.b64decode(answer["response"]["patch"])
        except (ValueError, KeyError, TypeError) as error:
            self.stats.unanswered.append((worker, f"bad answer: {error}"))
            return
        self.stats.valid_answered += 1

    def invalid_request(self):
        """(request bytes, expected status) for a request the server must refuse without closing."""
        choice = self.rng.randrange(5)
        if choice == 0:
            body = b'{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":'
            return self.request_bytes("POST", "/validate-antfly-io-v1-antflyrestore", body,
                                      [("Content-Type", "application/json")]), 400
        if choice == 1:
            return self.request_bytes("POST", "/mutate-antfly-io-v1-antflyrestore", b"{}",
                                      [("Content-Type", "text/plain")]), 415
        if choice == 2:
            return self.request_bytes("GET", "/validate-antfly-io-v1-antflyrestore"), 405
        if choice == 3:
            return self.request_bytes("GET", "/nope"), 404
        return self.request_bytes("POST", "/validate-antfly-io-v1-antflyrestore", b'{"request":{}}',
                                  [("Content-Type", "application/json")]), 400

    async def open_tls(self):
        return await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", self.args.port, ssl=self.context, limit=1 << 24), READ_TIMEOUT)

    async def connect_or_pause(self):
        """A new TLS connection for a worker, or None after counting the failure and pausing briefly."""
        try:
            return await self.open_tls()
        except (OSError, asyncio.TimeoutError, ssl.SSLError) as error:
            self.stats.count(f"connect errors ({type(error).__name__})")
            await asyncio.sleep(0.2)
            return None

    # ------------------------------------------------------------ workers

    async def keep_alive_worker(self, index):
        worker = f"keep-alive-{index}"
        while not self.stop.is_set():
            connection = await self.connect_or_pause()
            if connection is None:
                continue
            reader, writer = connection
            self.stats.count("keep-alive connections")
            try:
                for _ in range(self.rng.randrange(1, 200)):
                    if self.stop.is_set():
                        break
                    if self.rng.random() < 0.8:
                        path, body, uid = self.valid_review()
                        writer.write(self.request_bytes("POST", path, body, [("Content-Type", "application/json")]))
                        self.stats.valid_sent += 1
                        try:
                            status, headers, answer = await self.read_response(reader)
                        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ssl.SSLError, ValueError) as error:
                            self.stats.unanswered.append((worker, f"{type(error).__name__}: {error}"))
                            break
                        self.check_review_answer(worker, uid, status, answer)
                    else:
                        request, expected = self.invalid_request()
                        writer.write(request)
                        status, headers, _ = await self.read_response(reader)
                        self.stats.status(status)
                        self.stats.count("invalid answered as expected" if status == expected else f"invalid answered {status}, expected {expected}")
                    if headers.get("connection", "").lower() == "close":
                        self.stats.count(f"keep-alive closed by server after {status}")
                        break
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ssl.SSLError, ValueError) as error:
                self.stats.count(f"keep-alive invalid-request errors ({type(error).__name__})")
            finally:
                writer.close()

    async def new_connection_worker(self, index):
        worker = f"new-conn-{index}"
        while not self.stop.is_set():
            connection = await self.connect_or_pause()
            if connection is None:
                continue
            reader, writer = connection
            der = writer.get_extra_info("ssl_object").getpeercert(binary_form=True)
            self.stats.seen.append((self.now(), hashlib.sha256(der).hexdigest()))
            path, body, uid = self.valid_review()
            writer.write(self.request_bytes("POST", path, body, [("Content-Type", "application/json")], close=True))
            self.stats.valid_sent += 1
            try:
                status, headers, answer = await self.read_response(reader)
                self.check_review_answer(worker, uid, status, answer)
                rest = await asyncio.wait_for(reader.read(), READ_TIMEOUT)
                self.stats.count("new-conn closed by server after Connection: close" if rest == b"" else "new-conn extra bytes")
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ssl.SSLError, ValueError) as error:
                self.stats.unanswered.append((worker, f"{type(error).__name__}: {error}"))
            finally:
                writer.close()

    async def slowloris_worker(self, index):
        """Dribbles a header; the server must answer 408 (or close) at its request timeout, not wait forever."""
        while not self.stop.is_set():
            try:
                if index % 4 == 0:
                    # A TCP connection that never starts the TLS handshake.
                    reader, writer = await asyncio.open_connection("127.0.0.1", self.args.port)
                    started = time.monotonic()
                    data = await asyncio.wait_for(reader.read(), 30)
                    self.stats.count("silent TCP closed by server")
                    self.stats.count("silent TCP seconds", round(time.monotonic() - started))
                    writer.close()
                    continue
                reader, writer = await self.open_tls()
                header = self.request_bytes("POST", "/validate-antfly-io-v1-antflyrestore", b"",
                                            [("Content-Type", "application/json")])[:-4]
                started = time.monotonic()
                closed = False
                for byte in header:
                    if self.stop.is_set():
                        break
                    writer.write(bytes([byte]))
                    try:
                        data = await asyncio.wait_for(reader.read(4096), 1.0)
                    except asyncio.TimeoutError:
                        continue
                    if data.startswith(b"HTTP/1.1 408"):
                        self.stats.count("slowloris answered 408")
                    self.stats.count("slowloris closed by server")
                    self.stats.count("slowloris seconds", round(time.monotonic() - started))
                    closed = True
                    break
                if not closed and not self.stop.is_set():
                    self.stats.count("slowloris never cut off")
                writer.close()
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ssl.SSLError) as error:
                self.stats.count(f"slowloris errors ({type(error).__name__})")
                await asyncio.sleep(0.5)

    async def vanish_worker(self, index):
        while not self.stop.is_set():
            try:
                kind = self.rng.randrange(3)
                if kind == 0:
                    # Half a TLS handshake, then gone.
                    sock = socket.create_connection(("127.0.0.1", self.args.port))
                    sock.sendall(bytes.fromhex("16030100f4010000f00303") + os.urandom(32))
                    if self.rng.random() < 0.5:
                        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    sock.close()
                    self.stats.count("vanished mid-handshake")
                else:
                    reader, writer = await self.open_tls()
                    _, body, _ = self.valid_review()
                    request = self.request_bytes("POST", "/validate-antfly-io-v1-antflyrestore", body,
                                                 [("Content-Type", "application/json")])
                    writer.write(request[: len(request) - self.rng.randrange(1, len(body))])
                    await writer.drain()
                    await asyncio.sleep(self.rng.random() * 0.5)
                    if kind == 2:
                        raw = writer.get_extra_info("socket")
                        raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                        writer.transport.abort()
                        self.stats.count("vanished mid-body (reset)")
                    else:
                        writer.close()
                        self.stats.count("vanished mid-body (close)")
            except (OSError, asyncio.TimeoutError, ssl.SSLError) as error:
                self.stats.count(f"vanish errors ({type(error).__name__})")
            await asyncio.sleep(0.05)

    async def garbage_worker(self, index):
        while not self.stop.is_set():
            kind = self.rng.randrange(3)
            try:
                if kind == 0:
                    reader, writer = await asyncio.open_connection("127.0.0.1", self.args.port)
                    writer.write(os.urandom(self.rng.randrange(1, 4096)))
                    data = await asyncio.wait_for(reader.read(), READ_TIMEOUT)
                    self.stats.count("garbage to TLS port closed")
                elif kind == 1:
                    reader, writer = await self.open_tls()
                    writer.write(b"GET /\x00 HTTP/1.1\r\n" + os.urandom(self.rng.randrange(1, 2048)) + b"\r\n\r\n")
                    data = await asyncio.wait_for(reader.read(), READ_TIMEOUT)
                    self.stats.count("garbage HTTP in TLS answered 4xx" if data[9:10] == b"4" else "garbage HTTP in TLS closed")
                else:
                    reader, writer = await asyncio.open_connection("127.0.0.1", self.args.metrics_port)
                    writer.write(os.urandom(self.rng.randrange(1, 2048)) + b"\r\n\r\n")
                    data = await asyncio.wait_for(reader.read(), READ_TIMEOUT)
                    self.stats.count("garbage to plain port answered 4xx" if data[9:10] == b"4" else "garbage to plain port closed")
                writer.close()
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ssl.SSLError) as error:
                self.stats.count(f"garbage errors ({type(error).__name__})")
            await asyncio.sleep(0.02)

    async def probe_worker(self, index):
        reader = writer = None
        while not self.stop.is_set():
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", self.args.metrics_port, limit=1 << 24)
                for path in ["/healthz", "/readyz", "/metrics"]:
                    writer.write(self.request_bytes("GET", path))
                    status, _, _ = await self.read_response(reader)
                    self.stats.count(f"probe {path} {status}")
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as error:
                self.stats.count(f"probe errors ({type(error).__name__})")
                writer = None
            await asyncio.sleep(1.0)
        if writer is not None:
            writer.close()

    async def cert_swapper(self):
        """Every 30 s, renames the other pair over the served files. Every fourth time it renames only the
        other certificate, leaving the current key: a broken pair, which the server must refuse, keeping
        the certificate it has (the next swap then completes the pair)."""
        directory = os.path.dirname(self.args.cert)
        swaps = 0
        while True:
            try:
                await asyncio.wait_for(self.stop.wait(), 30)
                return
            except asyncio.TimeoutError:
                pass
            swaps += 1
            is_broken = swaps % 4 == 2
            other = 1 - self.current_pair
            cert, key = self.pairs[other]
            files = [(cert, self.args.cert)] if is_broken else [(key, self.args.key), (cert, self.args.cert)]
            # Write the new files beside the served ones, then rename each over the old one.
            for source, target in files:
                temporary = os.path.join(directory, "." + os.path.basename(target) + ".new")
                with open(source, "rb") as file, open(temporary, "wb") as out:
                    out.write(file.read())
                os.rename(temporary, target)
            with open(cert, "rb") as file:
                fingerprint = hashlib.sha256(ssl.PEM_cert_to_DER_cert(file.read().decode())).hexdigest()
            if is_broken:
                self.stats.broken_swaps.append((self.now(), fingerprint))
                self.stats.count("certificate swaps (broken pair)")
            else:
                self.current_pair = other
                self.stats.swaps.append((self.now(), fingerprint))
                self.stats.count("certificate swaps")

    async def sampler(self):
        while not self.stop.is_set():
            self.stats.samples.append((round(self.now(), 1), proc_rss_kib(self.args.pid), proc_fds(self.args.pid)))
            try:
                await asyncio.wait_for(self.stop.wait(), 5)
            except asyncio.TimeoutError:
                pass

    # ------------------------------------------------------------ the run

    async def in_flight_at_sigterm(self, count):
        """Requests whose body is still arriving when SIGTERM lands must still be answered."""
        connections = []
        for _ in range(count):
            reader, writer = await self.open_tls()
            path, body, uid = self.valid_review()
            request = self.request_bytes("POST", path, body, [("Content-Type", "application/json")])
            writer.write(request[:-10])
            await writer.drain()
            connections.append((reader, writer, request[-10:], uid))
        await asyncio.sleep(0.5)
        os.kill(self.args.pid, signal.SIGTERM)
        await asyncio.sleep(0.5)
        answered = 0
        for reader, writer, rest, uid in connections:
            writer.write(rest)
            try:
                status, _, body = await self.read_response(reader)
                if status == 200 and json.loads(body)["response"]["uid"] == uid:
                    answered += 1
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ssl.SSLError, ValueError, KeyError):
                pass
            writer.close()
        return answered

    async def run(self):
        pid = self.args.pid
        start_rss, start_fds = proc_rss_kib(pid), proc_fds(pid)
        workers = []
        spawn = lambda coroutine: workers.append(asyncio.create_task(coroutine))
        for index in range(self.args.keep_alive):
            spawn(self.keep_alive_worker(index))
        for index in range(self.args.new_connections):
            spawn(self.new_connection_worker(index))
        for index in range(self.args.slowloris):
            spawn(self.slowloris_worker(index))
        for index in range(2):
            spawn(self.vanish_worker(index))
        spawn(self.garbage_worker(0))
        spawn(self.probe_worker(0))
        spawn(self.cert_swapper())
        spawn(self.sampler())

        await asyncio.sleep(self.args.seconds)
        self.stop.set()
        # Workers finish the request in hand; the slowest wait is one read timeout.
        done, pending = await asyncio.wait(workers, timeout=READ_TIMEOUT + 30)
        for task in pending:
            task.cancel()
        errors = [repr(task.exception()) for task in done if not task.cancelled() and task.exception()]

        # The server closes its side when a client goes; give it a moment, then measure.
        deadline = time.monotonic() + 20
        while proc_fds(pid) > start_fds and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
        end_rss, end_fds = proc_rss_kib(pid), proc_fds(pid)
        elapsed = self.now()

        in_flight = 4
        answered_in_flight = await self.in_flight_at_sigterm(in_flight)

        first_minute = next((rss for t, rss, _ in self.stats.samples if t >= 60), None)
        # A broken pair must not reach any connection before the next (good) swap.
        broken_served = 0
        for broken_at, fingerprint in self.stats.broken_swaps:
            next_swap = min((t for t, _ in self.stats.swaps if t > broken_at), default=float("inf"))
            broken_served += sum(1 for t, seen in self.stats.seen if broken_at + 0.5 <= t < next_swap and seen == fingerprint)
        swaps_seen = []
        for swapped_at, fingerprint in self.stats.swaps:
            seen = [t for t, seen_print in self.stats.seen if t >= swapped_at and seen_print == fingerprint]
            swaps_seen.append(round(min(seen) - swapped_at, 1) if seen else None)
        return {
            "seconds": round(elapsed, 1),
            "valid_sent": self.stats.valid_sent,
            "valid_answered": self.stats.valid_answered,
            "unanswered_valid": len(self.stats.unanswered),
            "unanswered_examples": self.stats.unanswered[:10],
            "statuses": self.stats.statuses,
            "counts": dict(sorted(self.stats.counts.items())),
            "rss_kib": {"start": start_rss, "first_minute": first_minute, "end": end_rss,
                         "max": max((rss for _, rss, _ in self.stats.samples), default=start_rss)},
            "fds": {"start": start_fds, "end": end_fds,
                    "max": max((fds for _, _, fds in self.stats.samples), default=start_fds)},
            "certificate_swaps_seen_after_seconds": swaps_seen,
            "broken_pairs": {"written": len(self.stats.broken_swaps), "connections_that_saw_one": broken_served},
            "in_flight_at_sigterm": {"sent": in_flight, "answered": answered_in_flight},
            "worker_exceptions": errors,
            "samples": self.stats.samples,
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--metrics-port", type=int, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--cert", required=True, help="the served certificate file (swapped)")
    parser.add_argument("--key", required=True, help="the served key file (swapped)")
    parser.add_argument("--cert-a", required=True)
    parser.add_argument("--key-a", required=True)
    parser.add_argument("--cert-b", required=True)
    parser.add_argument("--key-b", required=True)
    parser.add_argument("--examples", required=True, help="folder of AdmissionReview JSON files")
    parser.add_argument("--keep-alive", type=int, default=6)
    parser.add_argument("--new-connections", type=int, default=3)
    parser.add_argument("--slowloris", type=int, default=16)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    report = asyncio.run(Load(args).run())
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
