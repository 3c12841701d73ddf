import JSONModel
import YAMLCodec

extension Kubeconfig {
    /// Reads and parses `file`, then resolves its current context.
    static func load(file: String) throws(KubernetesAccessError) -> KubernetesAccess {
        let bytes: [UInt8]
        do {
            bytes = try ConfigurationFile.read(file, maxBytes: maxFileBytes)
        } catch {
            throw KubernetesAccessError.unreadable(file: file, reason: error.description)
        }
        return try Kubeconfig(file: file, document: try parseDocument(bytes, file: file)).access()
    }

    /// The first YAML (or JSON, which is YAML) document of the file.
    private static func parseDocument(_ bytes: [UInt8], file: String) throws(KubernetesAccessError) -> JSONValue {
        let documents: [YAMLDocument]
        do {
            documents = try YAMLDecoder.parse(bytes)
        } catch {
            throw KubernetesAccessError.notYAML(file: file, reason: "\(error)")
        }
        guard let first = documents.first else {
            throw KubernetesAccessError.notYAML(file: file, reason: "the file is empty")
        }
        return first.value
    }
}
