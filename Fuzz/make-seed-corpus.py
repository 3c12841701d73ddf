#!/usr/bin/env python3
"""Writes the committed seed corpus under Fuzz/Corpus/ (http/, json/, yaml/, api/), deterministically.

Seeds are the inputs the fuzzers start from: the real AdmissionReviews in examples/ (which include
the API reference's examples, examples/seed-*.json), the same restores as YAML manifests, every
request-smuggling shape SPEC §7 names, each field of the resource in every JSON type, and the API
server's list, watch and Status responses the cluster watch reads. Run it
again after adding an example; libFuzzer adds what it finds to a scratch directory, never here.

    Fuzz/make-seed-corpus.py
"""
import copy
import hashlib
import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "Corpus"


def write(kind, name, data):
    if isinstance(data, str):
        data = data.encode()
    folder = CORPUS / kind
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def examples():
    """The AdmissionReviews in examples/, by file stem."""
    return {path.stem: json.loads(path.read_text()) for path in sorted((ROOT / "examples").glob("*.json"))}


# ---------------------------------------------------------------- HTTP

def http_corpus(reviews):
    review = json.dumps(reviews["good-restore"]).encode()

    def post(body, extra=b"", path=b"/validate-antfly-io-v1-antflyrestore?timeout=10s"):
        return (b"POST " + path + b" HTTP/1.1\r\nHost: webhook.antfly-system.svc:443\r\n"
                b"Content-Type: application/json\r\nAccept: application/json, */*\r\n" + extra +
                b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)

    def chunked(body, ext=b""):
        out = b""
        for i in range(0, len(body), 100):
            piece = body[i:i + 100]
            out += b"%x" % len(piece) + ext + b"\r\n" + piece + b"\r\n"
        return out + b"0\r\nX-Trailer: t\r\n\r\n"

    seeds = {
        "valid-post": post(review),
        "mutate-post": post(review, path=b"/mutate-antfly-io-v1-antflyrestore?timeout=10s"),
        "apiserver-post": post(review, extra=b"User-Agent: kube-apiserver-admission\r\nAccept-Encoding: gzip\r\n"),
        "get-healthz": b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nUser-Agent: kube-probe/1.30\r\n\r\n",
        "get-metrics-http10": b"GET /metrics HTTP/1.0\r\n\r\n",
        "http10-keepalive": b"GET /readyz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "absolute-form": b"GET http://localhost:8080/readyz?x=1 HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "asterisk": b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
        "chunked": b"POST /validate-antfly-io-v1-antflyrestore HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   b"Transfer-Encoding: chunked\r\n\r\n" + chunked(review, b";name=value"),
        "expect-continue": b"POST /mutate-antfly-io-v1-antflyrestore HTTP/1.1\r\nHost: x\r\n"
                           b"Content-Type: application/json; charset=utf-8\r\nExpect: 100-continue\r\n"
                           b"Content-Length: %d\r\n\r\n" % len(review) + review,
        "pipelined": b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n" + post(b"{}") +
                     b"GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "leading-crlf": b"\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
        "connection-close": b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Close\r\n\r\n",
        # Smuggling shapes (SPEC §7): each must be a 400 and the end of the connection.
        "smuggle-cl-te": b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG",
        "smuggle-te-cl": b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"
                         b"5c\r\nGPOST / HTTP/1.1\r\n\r\n0\r\n\r\n",
        "smuggle-dup-cl": b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        "smuggle-same-cl-twice": b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
        "smuggle-cl-list": b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\n\r\nhello",
        "smuggle-cl-sign": b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello",
        "smuggle-cl-hex": b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0x5\r\n\r\nhello",
        "smuggle-cl-huge": b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        "smuggle-te-obfuscated": b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n",
        "smuggle-te-space-name": b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
        "smuggle-te-gzip-chunked": b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        "smuggle-te-two-lines": b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                b"Transfer-Encoding: identity\r\n\r\n0\r\n\r\n",
        "smuggle-te-http10": b"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "smuggle-te-vertical-tab": b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\x0bchunked\r\n\r\n0\r\n\r\n",
        "smuggle-bare-lf": b"GET / HTTP/1.1\nHost: x\n\n",
        "smuggle-bare-lf-header": b"GET / HTTP/1.1\r\nHost: x\nX: y\r\n\r\n",
        "smuggle-bare-cr": b"GET / HTTP/1.1\r\nHost: x\rX: y\r\n\r\n",
        "smuggle-obs-fold": b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: a\r\n b\r\n\r\n",
        "smuggle-obs-fold-te": b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n chunked\r\n\r\n0\r\n\r\n",
        "smuggle-chunk-size-overflow": b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
        "smuggle-chunk-no-crlf": b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
        "smuggle-chunk-lf-only": b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\n0\n\n",
        "smuggle-chunk-ext-ctl": b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;a=\x00\r\nabc\r\n0\r\n\r\n",
        "smuggle-space-before-colon": b"GET / HTTP/1.1\r\nHost : x\r\n\r\n",
        "smuggle-request-line-tab": b"GET\t/ HTTP/1.1\r\nHost: x\r\n\r\n",
        "smuggle-double-space": b"GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
        "two-hosts": b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "no-host": b"GET / HTTP/1.1\r\n\r\n",
        "http2-preface": b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        "http09": b"GET /\r\n\r\n",
        "ctl-in-value": b"GET / HTTP/1.1\r\nHost: x\r\nX: a\x00b\r\n\r\n",
        "tls-client-hello": bytes.fromhex("16030100f4010000f00303") + hashlib.sha256(b"hello").digest() +
                            b"\x00\x02\x13\x01\x01\x00",
        "big-header": b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n",
    }
    for name, data in seeds.items():
        write("http", name, data)


