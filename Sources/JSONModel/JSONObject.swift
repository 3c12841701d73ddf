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

    /// Adopts the parser's members as they are unless a key repeats, the rare case that then takes
    /// the replacing path of the subscript.
    init(parsedMembers: consuming [Member]) {
        self.init()
        if parsedMembers.count <= Self.indexThreshold {
            if !Self.hasRepeatedKey(parsedMembers) {
                members = parsedMembers
                return
            }
        } else {
            var index = [String: Int](minimumCapacity: parsedMembers.count)
            var isUnique = true
            for (offset, member) in parsedMembers.enumerated() where index.updateValue(offset, forKey: member.key) != nil {
                isUnique = false
                break
            }
            if isUnique {
                members = parsedMembers
                self.index = index
                return
            }
        }
        for member in parsedMembers { self[member.key] = member.value }
    }

    private static func hasRepeatedKey(_ members: [Member]) -> Bool {
        for later in members.indices.dropFirst() {
            // Lengths first: for two different short keys, `==` alone takes the slow comparison path.
            let length = members[later].key.utf8.count
            for earlier in 0..<later where members[earlier].key.utf8.count == length && members[earlier].key == members[later].key {
                return true
            }
        }
        return false
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
        // Lengths first: for two different short keys, `==` alone takes the slow comparison path.
        let length = key.utf8.count
        return members.firstIndex { $0.key.utf8.count == length && $0.key == key }
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
