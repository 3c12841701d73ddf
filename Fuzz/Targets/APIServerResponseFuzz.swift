import JSONModel

/// libFuzzer target for what the cluster watch reads from the API server (SPEC §6), compiled together
/// with ClusterWatch's response-reading sources: `HTTPResponseHead`, `HTTPBodyDecoder` (chunked, sized or
/// until-close bodies), `JSONStreamFramer` (a watch body's stream of event objects), `WatchEvent`,
/// `ClusterListPage`, and the `Status` errors. A response the watcher cannot read must end in an
/// `APIServerError` (the watch restarts with backoff), never in a trap that takes the webhook down.
///
/// An input is a whole response: the head up to the first blank line, then the body bytes. Besides
/// "no trap", it checks that reads split at points drawn from the input fail alike, and otherwise decode
/// the same body and frame the same event objects as one read; that the body is never longer than what
/// arrived or than its Content-Length; that a framed object is one JSON object text; that list pages and
/// events name clusters with names; and that every error describes itself.

/// What the watcher's limits allow (`ClusterWatchSettings`' defaults are larger; these keep one input fast).
private let maxEventBytes = 64 * 1024
private let maxListBytes = 1 << 20

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPIServerResponse(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var random = SplitMix64(seed: fnv1a(bytes))
    guard let end = endOfHead(bytes), end <= HTTPResponseHead.maxBytes else { return 0 }
    let head: HTTPResponseHead
    do {
        head = try HTTPResponseHead(parsing: bytes[..<end])
    } catch {
        describe(error)
        return 0
    }
    check((100...599).contains(head.status), "status \(head.status) accepted")

    let rest = Array(bytes[(end + 4)...])
    let whole = decodeBody([rest[...]], framing: head.framing)
    let split = decodeBody(randomPieces(of: rest, using: &random), framing: head.framing)
    check((whole.error == nil) == (split.error == nil), "an error in one read but not in pieces")
    if let error = whole.error {
        // Bytes decoded before the error may differ (one read is refused whole); the watch restarts anyway.
        describe(error)
        return 0
    }
    check(whole.body == split.body, "the body differs when read in pieces")
    check(whole.isComplete == split.isComplete, "completion differs when read in pieces")

    // Read it as the watcher would, given this status: a non-200 body is a Status; a 200 body is a list
    // page or a watch stream (both are tried: the input does not say which request it answers).
    if head.status != 200 {
        if let status = try? JSONParser().parse(whole.body), status.objectValue != nil {
            describe(WatchEvent.statusError(status, httpStatus: head.status))
        }
        return 0
    }
    readAsList(whole.body)
    readAsWatch(whole.body, pieces: randomPieces(of: whole.body, using: &random))
    return 0
}

/// Just past the status line and headers: the index of the blank line's `\r\n\r\n`.
private func endOfHead(_ bytes: [UInt8]) -> Int? {
    guard bytes.count >= 4 else { return nil }
    for index in 0...(bytes.count - 4)
    where bytes[index] == 0x0D && bytes[index + 1] == 0x0A && bytes[index + 2] == 0x0D && bytes[index + 3] == 0x0A {
        return index
    }
    return nil
}

private struct DecodedBody {
    var body: [UInt8] = []
    var error: APIServerError?
    var isComplete = false
}

/// The body as `APIServerExchange` reads it: piece by piece until the framing ends it, then the end of
/// the connection, which is fine only where the framing allows it.
private func decodeBody(_ pieces: [ArraySlice<UInt8>], framing: HTTPResponseHead.Framing) -> DecodedBody {
    var decoder = HTTPBodyDecoder(framing: framing)
    var result = DecodedBody()
    do {
        for piece in pieces where !decoder.isComplete {
            result.body += try decoder.decode(piece)
        }
        result.isComplete = decoder.isComplete
        if !decoder.isComplete { try decoder.finish() }
    } catch {
        result.error = error
    }
    check(result.body.count <= pieces.reduce(0) { $0 + $1.count }, "more body bytes than bytes received")
    if case .length(let length) = framing {
        check(result.body.count <= length, "\(result.body.count) body bytes for Content-Length \(length)")
    }
    return result
}

private func readAsList(_ body: [UInt8]) {
    guard body.count <= maxListBytes, let list = try? JSONParser(limits: JSONParser.Limits(maxBytes: maxListBytes)).parse(body) else {
        return
    }
    do {
        let page = try ClusterListPage(parsing: list)
        check(!page.resourceVersion.isEmpty, "a list page without a resourceVersion")
        check(page.continueToken.map { !$0.isEmpty } ?? true, "an empty continue token")
        for cluster in page.clusters {
            check(!cluster.name.isEmpty, "a listed cluster without a name")
        }
    } catch {
        describe(error)
    }
}

private func readAsWatch(_ body: [UInt8], pieces: [ArraySlice<UInt8>]) {
    let whole = frame([body[...]])
    let split = frame(pieces)
    check((whole.error == nil) == (split.error == nil), "a framing error in one read but not in pieces")
    if let error = whole.error {
        describe(error)
        return
    }
    check(whole.objects == split.objects, "framing differs when read in pieces")
    check(whole.isBetweenObjects == split.isBetweenObjects, "the end state differs when read in pieces")
    let parser = JSONParser(limits: JSONParser.Limits(maxBytes: maxEventBytes))
    for object in whole.objects {
        check(object.count <= maxEventBytes && object.first == UInt8(ascii: "{"), "a framed object that is not an object text")
        guard let value = try? parser.parse(object) else { continue }
        check(value.objectValue != nil, "a framed object parsed to \(value.typeName)")
        do {
            switch try WatchEvent(parsing: value) {
            case .added(let cluster, _), .modified(let cluster, _), .deleted(let cluster, _):
                check(!cluster.name.isEmpty, "an event for a cluster without a name")
            case .bookmark(let version):
                check(!version.isEmpty, "a bookmark without a resourceVersion")
            case .error(let error):
                describe(error)
            }
        } catch {
            describe(error)
        }
    }
}

private struct FramedStream {
    var objects: [[UInt8]] = []
    var error: APIServerError?
    var isBetweenObjects = true
}

private func frame(_ pieces: [ArraySlice<UInt8>]) -> FramedStream {
    var framer = JSONStreamFramer(maxObjectBytes: maxEventBytes)
    var result = FramedStream()
    do {
        for piece in pieces {
            result.objects += try framer.append(piece)
        }
    } catch {
        result.error = error
    }
    result.isBetweenObjects = framer.isBetweenObjects
    return result
}

/// An error must describe itself and name its restart reason (the log line and the metric label).
private func describe(_ error: APIServerError) {
    check(!error.description.isEmpty, "an error without a description")
    _ = error.restartReason.rawValue
}
