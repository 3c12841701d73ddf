/// The paths the API server calls (SPEC §2); `deploy/`'s webhook configurations name the same ones.
public enum WebhookPaths {
    public static let mutate = "/mutate-antfly-io-v1-antflyrestore"
    public static let validate = "/validate-antfly-io-v1-antflyrestore"
    public static let healthz = "/healthz"
    public static let readyz = "/readyz"
    public static let metrics = "/metrics"
}
