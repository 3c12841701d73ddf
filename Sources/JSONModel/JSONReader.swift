/// One pass of `JSONParser` over one input: a cursor into the bytes plus the stack of arrays and
/// objects still open. Kept apart from `JSONParser` so the public type stays an immutable, `Sendable`
/// configuration while this one mutates freely.
struct JSONReader {
    /// An array or object whose closing bracket has not been read yet. It owns its elements, so
    /// closing it moves them into the finished value without copying. Skipped values never get one:
    /// `skipValue` walks them with `SkippedContainers` instead.
    private struct OpenContainer {
        let isObject: Bool
        /// This object's node in the skip trie; `nil` when no skipped path runs through it.
        let skipNode: Int?
        var elements: [JSONValue] = []
        /// Members so far; the last one holds `null` from its key until its value is read.
        var members: [JSONObject.Member] = []
        /// The skip-trie node of the member being read, handed to its value if that is an object.
        var memberNode: Int?
        /// The member being read is skipped: its key was not added, and neither will its value be.
        var isSkippingMember = false

        init(isObject: Bool, skipNode: Int?) {
            self.isObject = isObject
            self.skipNode = skipNode
        }

        mutating func startMember(key: String, node: Int?) {
            // Room for a typical Kubernetes object's members at once, instead of growing 1, 2, 4, 8.
            if members.isEmpty { members.reserveCapacity(8) }
            members.append(JSONObject.Member(key: key, value: .null))
            memberNode = node
        }

        mutating func skipMember() {
            isSkippingMember = true
            memberNode = nil
        }

        /// Takes `value` over: the reader hands each finished value on exactly once, so it is moved into
        /// its container rather than copied and released (an atomic increment and decrement per value).
        mutating func add(_ value: consuming JSONValue) {
            if isSkippingMember {
                isSkippingMember = false
            } else if isObject {
                members[members.count - 1].value = value
            } else {
                elements.append(value)
            }
        }

        /// The finished array or object, its elements moved into the value rather than copied.
        consuming func finish() -> JSONValue {
            isObject ? .object(JSONObject(parsedMembers: members)) : .array(elements)
        }
    }

    /// The containers open inside the value `skipValue` is checking, one bit each (set for an object):
    /// a push or a pop is a shift and a mask, where an array of flags paid a uniqueness check each time.
    /// Below 64 levels it needs no memory at all; deeper ones, which only a raised `maxDepth` allows,
    /// go on in an array.
    private struct SkippedContainers {
        private var bits: UInt64 = 0
        private var deeper: [Bool] = []
        private(set) var count = 0

        /// Whether the innermost open container is an object; `nil` when none is open.
        var isInnermostObject: Bool? {
            guard count > 0 else { return nil }
            guard count <= 64 else { return deeper.last }
            return bits >> UInt64(count - 1) & 1 == 1
        }

        mutating func push(isObject: Bool) {
            if count < 64 {
                let bit: UInt64 = 1 << UInt64(count)
                bits = isObject ? bits | bit : bits & ~bit
            } else {
                deeper.append(isObject)
            }
            count += 1
        }

        mutating func pop() {
            count -= 1
            if count >= 64 { deeper.removeLast() }
        }
    }

    private let bytes: [UInt8]
    private let limits: JSONParser.Limits
    private let skippedMembers: SkippedMemberTrie
    private let commonKeys: CommonKeys
    private var index = 0
    private var valueCount = 0
    /// The decoded bytes of a string that has escapes; reused from string to string.
    private var scratch: [UInt8] = []

    init(bytes: [UInt8], limits: JSONParser.Limits, skipping skippedMembers: SkippedMemberTrie, commonKeys: CommonKeys) {
        self.bytes = bytes
        self.limits = limits
        self.skippedMembers = skippedMembers
        self.commonKeys = commonKeys
    }

