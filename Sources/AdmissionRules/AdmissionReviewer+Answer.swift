import JSONModel

extension AdmissionReviewer {
    /// The response being assembled; allowed and untouched unless something says otherwise.
    struct Answer {
        var allowed = true
        var code = 200
        var status: JSONValue?
        var patch = JSONPatch()
        var warnings: [String] = []

        mutating func deny(code: Int, reason: String, message: String) {
            allowed = false
            self.code = code
            status = KubernetesStatus.failureStatus(code: code, reason: reason, message: message)
        }

        /// `{"apiVersion":...,"kind":"AdmissionReview","response":{uid, allowed, status?, patch?, patchType?, warnings?}}`,
        /// members in the order of the Go types. Every admission request builds one, so it is written
        /// straight into one buffer, reserved once, instead of as a tree of values and a base64 `String`.
        func body(apiVersion: String, uid: String) -> [UInt8] {
            var bytes: [UInt8] = []
            // Room for all but escapes and a denial's status: an allowed answer never grows the buffer.
            bytes.reserveCapacity(
                128 + apiVersion.utf8.count + uid.utf8.count + patch.base64.count
                    + warnings.reduce(0) { $0 + $1.utf8.count + 3 })
            bytes.append(contentsOf: #"{"apiVersion":"#.utf8)
            JSONWriter.writeString(apiVersion, into: &bytes)
            bytes.append(contentsOf: #","kind":"AdmissionReview","response":{"uid":"#.utf8)
            JSONWriter.writeString(uid, into: &bytes)
            bytes.append(contentsOf: allowed ? #","allowed":true"#.utf8 : #","allowed":false"#.utf8)
            if let status {
                bytes.append(contentsOf: #","status":"#.utf8)
                JSONWriter.write(status, into: &bytes)
            }
            if !patch.isEmpty {
                // The base64 alphabet and `=` need no escaping in a JSON string.
                bytes.append(contentsOf: #","patch":""#.utf8)
                bytes.append(contentsOf: patch.base64)
                bytes.append(contentsOf: #"","patchType":"JSONPatch""#.utf8)
            }
            if !warnings.isEmpty {
                bytes.append(contentsOf: #","warnings":["#.utf8)
                for (position, warning) in warnings.enumerated() {
                    if position > 0 { bytes.append(UInt8(ascii: ",")) }
                    JSONWriter.writeString(warning, into: &bytes)
                }
                bytes.append(UInt8(ascii: "]"))
            }
            bytes.append(contentsOf: "}}".utf8)
            return bytes
        }
    }
}
