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

    public func log(event: LogEvent) {
        var object = JSONObject()
        object["time"] = .string(LogTimestamp.rfc3339(Date()))
        object["level"] = .string(event.level.rawValue)
        object["logger"] = .string(label)
        object["msg"] = .string(event.message.description)
        let merged = metadata.merging(event.metadata ?? [:]) { _, explicit in explicit }
        for key in merged.keys.sorted() {
            if let value = merged[key] { object[key] = Self.json(value) }
        }
        if let error = event.error {
            object["error"] = .string(String(describing: error))
        }
        var line = JSONWriter.bytes(.object(object))
        line.append(UInt8(ascii: "\n"))
        sink(line)
    }

    /// Metadata values keep their structure: dictionaries become objects, arrays arrays.
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