    mutating func readDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw error(.emptyInput, at: index) }
        var containers: [OpenContainer] = []
        // Deeper than any AdmissionReview nests, so the stack is allocated once instead of growing 1, 2, 4, 8.
        containers.reserveCapacity(16)

        readingValues: while true {
            var value: JSONValue
            if let top = containers.indices.last, containers[top].isSkippingMember {
                try skipValue(depth: containers.count)
                value = .null
            } else {
                guard index < bytes.count else { throw error(.unexpectedEndOfInput(expected: .value), at: index) }
                try countValue()
                let byte = bytes[index]
                if byte == .openBracket || byte == .openBrace {
                    let isObject = byte == .openBrace
                    if try openContainer(isObject: isObject, depth: containers.count) {
                        value = isObject ? .object(JSONObject()) : .array([])
                    } else {
                        let skipNode = isObject ? childSkipNode(in: containers) : nil
                        var container = OpenContainer(isObject: isObject, skipNode: skipNode)
                        if isObject { try startMember(of: &container) }
                        containers.append(container)
                        continue readingValues
                    }
                } else {
                    value = try readScalar(keeping: true)
                }
            }

            // Hand the finished value to its container; a closing bracket finishes that one in turn.
            while let top = containers.indices.last {
                containers[top].add(consume value)
                let isObject = containers[top].isObject
                guard try readCommaOrEnd(isObject: isObject) else {
                    if isObject { try startMember(of: &containers[top]) }
                    continue readingValues
                }
                value = containers.removeLast().finish()
            }
            skipWhitespace()
            guard index == bytes.count else { throw error(.trailingData(bytes[index]), at: index) }
            return value
        }
    }

    /// Checks one value that is not kept, starting at the cursor, with exactly the checks, limits and
    /// errors of `readDocument` (`depth` containers are open around it), but without building anything:
    /// a skipped member is often most of a review, so it gets a loop of its own with no values to hand on.
    private mutating func skipValue(depth: Int) throws(JSONParseError) {
        var open = SkippedContainers()
        readingValues: while true {
            guard index < bytes.count else { throw error(.unexpectedEndOfInput(expected: .value), at: index) }
            try countValue()
            let byte = bytes[index]
            if byte == .openBracket || byte == .openBrace {
                let isObject = byte == .openBrace
                if try !openContainer(isObject: isObject, depth: depth + open.count) {
                    if isObject { try skipKey() }
                    open.push(isObject: isObject)
                    continue readingValues
                }
            } else if byte == .quote {
                try skipString()
            } else {
                _ = try readScalar(keeping: false)
            }
            while let isObject = open.isInnermostObject {
                guard try readCommaOrEnd(isObject: isObject) else {
                    if isObject { try skipKey() }
                    continue readingValues
                }
                open.pop()
            }
            return
        }
    }

    /// Counts a value against `maxValues`; the cursor is on its first byte.
    private mutating func countValue() throws(JSONParseError) {
        valueCount += 1
        guard valueCount <= limits.maxValues else {
            throw error(.tooManyValues(limit: limits.maxValues), at: index)
        }
    }

    /// Reads the `[` or `{` at the cursor inside `depth` open containers; true when the container is
    /// empty and already closed, false when its first element follows.
    @inline(__always)
    private mutating func openContainer(isObject: Bool, depth: Int) throws(JSONParseError) -> Bool {
        guard depth < limits.maxDepth else {
            throw error(.nestingTooDeep(limit: limits.maxDepth), at: index)
        }
        index += 1
        skipWhitespace()
        guard index < bytes.count && bytes[index] == (isObject ? .closeBrace : .closeBracket) else { return false }
        index += 1
        return true
    }

    /// After an element of an open container: true for its closing bracket, false for a `,` (and the
    /// whitespace after it) announcing the next element.
    @inline(__always)
    private mutating func readCommaOrEnd(isObject: Bool) throws(JSONParseError) -> Bool {
        skipWhitespace()
        // The expectation is made only on the way to an error: it is an enum with a `String` case, so
        // making it for every element would copy and destroy it every time.
        guard index < bytes.count else {
            throw error(.unexpectedEndOfInput(expected: isObject ? .commaOrObjectEnd : .commaOrArrayEnd), at: index)
        }
        let next = bytes[index]
        index += 1
        if next == .comma {
            skipWhitespace()
            return false
        }
        guard next == (isObject ? .closeBrace : .closeBracket) else {
            throw error(.unexpectedCharacter(next, expected: isObject ? .commaOrObjectEnd : .commaOrArrayEnd), at: index - 1)
        }
        return true
    }

    // MARK: Skipped members

    /// The skip-trie node for an object about to open inside `containers`: the top level gets the root,
    /// a member's value the node its key reached; objects inside arrays, and wherever no skipped path
    /// leads, get `nil`.
    private func childSkipNode(in containers: [OpenContainer]) -> Int? {
        guard let top = containers.indices.last else { return skippedMembers.isEmpty ? nil : SkippedMemberTrie.root }
        return containers[top].memberNode
    }

    /// Reads the key of `object`'s next member and decides whether its value is kept.
    private mutating func startMember(of object: inout OpenContainer) throws(JSONParseError) {
        let (key, id) = try readKey()
        let node = object.skipNode.flatMap { skippedMembers.child(of: $0, key: key, id: id) }
        if let node, skippedMembers.endsPath(node) {
            object.skipMember()
        } else {
            object.startMember(key: key, node: node)
        }
    }

    /// A key inside a skipped value and the `:` after it: checked, never decoded.
    @inline(__always)
    private mutating func skipKey() throws(JSONParseError) {
        try readKeyStart()
        try skipString()
        try readColon()
    }

    // MARK: Tokens

    /// Inlined for its common answer: the JSON the API server sends has no whitespace between tokens.
    @inline(__always)
    private mutating func skipWhitespace() {
        guard index < bytes.count && bytes[index] <= .space else { return }
        skipWhitespaceRun()
    }

    private mutating func skipWhitespaceRun() {
        var position = index
        while position < bytes.count {
            switch bytes[position] {
            case .space, .lineFeed, .carriageReturn, .tab: position += 1
            default:
                index = position
                return
            }
        }
        index = position
    }

    /// A string, number, `true`, `false` or `null` starting at the cursor. Unless `keeping`, strings and
    /// numbers are checked without building their values, and the result is only a placeholder.
    private mutating func readScalar(keeping: Bool) throws(JSONParseError) -> JSONValue {
        switch bytes[index] {
        case .quote:
            guard keeping else {
                try skipString()
                return .null
            }
            let text = try scanString()
            return .string(decodedString(text))
        case .minus, .zero ... .nine:
            let text = try scanNumber()
            return keeping ? .number(JSONNumber(text: String(decoding: bytes[text], as: UTF8.self))) : .null
        case .lowercaseT:
            try readLiteral("true")
            return .bool(true)
        case .lowercaseF:
            try readLiteral("false")
            return .bool(false)
        case .lowercaseN:
            try readLiteral("null")
            return .null
        default:
            throw error(.unexpectedCharacter(bytes[index], expected: .value), at: index)
        }
    }

    /// A member's key and the `:` after it, leaving the cursor on the member's value; with the key, its
    /// number in `commonKeys` when the table holds it.
    private mutating func readKey() throws(JSONParseError) -> (key: String, id: Int?) {
        try readKeyStart()
        // Two statements: `decodedString` must see `scratch` after the scan, not a copy of `self` from before it.
        let text = try scanString()
        let key: (key: String, id: Int?)
        if let text, let common = commonKeys.match(in: bytes.span, range: text) {
            key = (common.key, common.id)
        } else {
            key = (decodedString(text), nil)
        }
        try readColon()
        return key
    }

    /// Checks that a key's opening quote is at the cursor.
    @inline(__always)
    private mutating func readKeyStart() throws(JSONParseError) {
        guard index < bytes.count else { throw error(.unexpectedEndOfInput(expected: .objectKey), at: index) }
        guard bytes[index] == .quote else {
            throw error(.unexpectedCharacter(bytes[index], expected: .objectKey), at: index)
        }
    }

    /// The `:` after a key and the whitespace around it; inlined, as it runs for every member.
    @inline(__always)
    private mutating func readColon() throws(JSONParseError) {
        skipWhitespace()
        guard index < bytes.count else { throw error(.unexpectedEndOfInput(expected: .colon), at: index) }
        guard bytes[index] == .colon else {
            throw error(.unexpectedCharacter(bytes[index], expected: .colon), at: index)
        }
        index += 1
        skipWhitespace()
    }

    private mutating func readLiteral(_ literal: String) throws(JSONParseError) {
        for expected in literal.utf8 {
            guard index < bytes.count else {
                throw error(.unexpectedEndOfInput(expected: .literal(literal)), at: index)
            }
            guard bytes[index] == expected else {
                throw error(.unexpectedCharacter(bytes[index], expected: .literal(literal)), at: index)
            }
            index += 1
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; returns where its text is.
    private mutating func scanNumber() throws(JSONParseError) -> Range<Int> {
        let start = index
        if bytes[index] == .minus { index += 1 }
        guard index < bytes.count else { throw error(.unexpectedEndOfInput(expected: .digit), at: index) }
        switch bytes[index] {
        case .zero:
            index += 1
            if index < bytes.count && bytes[index].isDigit {
                throw error(.numberWithLeadingZero, at: index - 1)
            }
        case .one ... .nine:
            skipDigits()
        default:
            throw error(.unexpectedCharacter(bytes[index], expected: .digit), at: index)
        }
        if index < bytes.count && bytes[index] == .period {
            index += 1
            try readDigits()
        }
        if index < bytes.count && (bytes[index] == .lowercaseE || bytes[index] == .uppercaseE) {
            index += 1
            if index < bytes.count && (bytes[index] == .plus || bytes[index] == .minus) { index += 1 }
            try readDigits()
        }
        guard index - start <= limits.maxNumberBytes else {
            throw error(.numberTooLong(limit: limits.maxNumberBytes), at: start)
        }
        return start..<index
    }

    /// At least one digit.
    private mutating func readDigits() throws(JSONParseError) {
        guard index < bytes.count else { throw error(.unexpectedEndOfInput(expected: .digit), at: index) }
        guard bytes[index].isDigit else {
            throw error(.unexpectedCharacter(bytes[index], expected: .digit), at: index)
        }
        skipDigits()
    }

    private mutating func skipDigits() {
        var position = index
        while position < bytes.count && bytes[position].isDigit { position += 1 }
        index = position
    }

    // MARK: Strings

    /// A string starting at its opening quote, checked whole. Without escapes (nearly always) its text is
    /// the returned range of the input; otherwise (`nil`) runs and decoded escapes are collected in `scratch`.
    @inline(__always)
    private mutating func scanString() throws(JSONParseError) -> Range<Int>? {
        if let end = plainStringEnd() {
            let start = index + 1
            index = end + 1
            return start..<end
        }
        return try scanStringWithEscapes()
    }

    /// Where the string at the cursor closes when it is plain ASCII up to its quote and within the length
    /// limit, as nearly every string of a review is: then one inlined scan reads it, and `nil` sends the
    /// rest (escapes, multi-byte characters, errors) to the full loops.
    @inline(__always)
    private func plainStringEnd() -> Int? {
        let end = bytes.span.endOfPlainASCII(from: index + 1)
        guard end < bytes.count && bytes[end] == .quote && end - index - 1 <= limits.maxStringBytes else { return nil }
        return end
    }

    /// `scanString` for a string with an escape, a multi-byte character or an error, from its opening quote.
    private mutating func scanStringWithEscapes() throws(JSONParseError) -> Range<Int>? {
        let quote = index
        index += 1
        var runStart = index
        try skipPlainRun()
        guard index < bytes.count else { throw error(.unexpectedEndOfInput(expected: .closingQuote), at: index) }
        if bytes[index] == .quote {
            index += 1
            guard index - 1 - runStart <= limits.maxStringBytes else {
                throw error(.stringTooLong(limit: limits.maxStringBytes), at: quote)
            }
            return runStart..<(index - 1)
        }

        scratch.removeAll(keepingCapacity: true)
        while true {
            scratch.append(contentsOf: bytes[runStart..<index])
            guard index < bytes.count else {
                throw error(.unexpectedEndOfInput(expected: .closingQuote), at: index)
            }
            if bytes[index] == .quote {
                index += 1
                guard scratch.count <= limits.maxStringBytes else {
                    throw error(.stringTooLong(limit: limits.maxStringBytes), at: quote)
                }
                return nil
            }
            appendUTF8(try readEscape())
            runStart = index
            try skipPlainRun()
        }
    }

    /// A string in a skipped value, starting at its opening quote: checked exactly as `scanString` checks
    /// it (the same errors at the same offsets, the length limit on its decoded length), but never decoded.
    @inline(__always)
    private mutating func skipString() throws(JSONParseError) {
        if let end = plainStringEnd() {
            index = end + 1
            return
        }
        try skipStringWithEscapes()
    }

    /// `skipString` for a string with an escape, a multi-byte character or an error, from its opening
    /// quote: one loop in which the common escapes cost a comparison instead of two calls.
    private mutating func skipStringWithEscapes() throws(JSONParseError) {
        let quote = index
        var position = index + 1
        var runStart = position
        var decodedLength = 0
        while true {
            position = bytes.span.endOfPlainASCII(from: position)
            guard position < bytes.count else {
                throw error(.unexpectedEndOfInput(expected: .closingQuote), at: position)
            }
            let byte = bytes[position]
            if byte == .quote {
                decodedLength += position - runStart
                index = position + 1
                guard decodedLength <= limits.maxStringBytes else {
                    throw error(.stringTooLong(limit: limits.maxStringBytes), at: quote)
                }
                return
            }
            if byte == .backslash {
                decodedLength += position - runStart
                if position + 1 < bytes.count, Self.isSingleByteEscape(bytes[position + 1]) {
                    position += 2
                    decodedLength += 1
                } else {
                    index = position
                    decodedLength += Self.utf8Length(of: try readEscape())
                    position = index
                }
                runStart = position
                continue
            }
            guard byte >= 0x80 else { throw error(.unescapedControlCharacter(byte), at: position) }
            index = position
            try skipUTF8Sequence()
            position = index
        }
    }

    /// `"`, `\`, `/`, `b`, `f`, `n`, `r` or `t` after a backslash: an escape for one byte.
    private static func isSingleByteEscape(_ code: UInt8) -> Bool {
        switch code {
        case .quote, .backslash, .slash, .lowercaseB, .lowercaseF, .lowercaseN, .lowercaseR, .lowercaseT: true
        default: false
        }
    }

    /// The string `scanString` just read.
    private func decodedString(_ text: Range<Int>?) -> String {
        guard let text else { return String(decoding: scratch, as: UTF8.self) }
        return String(decoding: bytes[text], as: UTF8.self)
    }

    /// Advances over bytes that stand for themselves, validating UTF-8 on the way, up to a quote,
    /// a backslash or the end of the input.
    private mutating func skipPlainRun() throws(JSONParseError) {
        var position = index
        defer { index = position }
        while true {
            position = bytes.span.endOfPlainASCII(from: position)
            guard position < bytes.count else { return }
            let byte = bytes[position]
            if byte == .quote || byte == .backslash { return }
            guard byte >= 0x80 else { throw error(.unescapedControlCharacter(byte), at: position) }
            index = position
            try skipUTF8Sequence()
            position = index
        }
    }

    /// One multi-byte UTF-8 sequence, exactly as RFC 3629 allows it: no overlong forms, no encoded
    /// surrogates, nothing above U+10FFFF, no sequence cut short.
    private mutating func skipUTF8Sequence() throws(JSONParseError) {
        let lead = bytes[index]
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2 ... 0xDF: length = 2
        case 0xE0: length = 3; lowest = 0xA0
        case 0xE1 ... 0xEC, 0xEE ... 0xEF: length = 3
        case 0xED: length = 3; highest = 0x9F
        case 0xF0: length = 4; lowest = 0x90
        case 0xF1 ... 0xF3: length = 4
        case 0xF4: length = 4; highest = 0x8F
        default: throw error(.invalidUTF8, at: index)
        }
        guard bytes.count - index >= length, (lowest ... highest).contains(bytes[index + 1]) else {
            throw error(.invalidUTF8, at: index)
        }
        var continuation = index + 2
        while continuation < index + length {
            guard bytes[continuation] & 0xC0 == 0x80 else { throw error(.invalidUTF8, at: index) }
            continuation += 1
        }
        index += length
    }

    /// A backslash escape: the Unicode scalar it stands for.
    private mutating func readEscape() throws(JSONParseError) -> UInt32 {
        let backslash = index
        guard bytes.count - index >= 2 else {
            throw error(.unexpectedEndOfInput(expected: .closingQuote), at: bytes.count)
        }
        let code = bytes[index + 1]
        index += 2
        switch code {
        case .quote, .backslash, .slash: return UInt32(code)
        case .lowercaseB: return 0x08
        case .lowercaseF: return 0x0C
        case .lowercaseN: return UInt32(UInt8.lineFeed)
        case .lowercaseR: return UInt32(UInt8.carriageReturn)
        case .lowercaseT: return UInt32(UInt8.tab)
        case .lowercaseU:
            let unit = try readHexQuad()
            switch unit {
            case 0xD800 ... 0xDBFF:
                guard bytes.count - index >= 2, bytes[index] == .backslash, bytes[index + 1] == .lowercaseU else {
                    throw error(.loneSurrogate(unit), at: backslash)
                }
                index += 2
                let low = try readHexQuad()
                guard (0xDC00 ... 0xDFFF).contains(low) else { throw error(.loneSurrogate(unit), at: backslash) }
                return 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
            case 0xDC00 ... 0xDFFF:
                throw error(.loneSurrogate(unit), at: backslash)
            default:
                return UInt32(unit)
            }
        default:
            throw error(.invalidEscape(code), at: backslash)
        }
    }

    private mutating func readHexQuad() throws(JSONParseError) -> UInt16 {
        var unit: UInt16 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw error(.unexpectedEndOfInput(expected: .hexDigit), at: index) }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case .zero ... .nine: digit = byte - .zero
            case 0x61 ... 0x66: digit = byte - 0x61 + 10  // a-f
            case 0x41 ... 0x46: digit = byte - 0x41 + 10  // A-F
            default: throw error(.unexpectedCharacter(byte, expected: .hexDigit), at: index)
            }
            unit = unit << 4 | UInt16(digit)
            index += 1
        }
        return unit
    }

    /// How many UTF-8 bytes `scalar` takes.
    private static func utf8Length(of scalar: UInt32) -> Int {
        switch scalar {
        case 0 ..< 0x80: 1
        case 0x80 ..< 0x800: 2
        case 0x800 ..< 0x10000: 3
        default: 4
        }
    }

    /// `scalar` is a Unicode scalar value: surrogates were paired or refused before this.
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0 ..< 0x80:
            scratch.append(UInt8(scalar))
        case 0x80 ..< 0x800:
            scratch.append(0xC0 | UInt8(scalar >> 6))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800 ..< 0x10000:
            scratch.append(0xE0 | UInt8(scalar >> 12))
            scratch.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        default:
            scratch.append(0xF0 | UInt8(scalar >> 18))
            scratch.append(0x80 | UInt8(scalar >> 12 & 0x3F))
            scratch.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    private func error(_ kind: JSONParseError.Kind, at offset: Int) -> JSONParseError {
        JSONParseError(kind: kind, offset: offset, in: bytes)
    }
}

