import JSONModel

/// Builds JSON documents from libyaml's events, as go-yaml v2 builds its nodes and sigs.k8s.io/yaml then
/// converts them: resolves scalars, expands aliases and merges, stringifies keys, and enforces the limits.
struct YAMLComposer {
    /// A finished node: its JSON, where it was written, and what it costs to walk.
    private struct Composed {
        var value: JSONValue
        var source: YAMLSourceNode
        /// Mapping and sequence levels inside it (0 for a scalar).
        var height: Int
        /// Nodes inside it, aliases expanded.
        var size: Int
    }

    private let parser: LibYAMLParser
    private let limits: YAMLDecoder.Limits
    /// The anchors of the current document (YAML scopes them to it).
    private var anchors: [String: Composed] = [:]
    /// Anchors whose node is still being built: an alias to one of them would contain itself.
    private var openAnchors: [String] = []
    private var aliasedNodes = 0

    init(parser: LibYAMLParser, limits: YAMLDecoder.Limits) {
        self.parser = parser
        self.limits = limits
    }

    mutating func documents() throws(YAMLError) -> [YAMLDocument] {
        var documents: [YAMLDocument] = []
        var index = 0
        while true {
            let event = try parser.nextEvent()
            switch event.kind {
            case .streamStart:
                continue
            case .streamEnd:
                return documents
            case .documentStart:
                anchors = [:]
                let root = try compose(parser.nextEvent(), depth: 0)
                try expectDocumentEnd()
                if !root.value.isNull {
                    documents.append(YAMLDocument(value: root.value, index: index, startLine: event.line, source: root.source))
                }
                index += 1
            default:
                throw unexpected(event)
            }
        }
    }

    private func expectDocumentEnd() throws(YAMLError) {
        let event = try parser.nextEvent()
        guard case .documentEnd = event.kind else { throw unexpected(event) }
    }

    /// libyaml only emits well-formed event sequences; this guards the composer against a broken one.
    private func unexpected(_ event: YAMLEvent) -> YAMLError {
        YAMLError(.syntax(problem: "unexpected event \(event.kind)", context: ""), line: event.line, column: event.column)
    }

    /// The node that starts with `event`, inside `depth` mappings and sequences.
    private mutating func compose(_ event: YAMLEvent, depth: Int) throws(YAMLError) -> Composed {
        switch event.kind {
        case .scalar(let text, let anchor, let tag, let isPlainImplicit):
            let composed = try scalar(text, tag: tag, isPlainImplicit: isPlainImplicit, at: event)
            if let anchor { anchors[anchor] = composed }
            return composed
        case .alias(let name):
            return try alias(name, depth: depth, at: event)
        case .sequenceStart(let anchor):
            return try sequence(anchor: anchor, depth: depth, at: event)
        case .mappingStart(let anchor):
            return try mapping(anchor: anchor, depth: depth, at: event)
        default:
            throw unexpected(event)
        }
    }

    private func scalar(_ text: String, tag: String?, isPlainImplicit: Bool, at event: YAMLEvent) throws(YAMLError) -> Composed {
        let value: JSONValue
        let resolved: YAMLScalar
        do {
            resolved = try YAMLScalar.resolve(text, tag: tag, isPlainImplicit: isPlainImplicit)
            value = try resolved.jsonValue(text: text)
        } catch {
            throw YAMLError(error.kind, line: event.line, column: event.column)
        }
        let isPlain = isPlainImplicit && tag == nil
        let plainText: String? = if case .string = resolved { nil } else { isPlain && !text.isEmpty ? text : nil }
        // An empty plain scalar (`key:` and nothing) has no position of its own.
        let line: Int? = isPlain && text.isEmpty ? nil : event.line
        return Composed(value: value, source: .scalar(line: line, plainText: plainText), height: 0, size: 1)
    }

    private mutating func alias(_ name: String, depth: Int, at event: YAMLEvent) throws(YAMLError) -> Composed {
        if openAnchors.contains(name) {
            throw YAMLError(.recursiveAlias(name), line: event.line, column: event.column)
        }
        guard let target = anchors[name] else {
            throw YAMLError(.unknownAnchor(name), line: event.line, column: event.column)
        }
        guard depth + target.height <= limits.maxDepth else {
            throw YAMLError(.tooDeep(maxDepth: limits.maxDepth), line: event.line, column: event.column)
        }
        aliasedNodes += target.size
        guard aliasedNodes <= limits.maxAliasExpansion else {
            throw YAMLError(.tooManyAliasedNodes(maxAliasExpansion: limits.maxAliasExpansion), line: event.line, column: event.column)
        }
        var composed = target
        composed.source = target.source.relocated(to: event.line)
        return composed
    }

    private mutating func sequence(anchor: String?, depth: Int, at start: YAMLEvent) throws(YAMLError) -> Composed {
        let level = try enter(depth: depth, anchor: anchor, at: start)
        var values: [JSONValue] = []
        var sources: [YAMLSourceNode] = []
        var height = 0
        var size = 1
        while true {
            let event = try parser.nextEvent()
            if case .sequenceEnd = event.kind { break }
            let item = try compose(event, depth: level)
            values.append(item.value)
            sources.append(item.source)
            height = max(height, item.height)
            size += item.size
        }
        let composed = Composed(
            value: .array(values), source: .sequence(line: start.line, items: sources), height: height + 1, size: size)
        leave(anchor: anchor, composed)
        return composed
    }

