import JSONModel

/// The three defaults of SPEC §4, in one place, so the mutating webhook's patch and the validating
/// webhook's "is this UPDATE a real change?" comparison cannot disagree.
enum RestoreDefaults {
    /// A class, though it never changes: every mutating request goes through the three entries, and
    /// copying a struct of two strings, a value and two operations out of the array retained and released
    /// each of their buffers (a dozen atomic operations per request), where a reference costs one.
    final class Default: Sendable {
        let key: String
        let value: JSONValue
        /// `restoreMode: ""` means "unset" (a Go enum's zero value); the other fields have no such spelling.
        let emptyStringIsUnset: Bool
        /// The operations that set `spec.<key>`, made once, for the patches made once (`patches`).
        let add: JSONPatchOperation
        let replace: JSONPatchOperation

        init(key: String, value: JSONValue, emptyStringIsUnset: Bool) {
            self.key = key
            self.value = value
            self.emptyStringIsUnset = emptyStringIsUnset
            add = JSONPatchOperation(op: .add, path: JSONPath("spec", key), value: value)
            replace = JSONPatchOperation(op: .replace, path: JSONPath("spec", key), value: value)
        }
    }

    static let all: [Default] = [
        Default(key: "restoreMode", value: .string(RestoreMode.failIfExists.rawValue), emptyStringIsUnset: true),
        Default(key: "restoreTimeout", value: "2h", emptyStringIsUnset: false),
        Default(key: "backoffLimit", value: 3, emptyStringIsUnset: false),
    ]

    /// The patch that fills in what `spec` lacks: `add` when the member is absent, `replace` when it
    /// is `null` (or `""` for `restoreMode`). Present values, valid or not, are never touched. Each
    /// default is set, absent or unset, so this picks one of `patches` by that base-3 number, and a
    /// mutating request builds no patch, JSON or base64 of its own.
    static func patch(for spec: JSONObject) -> JSONPatch {
        var number = 0
        var weight = 1
        for entry in all {
            switch missingOperation(entry, in: spec) {
            case nil: break
            case .add?: number += weight
            case .replace?: number += 2 * weight
            }
            weight *= 3
        }
        return patches[number]
    }

    /// Every patch `patch(for:)` can return (27 for three defaults), made with its base64 text at first
    /// use: digit i of the index (base 3, `all[0]` lowest) is 0 for none, 1 for `add`, 2 for `replace`.
    private static let patches: [JSONPatch] = {
        let count = all.reduce(1) { product, _ in product * 3 }
        return (0..<count).map { number in
            var rest = number
            var operations: [JSONPatchOperation] = []
            for entry in all {
                switch rest % 3 {
                case 1: operations.append(entry.add)
                case 2: operations.append(entry.replace)
                default: break
                }
                rest /= 3
            }
            return JSONPatch(operations: operations)
        }
    }()

    /// `spec` with the defaults filled in; any other value (not an object, absent) is returned as it is.
    static func defaulted(_ spec: JSONValue?) -> JSONValue? {
        guard case .object(var object)? = spec else { return spec }
        for entry in all where missingOperation(entry, in: object) != nil {
            object[entry.key] = entry.value
        }
        return .object(object)
    }

    /// How `spec` gets `entry`'s default, or `nil` when it has a value of its own. Every mutating request
    /// asks this of each default, so it builds no list of entries to go through.
    private static func missingOperation(_ entry: Default, in spec: JSONObject) -> JSONPatchOperation.Operation? {
        switch spec[entry.key] {
        case nil: .add
        case .null?: .replace
        case .string("")? where entry.emptyStringIsUnset: .replace
        default: nil
        }
    }
}