extension UInt8 {
    fileprivate static let tab: UInt8 = 0x09
    fileprivate static let lineFeed: UInt8 = 0x0A
    fileprivate static let carriageReturn: UInt8 = 0x0D
    fileprivate static let space: UInt8 = 0x20
    fileprivate static let quote: UInt8 = 0x22
    fileprivate static let plus: UInt8 = 0x2B
    fileprivate static let comma: UInt8 = 0x2C
    fileprivate static let minus: UInt8 = 0x2D
    fileprivate static let period: UInt8 = 0x2E
    fileprivate static let slash: UInt8 = 0x2F
    fileprivate static let zero: UInt8 = 0x30
    fileprivate static let one: UInt8 = 0x31
    fileprivate static let nine: UInt8 = 0x39
    fileprivate static let colon: UInt8 = 0x3A
    fileprivate static let uppercaseE: UInt8 = 0x45
    fileprivate static let openBracket: UInt8 = 0x5B
    fileprivate static let backslash: UInt8 = 0x5C
    fileprivate static let closeBracket: UInt8 = 0x5D
    fileprivate static let lowercaseB: UInt8 = 0x62
    fileprivate static let lowercaseE: UInt8 = 0x65
    fileprivate static let lowercaseF: UInt8 = 0x66
    fileprivate static let lowercaseN: UInt8 = 0x6E
    fileprivate static let lowercaseR: UInt8 = 0x72
    fileprivate static let lowercaseT: UInt8 = 0x74
    fileprivate static let lowercaseU: UInt8 = 0x75
    fileprivate static let openBrace: UInt8 = 0x7B
    fileprivate static let closeBrace: UInt8 = 0x7D

    fileprivate var isDigit: Bool { self >= .zero && self <= .nine }
}
