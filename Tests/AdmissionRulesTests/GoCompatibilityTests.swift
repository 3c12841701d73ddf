@testable import AdmissionRules
import Testing

/// Go's `strconv.Quote` and `time.ParseDuration`, which Kubernetes' messages and the operator's parsing
/// are built on; expected values are Go's own outputs.
@Suite struct GoCompatibilityTests {
    @Test(arguments: [
        ("abc", #""abc""#),
        ("", #""""#),
        ("\u{7}\u{8}\u{C}\n\r\t\u{B}", #""\a\b\f\n\r\t\v""#),
        ("\u{0}\u{1F}\u{7F}", #""\x00\x1f\x7f""#),
        ("\"\\", #""\"\\""#),
        ("it's /path?a=b#c", #""it's /path?a=b#c""#),
        ("é日本語😀\u{FFFD}", "\"é日本語😀\u{FFFD}\""),
        ("\u{80}\u{85}\u{9F}", #""\u0080\u0085\u009f""#),
        ("\u{A0}\u{AD}\u{3000}", #""\u00a0\u00ad\u3000""#),
        ("\u{200B}\u{2028}\u{2029}\u{FEFF}", #""\u200b\u2028\u2029\ufeff""#),
        ("\u{E000}", #""\ue000""#),
        ("\u{10FFFF}\u{E0001}", #""\U0010ffff\U000e0001""#),
        ("e\u{301}", "\"e\u{301}\""),
    ])
    func stringsAreQuotedAsGoDoes(input: String, quoted: String) {
        #expect(GoQuote.quote(input) == quoted)
    }

    @Test(arguments: [
        ([0xFF], #""\xff""#),
        ([0xC3], #""\xc3""#),
        ([0xC0, 0xAF], #""\xc0\xaf""#),
        ([0xED, 0xA0, 0x80], #""\xed\xa0\x80""#),
        ([0xE2, 0x82, 0x61], #""\xe2\x82a""#),
        ([0xF4, 0x90, 0x80, 0x80], #""\xf4\x90\x80\x80""#),
        ([0xF0, 0x9F, 0x98, 0x80], "\"😀\""),
        ([0x61, 0x80, 0x62], #""a\x80b""#),
    ] as [([UInt8], String)])
    func invalidUTF8IsQuotedByteByByte(bytes: [UInt8], quoted: String) {
        var output: [UInt8] = []
        GoQuote.append(bytes, to: &output)
        #expect(String(decoding: output, as: UTF8.self) == quoted)
    }

    static let second: Int64 = 1_000_000_000
    static let minute = 60 * second
    static let hour = 60 * minute

    /// Go's own table (time_test.go `parseDurationTests`).
    @Test(arguments: [
        ("0", 0), ("5s", 5 * second), ("30s", 30 * second), ("1478s", 1478 * second), ("-5s", -5 * second), ("+5s", 5 * second),
        ("-0", 0), ("+0", 0), ("5.0s", 5 * second), ("5.6s", 5 * second + 600_000_000), ("5.s", 5 * second), (".5s", 500_000_000),
        ("1.0s", second), ("1.00s", second), ("1.004s", second + 4_000_000), ("1.0040s", second + 4_000_000),
        ("100.00100s", 100 * second + 1_000_000), ("10ns", 10), ("11us", 11_000), ("12µs", 12_000), ("12μs", 12_000),
        ("13ms", 13_000_000), ("14s", 14 * second), ("15m", 15 * minute), ("16h", 16 * hour), ("3h30m", 3 * hour + 30 * minute),
        ("10.5s4m", 4 * minute + 10 * second + 500_000_000), ("-2m3.4s", -(2 * minute + 3 * second + 400_000_000)),
        ("1h2m3s4ms5us6ns", hour + 2 * minute + 3 * second + 4_000_000 + 5_000 + 6), ("39h9m14.425s", 39 * hour + 9 * minute + 14 * second + 425_000_000),
        ("52763797000ns", 52_763_797_000), ("0.3333333333333333333h", 20 * minute), ("9007199254740993ns", 9_007_199_254_740_993),
        ("9223372036854775807ns", Int64.max), ("9223372036854775.807us", Int64.max), ("9223372036s854ms775us807ns", Int64.max),
        ("-9223372036854775808ns", Int64.min), ("-9223372036854775.808us", Int64.min), ("-9223372036s854ms775us808ns", Int64.min),
        ("-2562047h47m16.854775808s", Int64.min), ("0.100000000000000000000h", 6 * minute),
        ("0.830103483285477580700h", 49 * minute + 48 * second + 372_539_827),
    ] as [(String, Int64)])
    func durationsParseAsGoParsesThem(text: String, nanoseconds: Int64) {
        #expect(GoDuration.nanoseconds(parsing: text) == nanoseconds)
    }

    @Test(arguments: [
        "", "3", "-", "s", ".", "-.", ".s", "+.s", "1d", "\u{85}\u{85}", "\u{FF}ff", "hello \u{FF}ff world", "1h ", " 1h", "1H",
        "9223372036854775808ns", "9223372036854775.808us", "9223372036854ms775us808ns", "-9223372036854775809ns",
        "99999999999999999999h", "2562048h", "1e3s", "9223372036854s775ms807us",
    ])
    func malformedDurationsAreRejectedAsGoRejectsThem(text: String) {
        #expect(GoDuration.nanoseconds(parsing: text) == nil)
    }

    @Test func additionThatWrapsPastTwoToTheSixtyFourWrapsAsInGo() {
        // Go adds the two 2^63 ns terms in uint64, wraps to zero, and reports 0s without an error.
        #expect(GoDuration.nanoseconds(parsing: "9223372036854775808ns9223372036854775808ns") == 0)
    }
}
