/// libFuzzer target for `HTTPServer.RequestParser`, compiled together with the parser's own sources
/// (see `Fuzz/build.sh`), so it reaches the internal type exactly as the server uses it.
///
/// Each input is fed twice: once in one piece, and once split at points drawn from a generator seeded
/// by a hash of the input (so a crash reproduces from its file alone, and the seeds stay readable HTTP).
/// The limits are drawn from the same generator, so small ones reach the 431 and 413 paths quickly.
/// Besides "no trap", the target checks what a connection relies on:
/// * the pieces make no difference: the same requests in the same order, and an error in both or neither;
/// * no accepted request has a smuggling shape (see `checkNoSmugglingShape`);
/// * no request carries a body over the limit, and HTTP/1.0 is never keep-alive;
/// * after an error the parser keeps failing (a connection never resynchronises on untrusted framing);
/// * `100 Continue` is offered at most once per request.

/// What one feeding produced: the requests in order, how many `100 Continue`s, and whether it ended in an error.
struct ParseTranscript: Equatable {
    var requests: [HTTPRequest] = []
    var keepAlive: [Bool] = []
    var continues = 0
    var error: HTTPRequestError?
}

func drain(_ parser: inout RequestParser, into transcript: inout ParseTranscript, maxBodyBytes: Int) -> Bool {
    var continuesForThisRequest = 0
    while true {
        do {
            switch try parser.next() {
            case .needMoreData:
                return true
            case .expectContinue:
                continuesForThisRequest += 1
                check(continuesForThisRequest == 1, "100 Continue offered twice for one request")
                transcript.continues += 1
            case .request(let request, let isKeepAlive):
                continuesForThisRequest = 0
                check(request.body.count <= maxBodyBytes, "body over the limit")
                check(!(request.version == .http1_0 && isKeepAlive), "HTTP/1.0 request kept alive")
                checkNoSmugglingShape(request)
                transcript.requests.append(request)
                transcript.keepAlive.append(isKeepAlive)
                parser.releaseMemoryIfIdle()
            }
        } catch {
            transcript.error = error
            do {
                _ = try parser.next()
                fatalError("parser recovered after \(error)")
            } catch let again {
                check(again == error, "parser changed its error from \(error) to \(again)")
            }
            return false
        }
    }
}

/// What an accepted request can never carry (SPEC §7): the framing headers that let two servers disagree,
/// a field that could split into two, a method that is not a token, or an HTTP/1.1 request without
/// exactly one Host.
func checkNoSmugglingShape(_ request: HTTPRequest) {
    let lengths = request.headers.values(for: "Content-Length")
    let encodings = request.headers.values(for: "Transfer-Encoding")
    check(lengths.count <= 1, "accepted \(lengths.count) Content-Length fields")
    check(lengths.isEmpty || encodings.isEmpty, "accepted Content-Length with Transfer-Encoding")
    check(encodings.count <= 1, "accepted \(encodings.count) Transfer-Encoding fields")
    if let length = lengths.first {
        check(!length.isEmpty && length.utf8.allSatisfy { (0x30...0x39).contains($0) }, "accepted Content-Length \(length)")
        check(Int(length) == request.body.count, "Content-Length \(length) for a body of \(request.body.count) bytes")
    }
    check(!(lengths.isEmpty && encodings.isEmpty) || request.body.isEmpty, "a body without Content-Length or chunked framing")
    check(encodings.isEmpty || request.version == .http1_1, "accepted Transfer-Encoding in HTTP/1.0")
    if request.version == .http1_1 {
        check(request.headers.values(for: "Host").count == 1, "HTTP/1.1 request without exactly one Host")
    }
    check(ASCII.isToken(request.method.utf8.span), "accepted method \(request.method)")
    for field in request.headers.fields + request.trailers.fields {
        check(ASCII.isToken(field.name.utf8.span), "accepted field name \(field.name)")
        check(!field.value.utf8.contains { $0 == ASCII.cr || $0 == ASCII.lf || $0 == 0 }, "accepted CR, LF or NUL in \(field.name)")
    }
    check(!request.path.utf8.contains { !ASCII.isVisible($0) }, "accepted a request target with spaces or controls")
}

func feed(_ pieces: [ArraySlice<UInt8>], maxHeaderBytes: Int, maxBodyBytes: Int) -> ParseTranscript {
    var parser = RequestParser(maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes)
    var transcript = ParseTranscript()
    for piece in pieces {
        parser.append(piece)
        guard drain(&parser, into: &transcript, maxBodyBytes: maxBodyBytes) else { break }
        check(parser.bufferedByteCount >= 0, "negative buffered byte count")
    }
    return transcript
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequestParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var random = SplitMix64(seed: fnv1a(bytes))
    let maxHeaderBytes = [64, 200, 1024, 16 * 1024][random.next(below: 4)]
    let maxBodyBytes = [0, 10, 1000, 7 * 1024 * 1024][random.next(below: 4)]

    let whole = feed([bytes[...]], maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes)

    let pieces = randomPieces(of: bytes, using: &random)
    let split = feed(pieces, maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes)

    check(whole.requests == split.requests, "requests differ between one piece and \(pieces.count) pieces")
    check(whole.keepAlive == split.keepAlive, "keep-alive differs with the split")
    check(whole.continues == split.continues, "100 Continue count differs with the split")
    check((whole.error == nil) == (split.error == nil), "error \(String(describing: whole.error)) in one piece, \(String(describing: split.error)) split")
    return 0
}
