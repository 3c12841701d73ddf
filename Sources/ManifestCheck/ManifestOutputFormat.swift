public import JSONModel
import YAMLCodec

/// How `check -o` prints the defaulted manifests, for `kubectl apply -f -`.
public enum ManifestOutputFormat: String, Sendable, CaseIterable {
    /// All documents as a YAML stream separated by `---`, keys in their original order.
    case yaml
    /// One document as itself; any other number as a `v1` `List` of them, as `kubectl get -o json` prints
    /// several objects (kubectl applies the items of a List). Indented by four spaces, as kubectl does.
    case json

    /// The text to print: it ends in a newline unless there is nothing to print.
    public func render(_ documents: [JSONValue]) -> String {
        switch self {
        case .yaml:
            return YAMLEncoder.encode(documents)
        case .json:
            let value: JSONValue =
                documents.count == 1 ? documents[0] : ["apiVersion": "v1", "kind": "List", "items": .array(documents)]
            var writer = IndentedJSONWriter()
            writer.write(value, indent: 0)
            return writer.output + "\n"
        }
    }
}
