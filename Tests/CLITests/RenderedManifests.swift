import Foundation
import JSONModel
import YAMLCodec

/// The objects a kustomization renders to (`kubectl kustomize DIR`), as JSON values, so the
/// deployment tests check what `kubectl apply -k` would send rather than the source files.
struct RenderedManifests: Sendable {
    let objects: [JSONValue]

    /// The repository root, found from this file's path (Tests/CLITests/RenderedManifests.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Renders `directory` (relative to the package root) once per test run; later calls share the result.
    static func render(_ directory: String) async throws -> RenderedManifests {
        try await cache.render(directory)
    }

    private static let cache = Cache()

    /// Every rendered object of `kind`.
    func objects(kind: String) -> [JSONValue] {
        objects.filter { $0["kind"] == .string(kind) }
    }

    /// The one object of `kind` named `name` (any name when nil), or nil when there is not exactly one.
    func object(kind: String, name: String? = nil) -> JSONValue? {
        let matches = objects(kind: kind).filter { name == nil || $0["metadata"]?["name"] == .string(name ?? "") }
        return matches.count == 1 ? matches[0] : nil
    }

    fileprivate static func load(_ directory: String) async throws -> RenderedManifests {
        let yaml = try await ExternalCommand(
            executable: "kubectl",
            arguments: ["kustomize", directory],
            currentDirectory: packageRoot
        ).runSuccessfully()
        return RenderedManifests(objects: try parse(yaml: yaml))
    }

    /// The documents of a multi-document YAML stream, read by the project's own YAMLCodec (go-yaml's
    /// YAML 1.1 reading, as kubectl's), empty documents left out.
    static func parse(yaml: String) throws -> [JSONValue] {
        try YAMLDecoder.parse(yaml).map(\.value).filter { !$0.isNull }
    }
}

/// One rendering per directory for the whole run: the manifests do not change while tests run, and
/// each kubectl run costs a few hundred milliseconds.
private actor Cache {
    private var renders: [String: Task<RenderedManifests, any Error>] = [:]

    func render(_ directory: String) async throws -> RenderedManifests {
        if let render = renders[directory] { return try await render.value }
        let render = Task { try await RenderedManifests.load(directory) }
        renders[directory] = render
        return try await render.value
    }
}
