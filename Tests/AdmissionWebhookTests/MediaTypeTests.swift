@testable import AdmissionWebhook
import Testing

@Suite struct MediaTypeTests {
    @Test(arguments: ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", " application/json ;x=y",
        "\tApplication/Json\t", "application/json;"])
    func jsonMediaTypesAreAccepted(_ contentType: String) {
        #expect(MediaType.isJSON(contentType))
    }

    @Test(arguments: [nil, "", "text/plain", "application/json-patch+json", "application/jsonx", "application/yaml",
        "application/\u{17F}on", "application/j\u{17F}on", "applicat\u{130}on/json", "application/json x", ";application/json"] as [String?])
    func otherMediaTypesAreRefused(_ contentType: String?) {
        #expect(!MediaType.isJSON(contentType))
    }
}