# ---------------------------------------------------------------- JSON

def review_variants(base):
    """AdmissionReviews that reach each rule and each type confusion."""
    variants = {}

    def variant(name, mutate):
        review = copy.deepcopy(base)
        mutate(review)
        variants[name] = review

    spec = lambda r: r["request"]["object"]["spec"]

    def set_spec(key, value):
        return lambda r: spec(r).__setitem__(key, value)

    oddities = {"null": None, "true": True, "int": 3, "negative": -1, "big": 2147483648, "float": 3.5,
                "exp": 1e2, "string": "3", "empty": "", "array": [], "object": {}}
    for field in ["restoreMode", "restoreTimeout", "backoffLimit", "tables", "clusterRef", "source"]:
        for label, value in oddities.items():
            variant(f"{field}-{label}", set_spec(field, value))
    for label, value in oddities.items():
        variant(f"spec-{label}", lambda r, v=value: r["request"]["object"].__setitem__("spec", v))
        variant(f"object-{label}", lambda r, v=value: r["request"].__setitem__("object", v))
        variant(f"backupId-{label}", lambda r, v=value: spec(r)["source"].__setitem__("backupId", v))
        variant(f"location-{label}", lambda r, v=value: spec(r)["source"].__setitem__("location", v))
    for location in ["file:///var/backups", "file://host/p", "s3://", "s3://u:p@bucket/x", "s3://bucket?x=1",
                     "s3://bucket#f", "s3://bu/../x", "S3://bucket", "s3://bucket:9000/x", "s3://a\tb"]:
        variant("location-" + re.sub(r"[^a-z0-9]+", "_", location.lower()),
                lambda r, l=location: spec(r)["source"].__setitem__("location", l))
    for backup in ["..", "a/../b", "x" * 201, " ", "backup\u00e9"]:
        variant("backupId-" + hashlib.sha1(backup.encode()).hexdigest()[:8],
                lambda r, b=backup: spec(r)["source"].__setitem__("backupId", b))
    variant("tables-tricky", set_spec("tables", ["", " users", "a,b", "x\u0001", "users", "users", "t" * 256, None, 7]))
    variant("overwrite-all-tables", lambda r: (spec(r).__setitem__("restoreMode", "overwrite"), spec(r).pop("tables", None)))
    variant("durations", set_spec("restoreTimeout", "1h30m0.5s"))
    variant("duration-micro", set_spec("restoreTimeout", "1500000\u00b5s"))
    variant("duration-tiny", set_spec("restoreTimeout", "999ms"))
    variant("duration-overflow", set_spec("restoreTimeout", "9999999999999999999h"))
    variant("unknown-field", set_spec("restoreMod", "overwrite"))
    variant("cross-namespace", lambda r: spec(r)["clusterRef"].__setitem__("namespace", "other"))
    variant("cluster-name-bad", lambda r: spec(r)["clusterRef"].__setitem__("name", "My_Cluster." + "a" * 260))
    variant("credentials-no-name", lambda r: spec(r)["source"].__setitem__("credentialsSecret", {}))
    variant("long-name", lambda r: r["request"]["object"]["metadata"].__setitem__("name", "n" * 60))
    variant("generate-name", lambda r: r["request"]["object"]["metadata"].update({"name": None, "generateName": "g" * 51}))
    variant("metadata-missing", lambda r: r["request"]["object"].pop("metadata"))
    variant("operation-delete", lambda r: r["request"].update({"operation": "DELETE", "oldObject": r["request"]["object"], "object": None}))
    variant("operation-connect", lambda r: r["request"].__setitem__("operation", "CONNECT"))
    variant("operation-bad", lambda r: r["request"].__setitem__("operation", "PATCH"))
    variant("operation-missing", lambda r: r["request"].pop("operation"))
    variant("subresource", lambda r: r["request"].__setitem__("subResource", "status"))
    variant("dry-run", lambda r: r["request"].__setitem__("dryRun", True))
    variant("wrong-kind", lambda r: r["request"].__setitem__("kind", {"group": "", "version": "v1", "kind": "Pod"}))
    variant("kind-missing", lambda r: r["request"].pop("kind"))
    variant("uid-missing", lambda r: r["request"].pop("uid"))
    variant("uid-number", lambda r: r["request"].__setitem__("uid", 7))
    variant("request-missing", lambda r: r.pop("request"))
    variant("request-null", lambda r: r.__setitem__("request", None))
    variant("api-version-bad", lambda r: r.__setitem__("apiVersion", "admission.k8s.io/v2"))
    variant("namespace-missing", lambda r: r["request"].pop("namespace"))
    for phase in ["Running", "Completed", "Failed", "Pending", "", None]:
        def update(r, phase=phase):
            old = copy.deepcopy(r["request"]["object"])
            old["status"] = {"phase": phase}
            r["request"].update({"operation": "UPDATE", "oldObject": old})
            spec(r)["source"]["backupId"] = "backup-other"
        variant(f"update-phase-{phase}", update)
    variant("update-deleting", lambda r: r["request"].update({
        "operation": "UPDATE",
        "oldObject": dict(copy.deepcopy(r["request"]["object"]), status={"phase": "Running"}),
    }) or r["request"]["object"]["metadata"].__setitem__("deletionTimestamp", "2025-01-15T02:00:00Z"))
    variant("update-old-not-object", lambda r: r["request"].update({"operation": "UPDATE", "oldObject": "x"}))
    return variants


