extension Kubeconfig {
    /// A cluster's `server` URL, split into what the client needs.
    struct Server: Equatable {
        let host: String
        let port: Int
        let pathPrefix: String

        /// Accepts `https://HOST[:PORT][/PATH]`, HOST a name, an IPv4 address or a bracketed IPv6
        /// address; the port defaults to 443. Refuses other schemes, user info, queries and fragments.
        init(parsing url: String, file: String, field: String) throws(KubernetesAccessError) {
            guard url.lowercased().hasPrefix("https://") else {
                throw KubernetesAccessError.unsupported(file: file, field: field, reason: "\(url): only https:// API servers")
            }
            let rest = url.dropFirst("https://".count)
            guard !rest.contains("?"), !rest.contains("#") else {
                throw KubernetesAccessError.invalid(file: file, field: field, reason: "\(url) has a query or fragment")
            }
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            let authority = rest[rest.startIndex..<slash]
            var path = String(rest[slash...])
            while path.hasSuffix("/") { path.removeLast() }
            guard !authority.contains("@") else {
                throw KubernetesAccessError.unsupported(file: file, field: field, reason: "user information in the URL")
            }
            var host: Substring
            var portText: Substring?
            if authority.hasPrefix("[") {
                guard let close = authority.firstIndex(of: "]") else {
                    throw KubernetesAccessError.invalid(file: file, field: field, reason: "\(url): unclosed [ in the host")
                }
                host = authority[authority.index(after: authority.startIndex)..<close]
                let after = authority[authority.index(after: close)...]
                if !after.isEmpty {
                    guard after.hasPrefix(":") else {
                        throw KubernetesAccessError.invalid(file: file, field: field, reason: "\(url): bad authority")
                    }
                    portText = after.dropFirst()
                }
            } else if let colon = authority.firstIndex(of: ":") {
                host = authority[authority.startIndex..<colon]
                portText = authority[authority.index(after: colon)...]
            } else {
                host = authority
            }
            guard !host.isEmpty else {
                throw KubernetesAccessError.invalid(file: file, field: field, reason: "\(url) has no host")
            }
            var port = 443
            if let portText {
                guard let parsed = Int(portText), (1...65535).contains(parsed), portText.allSatisfy(\.isASCII) else {
                    throw KubernetesAccessError.invalid(file: file, field: field, reason: "\(url): bad port")
                }
                port = parsed
            }
            self.host = String(host)
            self.port = port
            pathPrefix = path
        }
    }
}
