/// Serialises responses. The server owns the framing: `Content-Length`, `Connection: close` and `Date`
/// come from here, and a responder's own framing headers (or any header that could split the response)
/// are dropped, so no responder can desynchronise the connection.
enum ResponseWriter {
    /// Sent before reading the body of a request with `Expect: 100-continue`.
    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// The status line of nearly every response, written in one copy.
    private static let okStatusLine: [UInt8] = Array("HTTP/1.1 200 OK\r\n".utf8)

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
        if status == 200 {
            buffer.append(contentsOf: okStatusLine)
        } else {
            appendUTF8("HTTP/1.1 ", to: &buffer)
            buffer.appendDecimal(Int64(status))
            buffer.append(ASCII.space)
            appendUTF8(reasonPhrase(for: status), to: &buffer)
            appendLineEnd(to: &buffer)
        }
        for (name, value) in response.headers where isAllowed(name: name, value: value) {
            appendField(name, value, to: &buffer)
        }
        if let date {
            appendField("Date", date, to: &buffer)
        }
        if hasBody {
            appendUTF8("Content-Length: ", to: &buffer)
            buffer.appendDecimal(Int64(response.body.count))
            appendLineEnd(to: &buffer)
        }
        if closesConnection {
            appendField("Connection", "close", to: &buffer)
        }
        appendLineEnd(to: &buffer)
        if hasBody && !omitsBody {
            buffer.append(contentsOf: response.body)
        }
    }

    private static func appendField(_ name: String, _ value: String, to buffer: inout [UInt8]) {
        appendUTF8(name, to: &buffer)
        buffer.append(ASCII.colon)
        buffer.append(ASCII.space)
        appendUTF8(value, to: &buffer)
        appendLineEnd(to: &buffer)
    }

    /// `text`'s bytes through its span: `append(contentsOf: text.utf8)` takes the generic sequence path,
    /// about 170 instructions for a short header, and an array literal for two bytes costs 100.
    private static func appendUTF8(_ text: String, to buffer: inout [UInt8]) {
        let bytes = text.utf8.span
        buffer.append(addingCapacity: bytes.count) { output in
            for index in bytes.indices { output.append(bytes[index]) }
        }
    }

    private static func appendLineEnd(to buffer: inout [UInt8]) {
        buffer.append(ASCII.cr)
        buffer.append(ASCII.lf)
    }

    /// Walks the header's bytes through spans: `allSatisfy` over a `String.UTF8View` takes the generic
    /// sequence path, and every response has a header or two.
    private static func isAllowed(name: String, value: String) -> Bool {
        guard ASCII.isToken(name.utf8.span) else { return false }
        let valueBytes = value.utf8.span
        for index in valueBytes.indices where !ASCII.isFieldValueCharacter(valueBytes[index]) { return false }
        return !framingHeaders.contains(where: { HTTPHeaders.namesMatch($0, name) })
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
