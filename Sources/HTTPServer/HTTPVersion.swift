/// The two protocol versions the server speaks; anything else is refused while parsing.
public enum HTTPVersion: String, Sendable, Equatable {
    case http1_0 = "HTTP/1.0"
    case http1_1 = "HTTP/1.1"
}
