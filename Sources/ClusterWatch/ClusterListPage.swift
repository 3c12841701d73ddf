import JSONModel

/// One page of `GET /apis/antfly.io/v1/antflyclusters?limit=N`: the clusters, the snapshot's
/// resourceVersion to watch from, and the token for the next page.
struct ClusterListPage: Equatable {
    let clusters: [ClusterReference]
    let resourceVersion: String
    let continueToken: String?

    init(parsing list: JSONValue) throws(APIServerError) {
        guard let items = list["items"]?.arrayValue ?? (list["items"]?.isNull == true ? [] : nil) else {
            throw APIServerError.malformed("list without items")
        }
        guard let version = list["metadata"]?["resourceVersion"]?.stringValue, !version.isEmpty else {
            throw APIServerError.malformed("list without metadata.resourceVersion")
        }
        var clusters: [ClusterReference] = []
        clusters.reserveCapacity(items.count)
        for item in items {
            clusters.append(try WatchEvent.reference(in: item))
        }
        self.clusters = clusters
        resourceVersion = version
        let token = list["metadata"]?["continue"]?.stringValue ?? ""
        continueToken = token.isEmpty ? nil : token
    }
}
