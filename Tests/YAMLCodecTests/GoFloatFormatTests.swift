import JSONModel
import Testing
import YAMLCodec

/// Floats reach JSON the way encoding/json writes a Go float64, observed through the decoder.
@Suite struct GoFloatFormatTests {
    @Test(arguments: [
        ("1e20", "100000000000000000000"), ("1e21", "1e+21"), ("1.5e300", "1.5e+300"), ("1e-6", "0.000001"),
        ("9.99e-7", "9.99e-7"), ("1e-100", "1e-100"), ("0.1", "0.1"), ("100.0", "100"), ("4.9e-324", "5e-324"),
        ("1.7976931348623157e308", "1.7976931348623157e+308"), ("123.456e2", "12345.6"), ("-1e21", "-1e+21"),
    ])
    func floatsUseEncodingJSONLayout(_ scalar: String, _ json: String) throws {
        #expect(try YAMLDecoder.parse("v: \(scalar)").first?.value["v"] == .number(JSONNumber(text: json)))
    }
}
