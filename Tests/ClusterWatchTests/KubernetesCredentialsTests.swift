@testable import ClusterWatch
import Foundation
import Testing

/// The bearer token file, read again before every request.
@Suite struct KubernetesCredentialsTests {
    @Test func tokenFileIsTrimmed() throws {
        let directory = try KubernetesAccessDiscoveryTests.Directory()
        let token = try directory.write("token-1\n", to: "token")
        #expect(try KubernetesCredentials.tokenFile(token).authorization() == "Bearer token-1")
    }

    /// Read again and again while it stays empty, so reading it must not leak (under LeakSanitizer,
    /// `Data(contentsOf:)` lost 4 KiB each time).
    @Test func emptyTokenFileIsRefused() throws {
        let directory = try KubernetesAccessDiscoveryTests.Directory()
        let token = try directory.write("", to: "token")
        for _ in 0..<3 {
            #expect(throws: APIServerError.credentials("the token is empty")) {
                try KubernetesCredentials.tokenFile(token).authorization()
            }
        }
    }

    /// The kubelet's layout: `token` is a symlink into `..data`, and the limit is on the file it names.
    @Test func tokenLargerThanTheLimitIsRefusedThroughASymlink() throws {
        let directory = try KubernetesAccessDiscoveryTests.Directory()
        try FileManager.default.createDirectory(atPath: "\(directory.path)/..data", withIntermediateDirectories: false)
        _ = try directory.write(String(repeating: "a", count: KubernetesCredentials.maxTokenBytes + 1), to: "..data/token")
        let token = "\(directory.path)/token"
        try FileManager.default.createSymbolicLink(atPath: token, withDestinationPath: "..data/token")
        #expect(throws: APIServerError.credentials("\(token): larger than \(KubernetesCredentials.maxTokenBytes) bytes")) {
            try KubernetesCredentials.tokenFile(token).authorization()
        }
    }

    @Test func missingTokenFileNamesThePathAndTheReason() {
        #expect(throws: APIServerError.credentials("/nonexistent/token: No such file or directory")) {
            try KubernetesCredentials.tokenFile("/nonexistent/token").authorization()
        }
    }
}
