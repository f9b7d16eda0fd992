import Foundation
import SiteBuild

/// The line that shows a long build's progress on a terminal: after a second, the phase and for
/// pages the count, redrawn ten times a second on standard error, and erased at the end. Nothing
/// when standard error is not a terminal, in CI, with `--quiet`, or for JSON and GitHub output.
final class ProgressLine: @unchecked Sendable {
    let progress = BuildProgress()
    private let lock = NSLock()
    private var running = true
    private var drawn = false
    private let done = DispatchSemaphore(value: 0)

    static func start(for report: ReportOptions) -> ProgressLine? {
        let environment = ProcessInfo.processInfo.environment
        guard report.format == .text, !report.quiet, isatty(STDERR_FILENO) == 1, environment["CI"] == nil,
            environment["TERM"] != "dumb"
        else { return nil }
        let line = ProgressLine()
        Thread.detachNewThread { line.draw() }
        return line
    }

    private func draw() {
        // Short builds never show it.
        if done.wait(timeout: .now() + 1) == .success { return }
        while done.wait(timeout: .now() + 0.1) == .timedOut {
            let state = progress.current
            guard !state.phase.isEmpty else { continue }
            let count = state.total > 0 ? " \(state.done)/\(state.total)" : "…"
            lock.lock()
            if running {
                FileHandle.standardError.write(Data("\r\u{1B}[2K  \(state.phase)\(count)".utf8))
                drawn = true
            }
            lock.unlock()
        }
    }

    /// Erases the line; safe to call more than once.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard running else { return }
        running = false
        done.signal()
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
