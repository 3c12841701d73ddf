internal import CYAML

/// The one owner of a libyaml parser. libyaml reads its input in place, so this class keeps the
/// parser *and* the bytes it points into, and frees both in `deinit` (the Yams habit, STYLE §1 and §5);
/// each event is copied into a `YAMLEvent` and deleted before `nextEvent()` returns.
final class LibYAMLParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    /// A private copy of the input: libyaml keeps pointers into it until the parser is deleted.
    private let input: UnsafeMutableBufferPointer<UInt8>
    /// The bytes of `input` that hold the text (the allocation has at least one byte, even for empty text).
    private let inputCount: Int

    init(bytes: [UInt8]) throws(YAMLError) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            throw YAMLError(.syntax(problem: "out of memory", context: ""), line: 1, column: 1)
        }
        self.parser = parser
        self.event = .allocate(capacity: 1)
        self.input = .allocate(capacity: max(bytes.count, 1))
        self.inputCount = bytes.count
        _ = input.initialize(from: bytes)
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        event.deallocate()
        input.deallocate()
    }

    /// The next event of the stream; after `.streamEnd` libyaml keeps answering `.streamEnd`.
    func nextEvent() throws(YAMLError) -> YAMLEvent {
        guard yaml_parser_parse(parser, event) == 1 else {
            throw currentError()
        }
        defer { yaml_event_delete(event) }
        let mark = event.pointee.start_mark
        return YAMLEvent(kind: currentKind(), line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func currentKind() -> YAMLEvent.Kind {
        let data = event.pointee.data
        switch event.pointee.type {
        case YAML_STREAM_START_EVENT:
            return .streamStart
        case YAML_DOCUMENT_START_EVENT:
            return .documentStart
        case YAML_DOCUMENT_END_EVENT:
            return .documentEnd
        case YAML_ALIAS_EVENT:
            return .alias(anchor: Self.string(data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            let scalar = data.scalar
            let value =
                scalar.value.map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
                } ?? ""
            return .scalar(
                value: value, anchor: Self.string(scalar.anchor), tag: Self.string(scalar.tag),
                isPlainImplicit: scalar.plain_implicit != 0
            )
        case YAML_SEQUENCE_START_EVENT:
            return .sequenceStart(anchor: Self.string(data.sequence_start.anchor))
        case YAML_SEQUENCE_END_EVENT:
            return .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            return .mappingStart(anchor: Self.string(data.mapping_start.anchor))
        case YAML_MAPPING_END_EVENT:
            return .mappingEnd
        default:
            // YAML_STREAM_END_EVENT; YAML_NO_EVENT never follows a successful parse.
            return .streamEnd
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// libyaml's problem and context, at the problem's mark; a reader error (bad UTF-8) has only a
    /// byte offset, which is turned into a line and column here.
    private func currentError() -> YAMLError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem parsing YAML"
        if state.error == YAML_READER_ERROR {
            let (line, column) = position(ofByte: Int(state.problem_offset))
            return YAMLError(.syntax(problem: problem, context: ""), line: line, column: column)
        }
        if state.error == YAML_MEMORY_ERROR {
            return YAMLError(.syntax(problem: "out of memory", context: ""), line: 1, column: 1)
        }
        var context = ""
        if let text = state.context.map({ String(cString: $0) }) {
            let mark = state.context_mark
            context = "\(text) that started at line \(mark.line + 1), column \(mark.column + 1)"
            // libyaml's contexts read "while parsing a block mapping"; a mark on the problem's own
            // position adds nothing.
            if mark.line == state.problem_mark.line && mark.column == state.problem_mark.column {
                context = text
            }
        }
        return YAMLError(
            .syntax(problem: problem, context: context),
            line: Int(state.problem_mark.line) + 1, column: Int(state.problem_mark.column) + 1
        )
    }

    /// 1-based line and column (in characters) of a byte offset of the input.
    private func position(ofByte offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in input.prefix(min(offset, inputCount)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
