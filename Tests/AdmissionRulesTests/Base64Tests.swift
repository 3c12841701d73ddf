@testable import AdmissionRules
import FoundationEssentials
import Testing
import WebhookTestSupport

/// Our base64 encoder, which writes the patch of a mutating answer, must match Foundation's byte for byte.
@Suite struct Base64Tests {
    static func encoded(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        Base64.encode(bytes, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648VectorsAreEncoded(input: String, expected: String) {
        #expect(Self.encoded(Array(input.utf8)) == expected)
    }

    @Test(arguments: 0...70)
    func everyLengthIsEncodedAsFoundationEncodesIt(length: Int) {
        var generator = SplitMix64(seed: UInt64(length))
        let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let text = Self.encoded(bytes)
        #expect(text == Data(bytes).base64EncodedString())
        #expect(text.utf8.count == Base64.encodedCount(of: length))
    }

    @Test func everyByteValueIsEncodedAsFoundationEncodesIt() {
        let bytes = (0...255).map(UInt8.init) + (0...255).reversed().map(UInt8.init)
        #expect(Self.encoded(bytes) == Data(bytes).base64EncodedString())
    }

    @Test func randomInputsAreEncodedAsFoundationEncodesThem() {
        var generator = SplitMix64(seed: 0xBA5E_64)
        for _ in 0..<500 {
            let bytes = (0..<generator.next(below: 2_000)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            #expect(Self.encoded(bytes) == Data(bytes).base64EncodedString())
        }
    }

    @Test func encodingIsAppendedAfterWhatIsThere() {
        var output = Array(#""patch":""#.utf8)
        Base64.encode(Array("a".utf8), into: &output)
        #expect(String(decoding: output, as: UTF8.self) == #""patch":"YQ=="#)
    }
}
