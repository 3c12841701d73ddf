/// A JSON object that keeps its members in document order. A repeated key replaces the
/// earlier value in place, as the API server's decoder does (last one wins). Equality ignores
/// order, because two objects with the same members mean the same thing to Kubernetes.
public struct JSONObject: Sendable, Equatable {
    /// One member of the object.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// Objects up to this size are searched linearly; beyond it an index keeps lookups O(1),
    /// so an object with 20,000 members is built and read in linear time.
    private static let indexThreshold = 16

    public private(set) var members: [Member] = []
    private var index: [String: Int]? = nil

    public init() {}

    public init(_ members: [Member]) {
        self.members.reserveCapacity(members.count)
        for member in members { self[member.key] = member.value }
    }

    /// The parser's members as two parallel runs, so it builds no `Member` array of its own.
    init(keys: ArraySlice<String>, values: ArraySlice<JSONValue>) {
        members.reserveCapacity(keys.count)
        for (key, value) in zip(keys, values) { self[key] = value }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    /// The value for `key`; assigning replaces an existing member in place or appends a new one,
    /// and assigning `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            position(of: key).map { members[$0].value }
        }
        set {
            if let position = position(of: key) {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                    rebuildIndex()
                }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
                if index != nil {
                    index?[key] = members.count - 1
                } else if members.count > Self.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    public func contains(key: String) -> Bool {
        position(of: key) != nil
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return members.firstIndex { $0.key == key }
    }

    private mutating func rebuildIndex() {
        guard members.count > Self.indexThreshold else {
            index = nil
            return
        }
        var rebuilt = [String: Int](minimumCapacity: members.count)
        for (offset, member) in members.enumerated() { rebuilt[member.key] = offset }
        index = rebuilt
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.members.allSatisfy { rhs[$0.key] == $0.value }
    }
}
