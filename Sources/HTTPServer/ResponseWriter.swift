/// Serialises responses. The server owns the framing: `Content-Length`, `Connection: close` and `Date`
/// come from here, and a responder's own framing headers (or any header that could split the response)
/// are dropped, so no responder can desynchronise the connection.
enum ResponseWriter {
    /// Sent before reading the body of a request with `Expect: 100-continue`.
    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Headers only the server may set.
    private static let framingHeaders = ["content-length", "transfer-encoding", "connection", "date", "keep-alive"]

    /// Appends the whole response to `buffer`.
    /// - Parameters:
    ///   - closesConnection: adds `Connection: close`; the server closes after the last byte.
    ///   - omitsBody: a response to `HEAD`: the headers describe the body that is not sent.
    ///   - date: the `Date` value (IMF-fixdate), cached per second by the event loop.
    static func write(
        _ response: HTTPResponse,
        closesConnection: Bool,
        omitsBody: Bool,
        date: String?,
        into buffer: inout [UInt8]
    ) {
        let status = (100...999).contains(response.status) ? response.status : 500
        let hasBody = !(100...199).contains(status) && status != 204 && status != 304
        buffer.reserveCapacity(buffer.count + 128 + response.body.count)
        buffer.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status, to: &buffer)
        buffer.append(ASCII.space)
        buffer.append(contentsOf: reasonPhrase(for: status).utf8)
        buffer.append(contentsOf: [ASCII.cr, ASCII.lf])
        for (name, value) in response.headers where isAllowed(name: name, value: value) {
            appendField(name, value, to: &buffer)
        }
        if let date {
            appendField("Date", date, to: &buffer)
        }
        if hasBody {
            buffer.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(response.body.count, to: &buffer)
            buffer.append(contentsOf: [ASCII.cr, ASCII.lf])
        }
        if closesConnection {
            appendField("Connection", "close", to: &buffer)
        }
        buffer.append(contentsOf: [ASCII.cr, ASCII.lf])
        if hasBody && !omitsBody {
            buffer.append(contentsOf: response.body)
        }
    }

    private static func appendField(_ name: String, _ value: String, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: name.utf8)
        buffer.append(contentsOf: [ASCII.colon, ASCII.space])
        buffer.append(contentsOf: value.utf8)
        buffer.append(contentsOf: [ASCII.cr, ASCII.lf])
    }

    /// `value` (not negative) in decimal digits, written straight into the response instead of through
    /// a `String`: every response has a status and nearly every one a `Content-Length`.
    private static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        repeat {
            buffer.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    private static func isAllowed(name: String, value: String) -> Bool {
        ASCII.isToken(name.utf8)
            && value.utf8.allSatisfy(ASCII.isFieldValueCharacter)
            && !framingHeaders.contains(where: { HTTPHeaders.namesMatch($0, name) })
    }

    /// The RFC 9110 reason phrase (clients ignore it, people reading captures do not).
    static func reasonPhrase(for status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }
}
