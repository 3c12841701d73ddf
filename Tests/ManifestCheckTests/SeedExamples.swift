/// The examples of the AntflyRestore API reference (shared/reference/antflyrestore-api-reference.txt),
/// verbatim: every one must pass `check`.
enum SeedExamples {
    static let basic = """
        apiVersion: antfly.io/v1
        kind: AntflyRestore
        metadata:
          name: restore-latest
          namespace: production
        spec:
          clusterRef:
            name: my-cluster
          source:
            backupId: "backup-20250115-020000"
            location: s3://my-bucket/antfly-backups
            credentialsSecret:
              name: backup-credentials

        """

    static let specificTables = """
        apiVersion: antfly.io/v1
        kind: AntflyRestore
        metadata:
          name: restore-users-table
          namespace: production
        spec:
          clusterRef:
            name: my-cluster
          source:
            backupId: "backup-20250115-020000"
            location: s3://my-bucket/antfly-backups
            credentialsSecret:
              name: backup-credentials
          tables:
            - users
          restoreMode: overwrite  # Replace existing table

        """

    static let skipMode = """
        apiVersion: antfly.io/v1
        kind: AntflyRestore
        metadata:
          name: restore-missing-tables
          namespace: production
        spec:
          clusterRef:
            name: my-cluster
          source:
            backupId: "backup-20250115-020000"
            location: s3://my-bucket/antfly-backups
            credentialsSecret:
              name: backup-credentials
          restoreMode: skip_if_exists  # Only restore tables that don't exist

        """

    static let crossNamespace = """
        apiVersion: antfly.io/v1
        kind: AntflyRestore
        metadata:
          name: restore-to-staging
          namespace: staging
        spec:
          clusterRef:
            name: staging-cluster
            namespace: staging
          source:
            backupId: "backup-20250115-020000"
            location: s3://my-bucket/production-backups
            credentialsSecret:
              name: backup-credentials
          restoreMode: overwrite

        """

    static let gcs = """
        apiVersion: antfly.io/v1
        kind: AntflyRestore
        metadata:
          name: restore-from-gcs
          namespace: production
        spec:
          clusterRef:
            name: my-cluster
          source:
            backupId: "backup-20250115-020000"
            location: s3://my-gcs-bucket/antfly-backups
            credentialsSecret:
              name: gcs-hmac-credentials
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: gcs-hmac-credentials
          namespace: production
        stringData:
          AWS_ACCESS_KEY_ID: "GOOGABC123DEF456"
          AWS_SECRET_ACCESS_KEY: "your-hmac-secret"
          AWS_ENDPOINT_URL: "https://storage.googleapis.com"
          AWS_REGION: "auto"

        """

    static let longRunning = """
        apiVersion: antfly.io/v1
        kind: AntflyRestore
        metadata:
          name: restore-large-dataset
          namespace: production
        spec:
          clusterRef:
            name: my-cluster
          source:
            backupId: "backup-20250115-020000"
            location: s3://my-bucket/large-backups
            credentialsSecret:
              name: backup-credentials
          restoreTimeout: 8h  # Extended timeout
          backoffLimit: 5      # More retries

        """

    /// Each example with a file name, and the warnings the webhook gives it (never an error).
    static let all: [(file: String, text: String, warnings: Int)] = [
        ("basic.yaml", basic, 0), ("specific-tables.yaml", specificTables, 1), ("skip-mode.yaml", skipMode, 0),
        ("cross-namespace.yaml", crossNamespace, 2), ("gcs.yaml", gcs, 0), ("long-running.yaml", longRunning, 0),
    ]
}
