/// One AntflyCluster, by namespace and name: all the cache needs to answer "does it exist?".
struct ClusterReference: Hashable, Sendable, CustomStringConvertible {
    let namespace: String
    let name: String

    var description: String { "\(namespace)/\(name)" }
}
