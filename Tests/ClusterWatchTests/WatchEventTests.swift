import JSONModel
import Testing

@testable import ClusterWatch

@Suite struct WatchEventTests {
    private func event(_ json: String) throws -> WatchEvent {
        try WatchEvent(parsing: JSONParser().parse(json))
    }

    @Test func addedModifiedAndDeletedCarryTheClusterAndVersion() throws {
        let object = #"{"metadata":{"namespace":"prod","name":"main","resourceVersion":"42"}}"#
        let cluster = ClusterReference(namespace: "prod", name: "main")
        #expect(try event(#"{"type":"ADDED","object":\#(object)}"#) == .added(cluster, resourceVersion: "42"))
        #expect(try event(#"{"type":"MODIFIED","object":\#(object)}"#) == .modified(cluster, resourceVersion: "42"))
        #expect(try event(#"{"type":"DELETED","object":\#(object)}"#) == .deleted(cluster, resourceVersion: "42"))
    }

    @Test func bookmarkCarriesOnlyAVersion() throws {
        let bookmark = #"{"type":"BOOKMARK","object":{"kind":"AntflyCluster","metadata":{"resourceVersion":"77"}}}"#
        #expect(try event(bookmark) == .bookmark(resourceVersion: "77"))
    }

    @Test func errorWithCode410IsGone() throws {
        let error = #"{"type":"ERROR","object":{"kind":"Status","status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410}}"#
        #expect(try event(error) == .error(.gone(message: "too old resource version: 1 (5)")))
    }

    @Test func otherErrorsKeepTheirCodeAndMessage() throws {
        let error = #"{"type":"ERROR","object":{"kind":"Status","message":"etcdserver: request timed out","code":500}}"#
        #expect(try event(error) == .error(.status(code: 500, message: "etcdserver: request timed out")))
    }

    @Test(arguments: [
        #"{"object":{}}"#,
        #"{"type":"ADDED"}"#,
        #"{"type":"ADDED","object":{"metadata":{}}}"#,
        #"{"type":"BOOKMARK","object":{"metadata":{}}}"#,
        #"{"type":"SYNC","object":{"metadata":{"name":"a"}}}"#,
    ])
    func incompleteEventsAreMalformed(_ json: String) {
        #expect(throws: APIServerError.self) { try event(json) }
    }

    @Test func listPageGivesClustersVersionAndContinueToken() throws {
        let list = try JSONParser().parse(
            #"{"kind":"AntflyClusterList","metadata":{"resourceVersion":"9","continue":"abc="},"items":[{"metadata":{"namespace":"a","name":"x"}},{"metadata":{"namespace":"b","name":"y"}}]}"#
        )
        let page = try ClusterListPage(parsing: list)
        #expect(page.clusters == [ClusterReference(namespace: "a", name: "x"), ClusterReference(namespace: "b", name: "y")])
        #expect(page.resourceVersion == "9")
        #expect(page.continueToken == "abc=")
    }

    @Test func lastPageHasNoContinueToken() throws {
        let page = try ClusterListPage(parsing: JSONParser().parse(#"{"metadata":{"resourceVersion":"9","continue":""},"items":null}"#))
        #expect(page.clusters.isEmpty)
        #expect(page.continueToken == nil)
    }

    @Test func continueTokensAreQueryEncoded() {
        #expect(WatchLoop.queryEncoded("eyJ2Ijoib+/=") == "eyJ2Ijoib%2B%2F%3D")
        #expect(WatchLoop.queryEncoded("12345") == "12345")
    }
}
