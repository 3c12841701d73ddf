/// One libyaml event, copied out of C memory into Swift values, so that nothing after the
/// `LibYAMLParser` boundary touches a pointer.
struct YAMLEvent: Sendable {
    enum Kind: Sendable {
        case streamStart
        case streamEnd
        case documentStart
        case documentEnd
        case alias(anchor: String)
        /// `tag` is the resolved tag (`tag:yaml.org,2002:str` for `!!str`), or nil when none was written;
        /// `isPlainImplicit` is libyaml's `plain_implicit`: a plain scalar without a tag (or with `!`),
        /// the only kind that go-yaml resolves to a number, boolean or null.
        case scalar(value: String, anchor: String?, tag: String?, isPlainImplicit: Bool)
        case sequenceStart(anchor: String?)
        case sequenceEnd
        case mappingStart(anchor: String?)
        case mappingEnd
    }

    let kind: Kind
    /// 1-based line where the event starts.
    let line: Int
    /// 1-based column where the event starts.
    let column: Int
}
