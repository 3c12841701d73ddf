public import JSONModel

/// What is wrong with a field: one case per k8s.io/apimachinery `field.ErrorType` the SPEC uses. The bad
/// value is kept as JSON, so the message shows it the way the API server would.
public enum FieldErrorKind: Sendable, Equatable {
    /// `FieldValueRequired`: absent, `null` or empty. `detail` says why, where that is not obvious.
    case required(detail: String = "")
    /// `FieldValueInvalid`: the value is malformed or out of range.
    case invalid(JSONValue, detail: String)
    /// `FieldValueTypeInvalid`: the value has the wrong JSON type; `detail` names the expected one.
    case typeInvalid(JSONValue, detail: String)
    /// `FieldValueNotSupported`: not one of an enumeration's values, which the message lists.
    case notSupported(JSONValue, supported: [String])
    /// `FieldValueDuplicate`: the value already appeared earlier in the list.
    case duplicate(JSONValue)
    /// `FieldValueForbidden`: well-formed, but a policy or the restore's state refuses it.
    case forbidden(detail: String)
    /// `FieldValueNotFound`: the value names something that does not exist.
    case notFound(JSONValue, detail: String)

    /// The Kubernetes `CauseType`, as `details.causes[].reason` carries it.
    public var reason: String {
        switch self {
        case .required: "FieldValueRequired"
        case .invalid: "FieldValueInvalid"
        case .typeInvalid: "FieldValueTypeInvalid"
        case .notSupported: "FieldValueNotSupported"
        case .duplicate: "FieldValueDuplicate"
        case .forbidden: "FieldValueForbidden"
        case .notFound: "FieldValueNotFound"
        }
    }

    /// `field.Error.ErrorBody()`: the message without the field path, e.g.
    /// `Invalid value: -1: must be greater than or equal to 0`.
    public var message: String {
        switch self {
        case .required(let detail):
            Self.joined("Required value", detail)
        case .invalid(let value, let detail):
            Self.joined("Invalid value: " + Self.render(value), detail)
        case .typeInvalid(let value, let detail):
            Self.joined("Invalid value: " + Self.render(value), detail)
        case .notSupported(let value, let supported):
            Self.joined(
                "Unsupported value: " + Self.render(value),
                supported.isEmpty ? "" : "supported values: " + supported.map(GoQuote.quote).joined(separator: ", ")
            )
        case .duplicate(let value):
            "Duplicate value: " + Self.render(value)
        case .forbidden(let detail):
            Self.joined("Forbidden", detail)
        case .notFound(let value, let detail):
            Self.joined("Not found: " + Self.render(value), detail)
        }
    }

    private static func joined(_ body: String, _ detail: String) -> String {
        detail.isEmpty ? body : body + ": " + detail
    }

    /// Strings longer than this many characters are shown as their beginning and `...`, so that a
    /// megabyte-long table name cannot make a megabyte-long message.
    static let maxRenderedStringCharacters = 256

    /// `ErrorBody`'s rendering of a bad value: a string quoted as `%q`, a number as written, a boolean as
    /// `true`/`false`, `null` as `null`. An object or an array is shown as its type name in quotes
    /// (`"object"`), as the API server's schema validation does, rather than dumped whole.
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let bool): bool ? "true" : "false"
        case .number(let number): number.text
        case .string(let string): GoQuote.quote(abbreviated(string))
        case .array, .object: GoQuote.quote(value.typeName)
        }
    }

    /// `string` itself, or its first `maxRenderedStringCharacters` Unicode scalars followed by `...`.
    static func abbreviated(_ string: String) -> String {
        let scalars = string.unicodeScalars
        guard let cut = scalars.index(scalars.startIndex, offsetBy: maxRenderedStringCharacters, limitedBy: scalars.endIndex),
            cut != scalars.endIndex
        else { return string }
        return String(scalars[..<cut]) + "..."
    }
}
