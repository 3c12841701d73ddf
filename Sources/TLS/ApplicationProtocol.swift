internal import COpenSSL

/// ALPN selection: `http/1.1` or nothing.
///
/// A client that offers `http/1.1` (alone or with `h2`) gets `http/1.1`; one that offers ALPN but
/// not `http/1.1` gets the fatal `no_application_protocol` alert RFC 7301 §3.2 asks for, as Go's
/// net/http does with `NextProtos: ["http/1.1"]` (controller-runtime's webhook server). A client
/// that offers no ALPN at all is unaffected. So HTTP/2 is never negotiated.
enum ApplicationProtocol {
    static let http11: [UInt8] = Array("http/1.1".utf8)

    /// The body of OpenSSL's ALPN select callback. `offered` is the client's wire list
    /// (length-prefixed names); the selection must point into it, because OpenSSL copies it only
    /// after the callback returns.
    static func selectHTTP11(
        selected: UnsafeMutablePointer<UnsafePointer<UInt8>?>?,
        selectedLength: UnsafeMutablePointer<UInt8>?,
        offered: UnsafePointer<UInt8>?,
        offeredLength: Int
    ) -> Int32 {
        guard let selected, let selectedLength, let offered, offeredLength > 0 else {
            return SSL_TLSEXT_ERR_ALERT_FATAL
        }
        let list = UnsafeBufferPointer(start: offered, count: offeredLength)
        var index = 0
        while index < list.count {
            let length = Int(list[index])
            let start = index + 1
            guard length > 0, length <= list.count - start else {
                return SSL_TLSEXT_ERR_ALERT_FATAL
            }
            if length == http11.count && list[start..<start + length].elementsEqual(http11) {
                selected.pointee = offered + start
                selectedLength.pointee = UInt8(length)
                return SSL_TLSEXT_ERR_OK
            }
            index = start + length
        }
        return SSL_TLSEXT_ERR_ALERT_FATAL
    }
}
