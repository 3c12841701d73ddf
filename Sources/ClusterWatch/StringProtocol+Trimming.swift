extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, newlines): tokens end with
    /// a newline in their files, and header values carry optional white space.
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
