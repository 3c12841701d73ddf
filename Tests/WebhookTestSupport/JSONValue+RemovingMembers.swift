public import JSONModel

extension JSONValue {
    /// The value with each member at one of `paths` removed, where the path reaches it through object
    /// keys from the top: the reference `JSONParser(skipping:)` is checked against, in the tests and the
    /// fuzz target. Built the slow, obvious way on purpose.
    public func removingMembers(at paths: [JSONPath]) -> JSONValue {
        let keyPaths = paths.compactMap { path -> [String]? in
            let keys = path.components.compactMap { component -> String? in
                guard case .key(let key) = component else { return nil }
                return key
            }
            return keys.count == path.components.count && !keys.isEmpty ? keys : nil
        }
        return removingMembers(atKeyPaths: keyPaths)
    }

    private func removingMembers(atKeyPaths paths: [[String]]) -> JSONValue {
        guard case .object(let object) = self, !paths.isEmpty else { return self }
        var kept = JSONObject()
        for member in object.members where !paths.contains([member.key]) {
            let below = paths.filter { $0.count > 1 && $0[0] == member.key }.map { Array($0.dropFirst()) }
            kept[member.key] = member.value.removingMembers(atKeyPaths: below)
        }
        return .object(kept)
    }
}
