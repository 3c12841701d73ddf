import FoundationEssentials
import HTTPServer
import JSONModel
public import Logging

/// A swift-log handler that writes one JSON object per line, the format log pipelines
/// (Loki, Cloud Logging, Elasticsearch) index without parsing rules. Each line is written with a
/// single `write`, so lines from several event-loop threads never interleave.
public struct JSONLogHandler: LogHandler {
    /// Where finished lines go; standard output in production, a buffer in tests.
    public typealias Sink = @Sendable ([UInt8]) -> Void

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let sink: Sink

    public init(label: String, sink: @escaping Sink = JSONLogHandler.standardOutput) {
        self.label = label
        self.sink = sink
    }

    /// Writes the line to standard output in one call.
    public static let standardOutput: Sink = { line in
        StandardStream.output.write(line)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The line is written straight into bytes, without a `JSONObject` or merged dictionary on the way:
    /// at the default level every admission decision is logged, and building the line as a tree cost
    /// more than judging the request.
    public func log(event: LogEvent) {
        // A metadata key named like one of the line's own fields replaces that field's value in place.
        var fields = OwnFields(level: event.level.rawValue, label: label, message: event.message.description)
        let metadata = mergedMetadata(event.metadata)
        var keys: [String] = [], values: [Logger.MetadataValue] = []
        keys.reserveCapacity(metadata.count)
        values.reserveCapacity(metadata.count)
        for (key, value) in metadata where !fields.take(key, value) {
            keys.append(key)
            values.append(value)
        }
        // Sorted for a stable order (a dictionary's changes from run to run); indices, so the sort
        // moves integers instead of metadata values.
        let order = keys.indices.sorted { keys[$0] < keys[$1] }

        var line: [UInt8] = []
        line.reserveCapacity(512)
        line.append(contentsOf: #"{"time":"#.utf8)
        if let time = fields.time {
            Self.write(time, into: &line)
        } else {
            line.append(UInt8(ascii: "\""))
            LogTimestamp.append(Date(), to: &line)
            line.append(UInt8(ascii: "\""))
        }
        line.append(contentsOf: #","level":"#.utf8)
        Self.write(fields.level, into: &line)
        line.append(contentsOf: #","logger":"#.utf8)
        Self.write(fields.logger, into: &line)
        line.append(contentsOf: #","msg":"#.utf8)
        Self.write(fields.msg, into: &line)
        for index in order {
            line.append(UInt8(ascii: ","))
            JSONWriter.writeString(keys[index], into: &line)
            line.append(UInt8(ascii: ":"))
            Self.write(values[index], into: &line)
        }
        if let error = event.error.map({ .string(String(describing: $0)) }) ?? fields.error {
            line.append(contentsOf: #","error":"#.utf8)
            Self.write(error, into: &line)
        }
        line.append(contentsOf: "}\n".utf8)
        sink(line)
    }

    /// The handler's metadata with the event's on top; no copy when either is empty, the usual case.
    private func mergedMetadata(_ explicit: Logger.Metadata?) -> Logger.Metadata {
        guard let explicit, !explicit.isEmpty else { return metadata }
        return metadata.isEmpty ? explicit : metadata.merging(explicit) { _, explicit in explicit }
    }

    /// Strings, the values of every line we log, go straight in; the rare nested value keeps its structure
    /// (dictionaries become objects, keys sorted; arrays arrays) through `JSONWriter`. Metadata comes from
    /// our own code, never from a request, so its nesting is ours to bound.
    private static func write(_ value: Logger.MetadataValue, into line: inout [UInt8]) {
        switch value {
        case .string(let string):
            JSONWriter.writeString(string, into: &line)
        case .stringConvertible(let convertible):
            JSONWriter.writeString(convertible.description, into: &line)
        case .array, .dictionary:
            JSONWriter.write(json(value), into: &line)
        }
    }

    private static func json(_ value: Logger.MetadataValue) -> JSONValue {
        switch value {
        case .string(let string):
            return .string(string)
        case .stringConvertible(let convertible):
            return .string(convertible.description)
        case .array(let values):
            return .array(values.map(json))
        case .dictionary(let dictionary):
            var object = JSONObject()
            for key in dictionary.keys.sorted() {
                if let nested = dictionary[key] { object[key] = json(nested) }
            }
            return .object(object)
        }
    }
}

extension JSONLogHandler {
    /// The fields every line has, each replaced by a metadata value of the same name.
    struct OwnFields {
        var time: Logger.MetadataValue?
        var level: Logger.MetadataValue
        var logger: Logger.MetadataValue
        var msg: Logger.MetadataValue
        var error: Logger.MetadataValue?

        init(level: String, label: String, message: String) {
            self.level = .string(level)
            self.logger = .string(label)
            self.msg = .string(message)
        }

        /// True when `key` names one of these fields, which then takes `value`. Longer keys (every
        /// `admission.*` one) are turned away by their length: a switch compares the strings case by case.
        mutating func take(_ key: String, _ value: Logger.MetadataValue) -> Bool {
            guard key.utf8.count <= 6 else { return false }
            switch key {
            case "time": time = value
            case "level": level = value
            case "logger": logger = value
            case "msg": msg = value
            case "error": error = value
            default: return false
            }
            return true
        }
    }
}
