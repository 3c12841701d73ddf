#!/usr/bin/env python3
"""A fake Kubernetes API server for bench/run's workload (f): the cluster check on vs off.

It answers the list + watch of `antfly.io/v1` antflyclusters that the webhook's cache makes
(SPEC §6) over TLS, with a bearer token: the list holds one AntflyCluster
(production/my-cluster, the one the bench's reviews name); a watch stays open and sends a
BOOKMARK every second until its timeoutSeconds (at most 60 s). Anything else is a 404 Status.
It prints `ready PORT` once listening and stops by itself after --max-seconds (or on SIGTERM).
"""

import argparse
import json
import signal
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

RESOURCE_VERSION = "1000"
CLUSTERS_PATH = "/apis/antfly.io/v1/antflyclusters"


def cluster(namespace, name):
    return {"apiVersion": "antfly.io/v1", "kind": "AntflyCluster",
            "metadata": {"name": name, "namespace": namespace, "resourceVersion": RESOURCE_VERSION,
                         "uid": "5c0f6b0e-0000-4000-8000-000000000001"},
            "spec": {}, "status": {}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    token = ""
    stopping = threading.Event()

    def log_message(self, *args):
        pass

    def send_json(self, code, value):
        body = json.dumps(value).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def status(self, code, reason, message):
        self.send_json(code, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                              "message": message, "reason": reason, "code": code})

    def do_GET(self):
        url = urlparse(self.path)
        query = parse_qs(url.query)
        if self.headers.get("Authorization") != f"Bearer {self.token}":
            self.status(401, "Unauthorized", "Unauthorized")
            return
        if url.path != CLUSTERS_PATH:
            self.status(404, "NotFound", f"the server could not find the requested resource ({url.path})")
            return
        if query.get("watch", ["false"])[0] not in ("1", "true"):
            self.send_json(200, {"apiVersion": "antfly.io/v1", "kind": "AntflyClusterList",
                                 "metadata": {"resourceVersion": RESOURCE_VERSION},
                                 "items": [cluster("production", "my-cluster")]})
            return
        timeout = min(60.0, float(query.get("timeoutSeconds", ["60"])[0]))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        deadline = time.monotonic() + timeout
        bookmark = {"type": "BOOKMARK", "object": {"apiVersion": "antfly.io/v1", "kind": "AntflyCluster",
                                                   "metadata": {"resourceVersion": RESOURCE_VERSION}}}
        try:
            while time.monotonic() < deadline and not self.stopping.is_set():
                line = (json.dumps(bookmark) + "\n").encode()
                self.wfile.write(f"{len(line):x}\r\n".encode() + line + b"\r\n")
                self.wfile.flush()
                self.stopping.wait(1.0)
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except OSError:
            pass
        self.close_connection = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--max-seconds", type=float, default=120.0)
    args = parser.parse_args()

    Handler.token = args.token
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)

    def stop(*_):
        Handler.stopping.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    timer = threading.Timer(min(args.max_seconds, 600.0), stop)
    timer.daemon = True
    timer.start()
    print(f"ready {args.port}", flush=True)
    server.serve_forever(poll_interval=0.1)


if __name__ == "__main__":
    main()