def json_corpus(reviews):
    for name, review in reviews.items():
        write("json", f"example-{name}", json.dumps(review, indent=2, ensure_ascii=False))
        write("json", f"example-{name}-compact", json.dumps(review, separators=(",", ":")))
    base = reviews["good-restore"]
    for name, review in review_variants(base).items():
        write("json", f"review-{name}", json.dumps(review, separators=(",", ":"), ensure_ascii=False))
    raw = {
        "empty": b"", "ws": b" \r\n\t", "null": b"null", "number": b"-0.0e+00", "string": b'"\\ud83d\\ude00\\u0000"',
        "lone-surrogate": b'"\\ud800"', "bad-utf8": b'"\xc3\x28"', "overlong": b'"\xc0\xaf"', "bom": b"\xef\xbb\xbf{}",
        "deep": b"[" * 600 + b"]" * 600, "deep-objects": b'{"a":' * 600 + b"1" + b"}" * 600,
        "dup-keys": b'{"request":{"uid":"a","uid":"b"},"request":{"uid":"c"}}', "trailing": b"{} x",
        "truncated": json.dumps(base).encode()[:300], "long-number": b"1" * 300, "control": b'"a\x01"',
        "nan": b"NaN", "comment": b"{/*x*/}", "single-quote": b"{'a':1}", "trailing-comma": b"[1,]",
    }
    for name, data in raw.items():
        write("json", f"raw-{name}", data)


# ---------------------------------------------------------------- YAML

