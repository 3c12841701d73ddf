import Foundation

/// Runs blocking client code (child processes, raw sockets) on a thread of its own. The Swift
/// concurrency pool has about one thread per core: a test that blocked it would starve the
/// server it is testing.
public func offPool<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
