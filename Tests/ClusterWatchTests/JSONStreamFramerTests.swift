import Testing

@testable import ClusterWatch

/// Watch events are cut out of the stream whole, wherever the chunks split them.
@Suite struct JSONStreamFramerTests {
    private let stream = """
        {"type":"ADDED","object":{"metadata":{"name":"a}{\\"b"},"list":[1,{"x":"]"}]}}
        {"type":"DELETED","object":{"metadata":{"name":"\\\\"}}}\r
          {"type":"BOOKMARK","object":{}}
        """

    private var expected: [String] {
        [
            #"{"type":"ADDED","object":{"metadata":{"name":"a}{\"b"},"list":[1,{"x":"]"}]}}"#,
            #"{"type":"DELETED","object":{"metadata":{"name":"\\"}}}"#,
            #"{"type":"BOOKMARK","object":{}}"#,
        ]
    }

    @Test func objectsAreCutAtEverySplit() throws {
        let bytes = Array(stream.utf8)
        for split in 0...bytes.count {
            var framer = JSONStreamFramer(maxObjectBytes: 1024)
            let objects = try framer.append(bytes[..<split]) + framer.append(bytes[split...])
            #expect(objects.map { String(decoding: $0, as: UTF8.self) } == expected)
            #expect(framer.isBetweenObjects)
        }
    }

    @Test func byteByByteGivesTheSameObjects() throws {
        var framer = JSONStreamFramer(maxObjectBytes: 1024)
        var objects: [[UInt8]] = []
        for byte in stream.utf8 {
            objects += try framer.append([byte])
        }
        #expect(objects.map { String(decoding: $0, as: UTF8.self) } == expected)
    }

    @Test func anUnfinishedObjectIsNotBetweenObjects() throws {
        var framer = JSONStreamFramer(maxObjectBytes: 1024)
        #expect(try framer.append(Array(#"{"type":"ADD"#.utf8)).isEmpty)
        #expect(!framer.isBetweenObjects)
    }

    @Test(arguments: ["[1]", "\"text\"", "x"])
    func anythingButAnObjectIsMalformed(_ text: String) {
        var framer = JSONStreamFramer(maxObjectBytes: 1024)
        #expect(throws: APIServerError.self) { try framer.append(Array(text.utf8)) }
    }

    @Test func anOversizedEventIsRefused() {
        var framer = JSONStreamFramer(maxObjectBytes: 16)
        #expect(throws: APIServerError.malformed("watch event larger than 16 bytes")) {
            try framer.append(Array(#"{"type":"ADDED","object":{}}"#.utf8))
        }
    }
}
