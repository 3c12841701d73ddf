@testable import AdmissionWebhook
import Testing

@Suite struct MediaTypeTests {
    @Test(arguments: ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON", " application/json ;x=y"])
    func jsonMediaTypesAreAccepted(_ contentType: String) {
        #expect(MediaType.isJSON(contentType))
    }

    @Test(arguments: [nil, "", "text/plain", "application/json-patch+json", "application/jsonx", "application/yaml"] as [String?])
    func otherMediaTypesAreRefused(_ contentType: String?) {
        #expect(!MediaType.isJSON(contentType))
    }
}