    private mutating func mapping(anchor: String?, depth: Int, at start: YAMLEvent) throws(YAMLError) -> Composed {
        let level = try enter(depth: depth, anchor: anchor, at: start)
        var object = JSONObject()
        var entries: [String: YAMLSourceNode.Entry] = [:]
        var height = 0
        var size = 1
        while true {
            let keyEvent = try parser.nextEvent()
            if case .mappingEnd = keyEvent.kind { break }
            if Self.isMergeKey(keyEvent) {
                let merged = try compose(parser.nextEvent(), depth: level)
                try merge(merged, into: &object, entries: &entries, at: keyEvent)
                height = max(height, merged.height)
                size += merged.size
                continue
            }
            let key = try self.key(keyEvent, depth: level)
            let value = try compose(parser.nextEvent(), depth: level)
            object[key] = value.value
            entries[key] = YAMLSourceNode.Entry(keyLine: keyEvent.line, value: value.source)
            height = max(height, value.height)
            size += value.size + 1
        }
        let composed = Composed(
            value: .object(object), source: .mapping(line: start.line, entries: entries), height: height + 1, size: size)
        leave(anchor: anchor, composed)
        return composed
    }

    /// Checks the depth of a new mapping or sequence and opens its anchor; returns its level.
    private mutating func enter(depth: Int, anchor: String?, at event: YAMLEvent) throws(YAMLError) -> Int {
        guard depth < limits.maxDepth else {
            throw YAMLError(.tooDeep(maxDepth: limits.maxDepth), line: event.line, column: event.column)
        }
        if let anchor { openAnchors.append(anchor) }
        return depth + 1
    }

    private mutating func leave(anchor: String?, _ composed: Composed) {
        guard let anchor else { return }
        openAnchors.removeLast()
        anchors[anchor] = composed
    }

    /// go-yaml's `isMerge`: a `<<` key written plain, or tagged `!!merge`.
    private static func isMergeKey(_ event: YAMLEvent) -> Bool {
        guard case .scalar("<<", _, let tag, let isPlainImplicit) = event.kind else { return false }
        return (tag == nil && isPlainImplicit) || tag == YAMLScalar.mergeTag
    }

    /// A mapping key as sigs.k8s.io/yaml turns it into a JSON key.
    private mutating func key(_ event: YAMLEvent, depth: Int) throws(YAMLError) -> String {
        let key: Result<String, ScalarProblem>
        switch event.kind {
        case .scalar(let text, let anchor, let tag, let isPlainImplicit):
            if let anchor {
                anchors[anchor] = try scalar(text, tag: tag, isPlainImplicit: isPlainImplicit, at: event)
            }
            key = Result { () throws(ScalarProblem) in
                try YAMLScalar.resolve(text, tag: tag, isPlainImplicit: isPlainImplicit).keyString()
            }
        case .alias:
            let target = try compose(event, depth: depth)
            key = Result { () throws(ScalarProblem) in try Self.keyString(of: target.value) }
        case .sequenceStart, .mappingStart:
            let target = try compose(event, depth: depth)
            key = Result { () throws(ScalarProblem) in try Self.keyString(of: target.value) }
        default:
            throw unexpected(event)
        }
        switch key {
        case .success(let key): return key
        case .failure(let problem): throw YAMLError(problem.kind, line: event.line, column: event.column)
        }
    }

    /// The key a node makes once composed: strings as they are, numbers and booleans as sigs.k8s.io/yaml
    /// stringifies them; null, mappings and sequences cannot be keys.
    private static func keyString(of value: JSONValue) throws(ScalarProblem) -> String {
        switch value {
        case .string(let string): return string
        case .bool(let bool): return bool ? "true" : "false"
        case .number(let number):
            if number.isInteger { return number.text }
            return GoFloatFormat.keyText(Double(number.text) ?? 0)
        case .null: throw ScalarProblem(.unsupportedKey("null"))
        case .array: throw ScalarProblem(.unsupportedKey("a sequence"))
        case .object: throw ScalarProblem(.unsupportedKey("a mapping"))
        }
    }

    /// go-yaml's `merge`: the members of a mapping, or of each mapping of a sequence (earlier ones win),
    /// are set into `object` where the `<<` stands; keys written later override them.
    private func merge(
        _ merged: Composed, into object: inout JSONObject, entries: inout [String: YAMLSourceNode.Entry], at event: YAMLEvent
    ) throws(YAMLError) {
        var sources: [(JSONObject, YAMLSourceNode)] = []
        switch (merged.value, merged.source) {
        case (.object(let members), _):
            sources = [(members, merged.source)]
        case (.array(let items), .sequence(_, let itemSources)):
            for (item, source) in zip(items, itemSources).reversed() {
                guard case .object(let members) = item else {
                    throw YAMLError(.invalidMerge, line: event.line, column: event.column)
                }
                sources.append((members, source))
            }
        default:
            throw YAMLError(.invalidMerge, line: event.line, column: event.column)
        }
        for (members, source) in sources {
            for member in members.members {
                object[member.key] = member.value
                if case .mapping(_, let memberSources) = source, let entry = memberSources[member.key] {
                    entries[member.key] = entry
                }
            }
        }
    }
}
