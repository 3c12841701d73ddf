/// curl as a test client: the same HTTP stack (and `Expect: 100-continue` habits) as many real clients.
public enum Curl {
    /// Runs `curl --silent --show-error` with `arguments`; the response body is the standard output.
    public static func run(_ arguments: [String], timeout: Duration = .seconds(30)) throws -> ChildProcess.Result {
        try ChildProcess.run("curl", ["--silent", "--show-error", "--max-time", "20"] + arguments, timeout: timeout)
    }
}
