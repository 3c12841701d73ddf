import JSONModel
import Testing

@Suite struct JSONPathTests {
    @Test(arguments: [
        (JSONPath("spec", "restoreMode"), "spec.restoreMode", "/spec/restoreMode"),
        (JSONPath([.key("spec"), .key("tables"), .index(2)]), "spec.tables[2]", "/spec/tables/2"),
        (JSONPath("metadata", "annotations", "a/b~c"), "metadata.annotations.a/b~c", "/metadata/annotations/a~1b~0c"),
        (JSONPath("~~", "//"), "~~.//", "/~0~0/~1~1"),
        (JSONPath("é/ü"), "é/ü", "/é~1ü"),
        (JSONPath(), "", ""),
    ])
    func rendersAsKubernetesFieldPathAndJSONPointer(path: JSONPath, fieldPath: String, pointer: String) {
        #expect(path.description == fieldPath)
        #expect(path.jsonPointer == pointer)
    }

    @Test func appendingAndParentAreInverse() {
        let tables = JSONPath("spec", "tables")
        #expect(tables.appending(index: 3).parent == tables)
        #expect(tables.appending("x").description == "spec.tables.x")
        #expect(JSONPath().parent == nil)
    }
}