def to_yaml(value, indent=0):
    """Block YAML as a person writes it (keys in order, plain scalars where YAML reads them back as strings)."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}\n"
        out = ""
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                out += f"{pad}{key}:\n" + to_yaml(item, indent + 2)
            else:
                out += f"{pad}{key}: " + to_yaml(item, 0)
        return out
    if isinstance(value, list):
        if not value:
            return "[]\n"
        return "".join(f"{pad}- " + to_yaml(item, indent + 2).lstrip() for item in value)
    if value is None:
        return "null\n"
    if isinstance(value, bool):
        return ("true" if value else "false") + "\n"
    if isinstance(value, (int, float)):
        return json.dumps(value) + "\n"
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_./-]*", value) and value.lower() not in ("yes", "no", "on", "off", "true", "false", "null", "y", "n"):
        return value + "\n"
    return json.dumps(value) + "\n"


def yaml_corpus(reviews):
    # The API reference's examples (examples/seed-*.json hold them as reviews) as the manifests users write.
    manifests = {name: to_yaml(review["request"]["object"]) for name, review in reviews.items()}
    manifests["seed-gcs-restore"] += ("---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: gcs-hmac-credentials\n"
                                      "  namespace: production\nstringData:\n  AWS_ACCESS_KEY_ID: \"GOOGABC123DEF456\"\n"
                                      "  AWS_ENDPOINT_URL: \"https://storage.googleapis.com\"\n  AWS_REGION: \"auto\"\n")
    for name, manifest in manifests.items():
        write("yaml", f"manifest-{name}", manifest)
    write("yaml", "manifest-all", "---\n".join(manifests.values()))
    good = reviews["good-restore"]["request"]["object"]
    write("yaml", "flow-style", json.dumps(good))
    bad = reviews["bad-restore"]["request"]["object"]
    write("yaml", "bad-restore-flow", json.dumps(bad))
    seeds = {
        "anchors": "base: &b {name: my-cluster}\nspec:\n  clusterRef: *b\n  source: {<<: {backupId: x, location: 's3://b/p'}}\n",
        "billion-laughs": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                          "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                          "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
        "tags": "apiVersion: !!str antfly.io/v1\nkind: AntflyRestore\nmetadata: {name: !!binary aGk=}\nspec:\n"
                "  backoffLimit: !!int '0x10'\n  restoreTimeout: !!float 1e3\n",
        "scalars-go-yaml-v2": "kind: AntflyRestore\napiVersion: antfly.io/v1\nmetadata: {name: x}\nspec:\n"
                              "  backoffLimit: 0o17\n  restoreMode: yes\n  restoreTimeout: 1_000\n  tables: [on, off, ~, .inf, -.NaN, 0b101, 1:20]\n",
        "block-scalars": "kind: AntflyRestore\napiVersion: antfly.io/v1\nmetadata: {name: x}\nspec:\n"
                         "  source:\n    backupId: |\n      multi\n      line\n    location: >-\n      s3://folded\n      bucket\n",
        "empty-docs": "---\n---\n...\n---\n# only a comment\n",
        "other-kinds": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n---\n"
                       "apiVersion: antfly.io/v1\nkind: AntflyRestore\nmetadata: {name: r}\n",
        "bad-indent": "spec:\n  clusterRef:\n name: x\n",
        "unclosed-flow": "spec: {clusterRef: [\n",
        "tab-indent": "spec:\n\tclusterRef: x\n",
        "duplicate-keys": "kind: AntflyRestore\nkind: AntflyRestore\napiVersion: antfly.io/v1\nmetadata: {name: a, name: b}\n",
        "complex-key": "? [a, b]\n: c\n? {x: y}\n: z\n",
        "deep": "a: " + "[" * 300 + "]" * 300 + "\n",
        "unicode": "kind: AntflyRestore\napiVersion: antfly.io/v1\nmetadata: {name: \"\\u00e9\\U0001F600\"}\nspec: {tables: [\"\\x01\", \"\\ud800\"]}\n",
        "directives": "%YAML 1.1\n%TAG !e! tag:example.com,2000:\n---\nkind: !e!thing AntflyRestore\n",
        "crlf": "kind: AntflyRestore\r\napiVersion: antfly.io/v1\r\nmetadata:\r\n  name: r\r\n",
        "bom": "\ufeffkind: AntflyRestore\napiVersion: antfly.io/v1\n",
        "list-root": "- kind: AntflyRestore\n- 1\n",
        "merge-list": "a: &a {x: 1}\nb: &b {y: 2}\nc: {<<: [*a, *b], z: 3}\n",
        "alias-undefined": "a: *nope\n",
    }
    for name, text in seeds.items():
        write("yaml", name, text)
    write("yaml", "invalid-utf8", b"kind: \xff\xfe\n")


# ---------------------------------------------------------------- API server responses

def api_corpus():
    """Responses the cluster watch reads (SPEC §6): list pages, watch streams, Status errors."""
    def cluster(name, namespace="production", version="101"):
        return {"apiVersion": "antfly.io/v1", "kind": "AntflyCluster",
                "metadata": {"name": name, "namespace": namespace, "resourceVersion": version, "uid": "u-" + name},
                "spec": {"replicas": 3}}

    def chunked(body, size=64):
        out = b""
        for i in range(0, len(body), size):
            piece = body[i:i + size]
            out += b"%x\r\n" % len(piece) + piece + b"\r\n"
        return out + b"0\r\n\r\n"

    def response(status, body, framing="chunked", reason="OK"):
        head = f"HTTP/1.1 {status} {reason}\r\nAudit-Id: 3c1c\r\nCache-Control: no-cache, private\r\nContent-Type: application/json\r\n"
        if framing == "chunked":
            return (head + "Transfer-Encoding: chunked\r\n\r\n").encode() + chunked(body)
        if framing == "length":
            return (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body
        return (head + "\r\n").encode() + body

    page = {"apiVersion": "antfly.io/v1", "kind": "AntflyClusterList",
            "metadata": {"resourceVersion": "1234", "continue": "eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ"},
            "items": [cluster("my-cluster"), cluster("staging-cluster", "staging")]}
    last = dict(page, metadata={"resourceVersion": "1234"})
    empty = {"apiVersion": "antfly.io/v1", "kind": "AntflyClusterList", "metadata": {"resourceVersion": "9"}, "items": None}
    events = [
        {"type": "ADDED", "object": cluster("my-cluster")},
        {"type": "MODIFIED", "object": cluster("my-cluster", version="102")},
        {"type": "BOOKMARK", "object": {"kind": "AntflyCluster", "apiVersion": "antfly.io/v1", "metadata": {"resourceVersion": "150"}}},
        {"type": "DELETED", "object": cluster("staging-cluster", "staging", "151")},
        {"type": "ERROR", "object": {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                                     "message": "too old resource version: 1 (150)", "reason": "Expired", "code": 410}},
    ]
    stream = b"".join(json.dumps(event).encode() + b"\n" for event in events)
    status = lambda code, reason, message: json.dumps({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                                                       "message": message, "reason": reason, "code": code}).encode()
    seeds = {
        "list-page-chunked": response(200, json.dumps(page).encode()),
        "list-last-page-length": response(200, json.dumps(last).encode(), "length"),
        "list-empty-until-close": response(200, json.dumps(empty).encode(), "close"),
        "watch-stream": response(200, stream),
        "watch-stream-small-chunks": response(200, stream).replace(b"Transfer-Encoding: chunked\r\n\r\n", b"Transfer-Encoding: chunked\r\n\r\n"),
        "watch-unknown-type": response(200, b'{"type":"SYNC","object":{}}\n'),
        "watch-garbage-between": response(200, b'{"type":"ADDED","object":{"metadata":{"name":"a"}}} x {"a":1}'),
        "watch-nested-strings": response(200, b'{"type":"ADDED","object":{"metadata":{"name":"a\\"}{"}},"x":["}",{"]":"\\\\"}]}\n'),
        "gone-410": response(410, status(410, "Expired", "too old resource version"), "length", "Gone"),
        "forbidden-403": response(403, status(403, "Forbidden", "antflyclusters.antfly.io is forbidden: User cannot list"), "length", "Forbidden"),
        "not-found-text": response(404, b"404 page not found\n", "length", "Not Found"),
        "chunk-extensions": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=v\r\n{\"a\":\r\n2\r\n1}\r\n0\r\nTrailer: x\r\n\r\n",
        "bad-chunk-size": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
        "huge-chunk-size": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\n{}",
        "bad-content-length": b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n{}",
        "http10-status": b"HTTP/1.0 200 OK\r\n\r\n{}",
        "gzip-encoding": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n{}",
        "bad-status-line": b"HTTP/1.1 2000 OK\r\n\r\n",
        "lf-only-head": b"HTTP/1.1 200 OK\nContent-Length: 2\n\r\n\r\n{}",
    }
    for name, data in seeds.items():
        write("api", name, data)


def main():
    reviews = examples()
    http_corpus(reviews)
    json_corpus(reviews)
    yaml_corpus(reviews)
    api_corpus()
    for kind in ["http", "json", "yaml", "api"]:
        print(kind, len(list((CORPUS / kind).iterdir())))


if __name__ == "__main__":
    main()
