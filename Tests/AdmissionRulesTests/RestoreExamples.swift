import JSONModel

/// The examples of the API reference (../shared/reference/antflyrestore-api-reference.txt), as JSON.
struct RestoreExample: Sendable, CustomStringConvertible {
    let name: String
    let object: JSONValue
    var description: String { name }
}

enum RestoreExamples {
    private static func restore(_ name: String, namespace: String = "production", spec: JSONValue) -> RestoreExample {
        RestoreExample(
            name: name,
            object: ["apiVersion": "antfly.io/v1", "kind": "AntflyRestore", "metadata": ["name": .string(name), "namespace": .string(namespace)], "spec": spec])
    }

    private static let source: JSONValue = [
        "backupId": "backup-20250115-020000", "location": "s3://my-bucket/antfly-backups",
        "credentialsSecret": ["name": "backup-credentials"],
    ]

    static let all: [RestoreExample] = [
        restore("restore-latest", spec: ["clusterRef": ["name": "my-cluster"], "source": source]),
        restore(
            "restore-users-table",
            spec: ["clusterRef": ["name": "my-cluster"], "source": source, "tables": ["users"], "restoreMode": "overwrite"]),
        restore("restore-missing-tables", spec: ["clusterRef": ["name": "my-cluster"], "source": source, "restoreMode": "skip_if_exists"]),
        restore(
            "restore-to-staging", namespace: "staging",
            spec: [
                "clusterRef": ["name": "staging-cluster", "namespace": "staging"],
                "source": [
                    "backupId": "backup-20250115-020000", "location": "s3://my-bucket/production-backups",
                    "credentialsSecret": ["name": "backup-credentials"],
                ],
                "restoreMode": "overwrite",
            ]),
        restore(
            "restore-from-gcs",
            spec: [
                "clusterRef": ["name": "my-cluster"],
                "source": [
                    "backupId": "backup-20250115-020000", "location": "s3://my-gcs-bucket/antfly-backups",
                    "credentialsSecret": ["name": "gcs-hmac-credentials"],
                ],
            ]),
        restore(
            "restore-large-dataset",
            spec: [
                "clusterRef": ["name": "my-cluster"],
                "source": [
                    "backupId": "backup-20250115-020000", "location": "s3://my-bucket/large-backups",
                    "credentialsSecret": ["name": "backup-credentials"],
                ],
                "restoreTimeout": "8h", "backoffLimit": 5,
            ]),
    ]
}
