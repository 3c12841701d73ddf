#!/usr/bin/env python3
"""Hold N idle keep-alive TLS connections open against a server, for bench/run's workload (e).

Each connection completes a TLS handshake, sends one `GET /healthz` and reads the whole
answer, so it is a real keep-alive connection that has served a request (a connection that
never sent a request would meet the servers' header timeouts instead of their idle timeouts).
Then it stays silent. When all are open the holder prints `ready N` on stdout; it stops by
itself after --hold-seconds (or on SIGTERM/SIGINT), counts how many connections the server
kept open, prints `held K of N`, and closes them all.

Bounded: at most 5,000 connections, at most 600 s, at most --parallel handshakes at a time,
and every step has a deadline.
"""

import argparse
import asyncio
import signal
import ssl
import sys

MAX_CONNECTIONS = 5000
MAX_HOLD_SECONDS = 600.0
STEP_TIMEOUT = 10.0


async def open_one(host, port, context, request, gate):
    async with gate:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, ssl=context, server_hostname="localhost"), STEP_TIMEOUT)
        writer.write(request)
        await asyncio.wait_for(writer.drain(), STEP_TIMEOUT)
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), STEP_TIMEOUT)
        status_line, _, header_text = head.decode("latin-1").partition("\r\n")
        if " 200 " not in status_line + " ":
            raise RuntimeError(f"/healthz answered {status_line!r}")
        length = 0
        for line in header_text.split("\r\n"):
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        if length:
            await asyncio.wait_for(reader.readexactly(length), STEP_TIMEOUT)
        return reader, writer


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--cafile", required=True)
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--hold-seconds", type=float, default=30.0)
    parser.add_argument("--parallel", type=int, default=32)
    args = parser.parse_args()
    count = max(1, min(args.connections, MAX_CONNECTIONS))
    hold = max(1.0, min(args.hold_seconds, MAX_HOLD_SECONDS))

    context = ssl.create_default_context(cafile=args.cafile)
    context.set_alpn_protocols(["http/1.1"])
    request = f"GET /healthz HTTP/1.1\r\nHost: localhost:{args.port}\r\n\r\n".encode()
    gate = asyncio.Semaphore(max(1, args.parallel))

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    results = await asyncio.gather(
        *(open_one(args.host, args.port, context, request, gate) for _ in range(count)),
        return_exceptions=True)
    connections = [r for r in results if not isinstance(r, BaseException)]
    failures = [r for r in results if isinstance(r, BaseException)]
    if failures:
        print(f"failed {len(failures)}: {failures[0]!r}", file=sys.stderr, flush=True)
    print(f"ready {len(connections)}", flush=True)

    try:
        await asyncio.wait_for(stop.wait(), hold)
    except asyncio.TimeoutError:
        pass

    held = sum(1 for reader, _ in connections if not reader.at_eof() and reader.exception() is None)
    print(f"held {held} of {count}", flush=True)
    for _, writer in connections:
        writer.transport.abort()


if __name__ == "__main__":
    asyncio.run(main())
