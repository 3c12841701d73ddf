/// `spec.restoreMode`: what the operator does when a table it restores already exists.
enum RestoreMode: String, CaseIterable {
    case failIfExists = "fail_if_exists"
    case skipIfExists = "skip_if_exists"
    /// Drops and recreates existing tables: destructive, so always warned about.
    case overwrite
}
