public import Foundation

extension Process {
    /// Calls `body` on a thread of Foundation's once the child has exited; use it instead of setting
    /// `terminationHandler`.
    ///
    /// It calls `waitUntilExit()` first (which returns at once by then): swift-corelibs-foundation (Swift
    /// 6.3.1) breaks the cycle between a `Process` and its run-loop source only there, so a process never
    /// waited for leaks with its arguments, environment and pipes (LeakSanitizer counted ~8 objects each).
    public func onExit(_ body: @escaping @Sendable (Process) -> Void) {
        terminationHandler = { process in
            process.waitUntilExit()
            body(process)
        }
    }
}
