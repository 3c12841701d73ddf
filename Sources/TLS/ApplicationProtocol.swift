internal import COpenSSL

/// ALPN selection: `http/1.1`, else `http/1.0`, else nothing.
///
/// A client that offers `http/1.1` (alone or with `h2`) gets `http/1.1`. One that offers only
/// `http/1.0` (curl `--http1.0` does) gets `http/1.0`, since the server speaks HTTP/1.0 too. One
/// that offers ALPN but neither gets the fatal `no_application_protocol` alert RFC 7301 §3.2 asks
/// for, as Go's net/http does with `NextProtos: ["http/1.1"]` (controller-runtime's webhook server).
/// A client that offers no ALPN at all is unaffected. So HTTP/2 is never negotiated.
enum ApplicationProtocol {
    /// Ours, in preference order.
    static let supported: [[UInt8]] = [Array("http/1.1".utf8), Array("http/1.0".utf8)]

    /// The body of OpenSSL's ALPN select callback. `offered` is the client's wire list
    /// (length-prefixed names); the selection must point into it, because OpenSSL copies it only
    /// after the callback returns. A malformed list is refused.
    static func select(
        selected: UnsafeMutablePointer<UnsafePointer<UInt8>?>?,
        selectedLength: UnsafeMutablePointer<UInt8>?,
        offered: UnsafePointer<UInt8>?,
        offeredLength: Int
    ) -> Int32 {
        guard let selected, let selectedLength, let offered, offeredLength > 0 else {
            return SSL_TLSEXT_ERR_ALERT_FATAL
        }
        let list = UnsafeBufferPointer(start: offered, count: offeredLength)
        var names: [Range<Int>] = []
        var index = 0
        while index < list.count {
            let length = Int(list[index])
            let start = index + 1
            guard length > 0, length <= list.count - start else {
                return SSL_TLSEXT_ERR_ALERT_FATAL
            }
            names.append(start..<start + length)
            index = start + length
        }
        for protocolName in supported {
            if let match = names.first(where: { list[$0].elementsEqual(protocolName) }) {
                selected.pointee = offered + match.lowerBound
                selectedLength.pointee = UInt8(match.count)
                return SSL_TLSEXT_ERR_OK
            }
        }
        return SSL_TLSEXT_ERR_ALERT_FATAL
    }
}
