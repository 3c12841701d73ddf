/// The location of a field, printed the way Kubernetes prints a `field.Path`
/// (`spec.tables[2]`) and, for patches, as an RFC 6901 JSON Pointer (`/spec/tables/2`).
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step into a document.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public private(set) var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// A path of object keys: `JSONPath("spec", "source", "location")`.
    public init(_ keys: String...) {
        self.components = keys.map(Component.key)
    }

    /// Validation makes a path for every field it looks at, so appending makes one array, not two.
    public func appending(_ key: String) -> JSONPath {
        var path = self
        path.components.append(.key(key))
        return path
    }

    public func appending(index: Int) -> JSONPath {
        var path = self
        path.components.append(.index(index))
        return path
    }

    public var parent: JSONPath? {
        components.isEmpty ? nil : JSONPath(Array(components.dropLast()))
    }

    /// Kubernetes' rendering: keys joined by `.`, indexes in brackets.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// RFC 6901: `~` is written `~0` and `/` is written `~1`.
    public var jsonPointer: String {
        var text = ""
        for component in components {
            text += "/"
            switch component {
            case .key(let key):
                Self.appendEscapedReferenceToken(key, to: &text)
            case .index(let index):
                text += String(index)
            }
        }
        return text
    }

    /// Appends one RFC 6901 reference token. Keys almost never hold `~` or `/`, so they are copied
    /// whole; the general `replacing` costs microseconds, and every patch operation has a path.
    private static func appendEscapedReferenceToken(_ key: String, to text: inout String) {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
            text += key
            return
        }
        for scalar in key.unicodeScalars {
            switch scalar {
            case "~": text += "~0"
            case "/": text += "~1"
            default: text.unicodeScalars.append(scalar)
            }
        }
    }
}
