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
        String(decoding: jsonPointerUTF8, as: UTF8.self)
    }

    /// `jsonPointer` as UTF-8, for writers that put it straight into a JSON body: every patch
    /// operation has one, and building it as a `String` one `+=` at a time cost more than the rest
    /// of the operation.
    public var jsonPointerUTF8: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(components.count * 16)
        for component in components {
            bytes.append(UInt8(ascii: "/"))
            switch component {
            case .key(let key):
                // Copied whole, then looked at in the array (cheaper than iterating the `String`); keys
                // almost never hold `~` or `/`, and when one does, the copy is redone escaped.
                let start = bytes.count
                bytes.append(contentsOf: key.utf8)
                guard bytes[start...].contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { continue }
                bytes.removeSubrange(start...)
                for byte in key.utf8 {
                    switch byte {
                    case UInt8(ascii: "~"): bytes.append(contentsOf: "~0".utf8)
                    case UInt8(ascii: "/"): bytes.append(contentsOf: "~1".utf8)
                    default: bytes.append(byte)
                    }
                }
            case .index(let index):
                bytes.append(contentsOf: String(index).utf8)
            }
        }
        return bytes
    }
}
