public import JSONModel

/// Writes JSON documents as block YAML for `check -o yaml`, to be piped to `kubectl apply -f -`. Keys keep
/// their order; sequences sit at their key's indentation, as `kubectl get -o yaml` prints them; strings
/// that would read back as something else (`yes`, `3`, `~`, `""`, ` x`, `a: b`, control characters) are
/// double-quoted; multi-line text is a literal block. Everything it writes reads back, through
/// `YAMLDecoder`, as the same JSON.
public enum YAMLEncoder {
    /// Several documents, separated by `---` lines.
    public static func encode(_ documents: [JSONValue]) -> String {
        var writer = Writer()
        for (offset, document) in documents.enumerated() {
            if offset > 0 { writer.output += "---\n" }
            writer.document(document)
        }
        return writer.output
    }

    /// One document.
    public static func encode(_ document: JSONValue) -> String {
        encode([document])
    }

    /// libyaml reads a key on one line only when it is at most 1024 characters; longer ones are written
    /// as explicit `? key` entries.
    private static let maxSimpleKeyCharacters = 1000

    private struct Writer {
        var output = ""
        /// Runs of spaces by length, made once: every line starts with one.
        private var indentation: [String] = []

        private mutating func indent(_ width: Int) {
            while indentation.count <= width { indentation.append(String(repeating: " ", count: indentation.count)) }
            output += indentation[width]
        }

        mutating func document(_ value: JSONValue) {
            switch value {
            case .object(let object) where !object.isEmpty:
                mapping(object, indent: 0, continuesLine: false)
            case .array(let items) where !items.isEmpty:
                sequence(items, indent: 0, continuesLine: false)
            default:
                scalar(value, indent: 0, allowsLiteral: false)
            }
        }

        /// The members of `object` at `indent`; when `continuesLine`, the first one goes on the current
        /// line (after `- `).
        private mutating func mapping(_ object: JSONObject, indent: Int, continuesLine: Bool) {
            for (offset, member) in object.members.enumerated() {
                if offset > 0 || !continuesLine { self.indent(indent) }
                let key = YAMLScalarStyle(for: member.key, allowsLiteral: false) == .plain
                    ? member.key : YAMLScalarStyle.doubleQuoted(member.key)
                if key.unicodeScalars.count > maxSimpleKeyCharacters {
                    output += "? " + key + "\n"
                    self.indent(indent)
                    output += ":"
                    value(member.value, indent: indent, sequenceIndent: indent + 2)
                } else {
                    output += key + ":"
                    value(member.value, indent: indent, sequenceIndent: indent)
                }
            }
        }

        /// A mapping value, after its `key:`.
        private mutating func value(_ value: JSONValue, indent: Int, sequenceIndent: Int) {
            switch value {
            case .object(let object) where !object.isEmpty:
                output += "\n"
                mapping(object, indent: indent + 2, continuesLine: false)
            case .array(let items) where !items.isEmpty:
                output += "\n"
                sequence(items, indent: sequenceIndent, continuesLine: false)
            default:
                output += " "
                scalar(value, indent: indent + 2, allowsLiteral: true)
            }
        }

        private mutating func sequence(_ items: [JSONValue], indent: Int, continuesLine: Bool) {
            for (offset, item) in items.enumerated() {
                if offset > 0 || !continuesLine { self.indent(indent) }
                output += "- "
                switch item {
                case .object(let object) where !object.isEmpty:
                    mapping(object, indent: indent + 2, continuesLine: true)
                case .array(let nested) where !nested.isEmpty:
                    sequence(nested, indent: indent + 2, continuesLine: true)
                default:
                    scalar(item, indent: indent + 2, allowsLiteral: true)
                }
            }
        }

        /// A scalar and its line end; a literal block's lines go at `indent`.
        private mutating func scalar(_ value: JSONValue, indent: Int, allowsLiteral: Bool) {
            switch value {
            case .null: output += "null\n"
            case .bool(let bool): output += bool ? "true\n" : "false\n"
            case .number(let number):
                // `-0` would read back as the integer 0; `-0.0` reads back as the float -0 that JSON wrote as `-0`.
                output += (number.text == "-0" ? "-0.0" : number.text) + "\n"
            case .object: output += "{}\n"
            case .array: output += "[]\n"
            case .string(let string):
                switch YAMLScalarStyle(for: string, allowsLiteral: allowsLiteral) {
                case .plain: output += string + "\n"
                case .doubleQuoted: output += YAMLScalarStyle.doubleQuoted(string) + "\n"
                case .literal: literal(string, indent: indent)
                }
            }
        }

        /// `|`, `|-` or `|+` by the number of final line breaks, then the lines, indented.
        private mutating func literal(_ text: String, indent: Int) {
            var body = Substring(text)
            var finalBreaks = 0
            while body.hasSuffix("\n") {
                body = body.dropLast()
                finalBreaks += 1
            }
            output += finalBreaks == 0 ? "|-\n" : finalBreaks == 1 ? "|\n" : "|+\n"
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                if !line.isEmpty {
                    self.indent(indent)
                    output += line
                }
                output += "\n"
            }
            output += String(repeating: "\n", count: max(0, finalBreaks - 1))
        }
    }
}
