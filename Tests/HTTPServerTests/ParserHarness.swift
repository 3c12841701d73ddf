@testable import HTTPServer
import Testing

/// Feeds requests to a ``RequestParser`` the way the network might deliver them (the NIO habit): whole,
/// split in two at every byte boundary, and one byte at a time; every delivery must parse the same.
struct ParserHarness {
    enum Outcome: Equatable, CustomStringConvertible {
        case events([RequestParser.Event])
        case failed(HTTPRequestError, after: [RequestParser.Event])

        var description: String {
            switch self {
            case .events(let events): "events \(events)"
            case .failed(let error, let events): "\(error) after \(events)"
            }
        }
    }

    var maxHeaderBytes = 1024
    var maxBodyBytes = 256

    func feed(_ chunks: [ArraySlice<UInt8>]) -> Outcome {
        var parser = RequestParser(maxHeaderBytes: maxHeaderBytes, maxBodyBytes: maxBodyBytes)
        var events: [RequestParser.Event] = []
        for chunk in chunks {
            parser.append(chunk)
            while true {
                do {
                    let event = try parser.next()
                    if event == .needMoreData { break }
                    events.append(event)
                } catch {
                    return .failed(error, after: events)
                }
            }
        }
        return .events(events)
    }

    /// The outcome of parsing `text`, checked to be the same for every way of splitting it.
    func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        parse(Array(text.utf8), sourceLocation: sourceLocation)
    }

    func parse(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        let whole = feed([bytes[...]])
        for split in 1..<max(1, bytes.count) {
            let outcome = feed([bytes[..<split], bytes[split...]])
            if outcome != whole {
                Issue.record("split at \(split): \(outcome), whole: \(whole)", sourceLocation: sourceLocation)
                break
            }
        }
        let byByte = feed(bytes.map { [$0][...] })
        #expect(byByte == whole, "byte by byte", sourceLocation: sourceLocation)
        return whole
    }

    /// The single request `text` parses to, or an issue.
    func request(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> (HTTPRequest, isKeepAlive: Bool)? {
        let outcome = parse(text, sourceLocation: sourceLocation)
        guard case .events(let events) = outcome, let last = events.last, case .request(let request, let isKeepAlive) = last else {
            Issue.record("expected one request, got \(outcome)", sourceLocation: sourceLocation)
            return nil
        }
        return (request, isKeepAlive)
    }

    /// The error `text` fails with, or an issue.
    func error(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> HTTPRequestError? {
        error(Array(text.utf8), sourceLocation: sourceLocation)
    }

    func error(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> HTTPRequestError? {
        let outcome = parse(bytes, sourceLocation: sourceLocation)
        guard case .failed(let error, _) = outcome else {
            Issue.record("expected an error, got \(outcome)", sourceLocation: sourceLocation)
            return nil
        }
        return error
    }
}
