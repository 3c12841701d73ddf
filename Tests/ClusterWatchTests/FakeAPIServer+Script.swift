/// The fake API server run by `FakeAPIServer`: Python 3 standard library only, so the suite needs
/// nothing beyond `python3`. Commands arrive as JSON lines on stdin; see `FakeAPIServer`.
extension FakeAPIServer {
    static let script = #"""
        # A fake Kubernetes API server for antflyclusters.antfly.io, driven by JSON commands on stdin.
        # Prints "PORT <n>" once it listens. Written by ClusterWatchTests into a temporary directory.
        import json, socket, ssl, sys, threading, time
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        from urllib.parse import parse_qs, urlparse

        certificate, key, token = sys.argv[1], sys.argv[2], sys.argv[3]
        client_ca = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else None
        PATH = "/apis/antfly.io/v1/antflyclusters"

        state = threading.Condition()
        objects = {}            # "ns/name" -> object
        version = 100           # the newest resourceVersion
        history = []            # (version, type, object)
        oldest = 0              # a watch from a version below this gets 410 Gone
        actions = []            # drop / hang / expire / bookmark, in order; each streaming watch acts on the new ones
        active = 0              # watches streaming now
        pending = []            # actions asked while no watch was streaming: the next watch takes them
        accepted = token

        def cluster(namespace, name, rv):
            return {"apiVersion": "antfly.io/v1", "kind": "AntflyCluster",
                    "metadata": {"namespace": namespace, "name": name, "resourceVersion": str(rv),
                                 "annotations": {"note": "braces { and } and \"quotes\" in a string"}},
                    "spec": {"replicas": 3}}

        def status(code, reason, message):
            return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                    "message": message, "reason": reason, "code": code}

        def commands():
            global version, oldest, accepted, pending
            for line in sys.stdin:
                if not line.strip():
                    continue
                command = json.loads(line)
                op = command["op"]
                with state:
                    if op in ("add", "modify", "delete"):
                        version += 1
                        key = command["namespace"] + "/" + command["name"]
                        item = cluster(command["namespace"], command["name"], version)
                        if op == "delete":
                            objects.pop(key, None)
                        else:
                            objects[key] = item
                        history.append((version, {"add": "ADDED", "modify": "MODIFIED", "delete": "DELETED"}[op], item))
                    elif op == "expire":
                        version += 1
                        oldest = version
                        actions.append(op)
                    elif op == "bump":
                        version += 1
                    elif op == "compact":
                        oldest = version
                    elif op in ("drop", "hang", "bookmark"):
                        if active:
                            actions.append(op)
                        else:
                            pending.append(op)
                    elif op == "token":
                        accepted = command["value"]
                    state.notify_all()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format, *args):
                pass

            def authorized(self):
                if self.headers.get("Authorization") == "Bearer " + accepted:
                    return True
                return client_ca is not None and bool(self.connection.getpeercert())

            def send_json(self, code, body):
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlparse(self.path)
                query = parse_qs(url.query)
                if url.path != PATH:
                    self.send_json(404, status(404, "NotFound", "the server could not find the requested resource"))
                    return
                with state:
                    if not self.authorized():
                        self.send_json(401, status(401, "Unauthorized", "Unauthorized"))
                        return
                if query.get("watch") == ["1"]:
                    self.watch(query)
                else:
                    self.list(query)

            def list(self, query):
                limit = int(query.get("limit", ["500"])[0])
                with state:
                    items = [objects[k] for k in sorted(objects)]
                    current = version
                offset = 0
                if "continue" in query:
                    token = query["continue"][0]
                    offset = int(token.split("/")[0])
                page = items[offset:offset + limit]
                metadata = {"resourceVersion": str(current)}
                if offset + limit < len(items):
                    # "/" and "=" in the token check that the client percent-encodes it.
                    metadata["continue"] = "%d/page+token==" % (offset + limit)
                self.send_json(200, {"apiVersion": "antfly.io/v1", "kind": "AntflyClusterList", "metadata": metadata, "items": page})

            def chunk(self, event):
                data = (json.dumps(event) + "\n").encode()
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                self.wfile.flush()

            def watch(self, query):
                global active, pending
                start = int(query.get("resourceVersion", ["0"])[0] or "0")
                timeout = int(query.get("timeoutSeconds", ["300"])[0])
                deadline = time.time() + timeout
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                with state:
                    seen = len(actions)
                    too_old = start < oldest
                    todo = pending
                    pending = []
                    active += 1
                try:
                    if too_old:
                        self.chunk({"type": "ERROR", "object": status(410, "Expired", "too old resource version: %d (%d)" % (start, oldest))})
                        self.wfile.write(b"0\r\n\r\n")
                        return
                    self.stream(start, deadline, seen, todo)
                finally:
                    with state:
                        active -= 1

            def stream(self, sent, deadline, seen, todo):
                global active
                while True:
                    with state:
                        while (not todo and len(actions) == seen and not any(v > sent for v, _, _ in history)
                               and time.time() < deadline):
                            state.wait(max(0.01, deadline - time.time()))
                        new_events = [(v, t, o) for v, t, o in history if v > sent]
                        todo = todo + actions[seen:]
                        seen = len(actions)
                        current = version
                    for v, t, o in new_events:
                        self.chunk({"type": t, "object": o})
                        sent = v
                    for op in todo:
                        if op == "drop":
                            self.connection.shutdown(socket.SHUT_RDWR)
                            return
                        if op == "hang":
                            with state:
                                active -= 1
                            try:
                                threading.Event().wait()
                            finally:
                                with state:
                                    active += 1
                        if op == "expire":
                            self.chunk({"type": "ERROR", "object": status(410, "Expired", "too old resource version: %d (%d)" % (sent, current))})
                            self.wfile.write(b"0\r\n\r\n")
                            return
                        if op == "bookmark":
                            self.chunk({"type": "BOOKMARK", "object": {"kind": "AntflyCluster", "apiVersion": "antfly.io/v1",
                                                                       "metadata": {"resourceVersion": str(current)}}})
                            sent = max(sent, current)
                    todo = []
                    if time.time() >= deadline:
                        self.wfile.write(b"0\r\n\r\n")
                        return

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate, key)
        if client_ca:
            context.load_verify_locations(client_ca)
            context.verify_mode = ssl.CERT_OPTIONAL
        server = Server(("127.0.0.1", 0), Handler)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=commands, daemon=True).start()
        print("PORT %d" % server.server_address[1], flush=True)
        server.serve_forever()
        """#
}
