/// `serve --dev`: where certs/make-dev-certs.sh writes its files, and the curl line printed at
/// start-up so a newcomer can try the webhook at once.
enum DevMode {
    static let certificateFile = "certs/dev/tls.crt"
    static let privateKeyFile = "certs/dev/tls.key"
    static let caFile = "certs/dev/ca.crt"

    static func tryItLine(port: Int, caFile: String) -> String {
        """
        Try it:
          curl --cacert \(caFile) -H 'Content-Type: application/json' \
        --data-binary @examples/good-restore.json https://localhost:\(port)/mutate-antfly-io-v1-antflyrestore
        """
    }
}
