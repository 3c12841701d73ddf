public import JSONModel

/// The mutating webhook's work (SPEC §4): the RFC 6902 patch that defaults `restoreMode`,
/// `restoreTimeout` and `backoffLimit`, built on the raw JSON so that unknown fields, key order and
/// invalid values all survive. Applying the patch and defaulting again yields an empty patch.
public struct RestoreDefaulter: Sendable {
    public init() {}

    /// The patch for `object` (a whole AntflyRestore); empty when nothing is missing, and when `spec` is
    /// absent or not an object, which validation reports instead.
    public func defaultingPatch(for object: JSONValue) -> JSONPatch {
        guard case .object(let spec)? = object["spec"] else { return JSONPatch() }
        return RestoreDefaults.patch(for: spec)
    }
}
