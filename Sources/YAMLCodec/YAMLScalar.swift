import JSONModel

/// A scalar as kubectl reads it. kubectl turns YAML into JSON with sigs.k8s.io/yaml, which decodes with
/// go-yaml v2 (YAML 1.1 rules) and then marshals with encoding/json; this type reproduces go-yaml v2's
/// `resolve` table so that `check` judges the same JSON the API server will receive:
///
/// * quoted scalars, block scalars (`|`, `>`) and `!!str` are strings;
/// * `null`, `Null`, `NULL`, `~` and the empty scalar are null;
/// * `true`/`false` in three casings, and the YAML 1.1 words `y`, `yes`, `on`, `n`, `no`, `off`
///   (as `y`, `Y`, `yes`, `Yes`, `YES`, ...) are booleans: go-yaml v2 still reads them so;
/// * integers as Go's `strconv.ParseInt(s, 0, 64)` reads them after removing `_`: decimal, `0x1F`, `0o17`,
///   `0b101`, and a leading `0` meaning octal (`017` is 15); JSON carries them in decimal (`31`);
/// * other numbers matching `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` are floats, written
///   as encoding/json writes a float64 (`3.0` becomes `3`, `1e2` becomes `100`); `.inf` and `.nan` are
///   floats JSON cannot carry, so they are errors;
/// * anything else, timestamps included (go-yaml v2 hands them back as strings), is a string.
enum YAMLScalar: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    /// An integer above `Int64.max` that fits in 64 bits unsigned, as go-yaml's `uint64`.
    case unsignedInteger(UInt64)
    case float(Double)
    case string(String)

    static let strTag = "tag:yaml.org,2002:str"
    static let boolTag = "tag:yaml.org,2002:bool"
    static let intTag = "tag:yaml.org,2002:int"
    static let floatTag = "tag:yaml.org,2002:float"
    static let nullTag = "tag:yaml.org,2002:null"
    static let timestampTag = "tag:yaml.org,2002:timestamp"
    static let binaryTag = "tag:yaml.org,2002:binary"
    static let mergeTag = "tag:yaml.org,2002:merge"

    /// go-yaml v2's `resolveMap`: the words whose meaning is looked up rather than parsed.
    private static let words: [String: YAMLScalar] = {
        var words: [String: YAMLScalar] = [:]
        for word in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { words[word] = .bool(true) }
        for word in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { words[word] = .bool(false) }
        for word in ["", "~", "null", "Null", "NULL"] { words[word] = .null }
        for word in [".nan", ".NaN", ".NAN"] { words[word] = .float(.nan) }
        for word in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { words[word] = .float(.infinity) }
        for word in ["-.inf", "-.Inf", "-.INF"] { words[word] = .float(-.infinity) }
        return words
    }()

    /// How an unquoted, untagged scalar reads: go-yaml v2's `resolve(\"\", text)`.
    init(plain text: String) {
        // go-yaml looks at the first byte to decide what the text could be at all.
        guard let first = text.utf8.first else {
            self = .null
            return
        }
        switch first {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let word = Self.words[text] {
                self = word
            } else if let number = Self.number(text) {
                self = number
            } else {
                self = .string(text)
            }
        case UInt8(ascii: "."):
            if let word = Self.words[text] {
                self = word
            } else if let value = GoNumberSyntax.parseDotFloat(text) {
                self = .float(value)
            } else {
                self = .string(text)
            }
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
            UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"),
            UInt8(ascii: "~"):
            self = Self.words[text] ?? .string(text)
        default:
            self = .string(text)
        }
    }

    /// go-yaml's digit/sign branch: an integer first, then an unsigned one, then a YAML-style float.
    private static func number(_ text: String) -> YAMLScalar? {
        let plain = Array(text.utf8.filter { $0 != UInt8(ascii: "_") })
        if let value = GoNumberSyntax.parseInt(plain) { return .integer(value) }
        if let value = GoNumberSyntax.parseUint(plain) { return .unsignedInteger(value) }
        if GoNumberSyntax.isYAMLFloat(plain), let value = Double(String(decoding: plain, as: UTF8.self)),
            value.isFinite
        {
            return .float(value)
        }
        return nil
    }

    /// A scalar event as go-yaml v2 decodes it into `interface{}`: quoted and block scalars without a tag
    /// are strings; a plain one, or one with a standard tag, is resolved; an explicit tag must fit.
    static func resolve(_ text: String, tag: String?, isPlainImplicit: Bool) throws(ScalarProblem) -> YAMLScalar {
        guard let tag else {
            return isPlainImplicit ? YAMLScalar(plain: text) : .string(text)
        }
        switch tag {
        case strTag:
            return .string(text)
        case binaryTag:
            throw ScalarProblem(.binaryUnsupported)
        case boolTag, intTag, floatTag, nullTag, timestampTag:
            break
        default:
            // go-yaml leaves scalars with tags it does not know as the text, `!` included.
            return .string(text)
        }
        let resolved = YAMLScalar(plain: text)
        switch (tag, resolved) {
        case (boolTag, .bool), (intTag, .integer), (intTag, .unsignedInteger), (floatTag, .float), (nullTag, .null):
            return resolved
        case (floatTag, .integer(let value)):
            return .float(Double(value))
        case (timestampTag, .string(let string)) where GoNumberSyntax.looksLikeTimestamp(string):
            return resolved
        default:
            throw ScalarProblem(.tagMismatch(value: text, resolved: resolved.shortTag, tag: "!!" + tag.dropFirst("tag:yaml.org,2002:".count)))
        }
    }

    /// The tag go-yaml names in its messages.
    var shortTag: String {
        switch self {
        case .null: "!!null"
        case .bool: "!!bool"
        case .integer, .unsignedInteger: "!!int"
        case .float: "!!float"
        case .string: "!!str"
        }
    }

    /// The value encoding/json writes for it; `text` is the scalar as written, for the error.
    func jsonValue(text: String) throws(ScalarProblem) -> JSONValue {
        switch self {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .integer(let value): return .number(JSONNumber(value))
        case .unsignedInteger(let value): return .number(JSONNumber(text: String(value)))
        case .float(let value):
            guard let json = GoFloatFormat.jsonText(value) else { throw ScalarProblem(.nonFiniteNumber(text)) }
            return .number(JSONNumber(text: json))
        case .string(let value): return .string(value)
        }
    }

    /// The key sigs.k8s.io/yaml makes of it: integers in decimal, booleans as `true`/`false`, floats as
    /// `strconv.FormatFloat(f, 'g', -1, 32)`; null and integers beyond Int64 are refused, as there.
    func keyString() throws(ScalarProblem) -> String {
        switch self {
        case .string(let value): return value
        case .integer(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .float(let value): return GoFloatFormat.keyText(value)
        case .null: throw ScalarProblem(.unsupportedKey("null"))
        case .unsignedInteger(let value): throw ScalarProblem(.unsupportedKey("the integer \(value), beyond the signed 64-bit range"))
        }
    }

    /// True when `text`, written unquoted, would read back as the same string. The encoder quotes
    /// everything else, so `yes`, `on`, `3`, `0x1F`, `~` and `""` stay strings.
    static func isPlainString(_ text: String) -> Bool {
        YAMLScalar(plain: text) == .string(text)
    }
}

/// A scalar that cannot become JSON; the composer adds the position.
struct ScalarProblem: Error {
    let kind: YAMLError.Kind

    init(_ kind: YAMLError.Kind) {
        self.kind = kind
    }
}
