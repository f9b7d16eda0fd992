import Foundation

/// What one build did, as the preview server needs it.
public struct BuildOutcome: Sendable {
    /// Whether the output folder was replaced by the new site.
    public var published: Bool
    /// The site's base path (`/` or `/portal/`), for a published build.
    public var basePath: String?
    public var fileCount: Int
    public var errors: Int
    public var warnings: Int
    /// The diagnostics as `site build` prints them; empty when there are none.
    public var diagnostics: String

    public init(published: Bool, basePath: String? = nil, fileCount: Int = 0, errors: Int = 0, warnings: Int = 0, diagnostics: String = "") {
        self.published = published
        self.basePath = basePath
        self.fileCount = fileCount
        self.errors = errors
        self.warnings = warnings
        self.diagnostics = diagnostics
    }

    /// `1 error, 2 warnings`.
    public var counts: String {
        "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}

/// Watches the sources, rebuilds on a change, and tells the open pages: reload after a good
/// build, show the diagnostics after a failed one (the previous site is still what is served,
/// since a failed build leaves the output folder as it was).
public struct LiveSession: Sendable {
    let files: Locked<StaticFiles>
    let live: LiveReload
    let watcher: FolderWatcher
    /// Runs a whole build; blocking, so it runs on a Dispatch thread.
    let build: @Sendable () -> BuildOutcome
    /// Writes one line for each rebuild (standard output).
    let log: @Sendable (String) -> Void
    /// Writes the diagnostics of each rebuild (standard error).
    let report: @Sendable (String) -> Void

    public init(
        files: Locked<StaticFiles>, live: LiveReload, watcher: FolderWatcher, build: @escaping @Sendable () -> BuildOutcome,
        log: @escaping @Sendable (String) -> Void, report: @escaping @Sendable (String) -> Void
    ) {
        self.files = files
        self.live = live
        self.watcher = watcher
        self.build = build
        self.log = log
        self.report = report
    }

    /// Until the task is cancelled; `baseline` is the sources as the first build saw them.
    public func run(from baseline: FolderWatcher.Snapshot? = nil, every interval: Duration = .milliseconds(400)) async {
        await watcher.watch(from: baseline, every: interval) { changes in
            await rebuild(after: changes)
        }
    }

    public func rebuild(after changes: [FolderWatcher.Change]) async {
        let clock = ContinuousClock()
        let started = clock.now
        let outcome = await Background.run(build)
        let elapsed = clock.now - started
        if !outcome.diagnostics.isEmpty { report(outcome.diagnostics) }
        let basePath = files.value.basePath
        await apply(outcome)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var line = Self.line(changes: changes, outcome: outcome, seconds: seconds, at: Date())
        if files.value.basePath != basePath { line += "; the site is now served under \(files.value.basePath)" }
        log(line)
    }

    /// Serves what a build published, or shows why it published nothing.
    public func apply(_ outcome: BuildOutcome) async {
        if outcome.published {
            if let basePath = outcome.basePath { files.update { $0.basePath = StaticFiles.normalise(basePath: basePath) } }
            await live.published()
        } else {
            await live.failed(BuildFailure(summary: outcome.counts, diagnostics: outcome.diagnostics))
        }
    }

    /// `14:03:05 Content/policies/a.md changed: rebuilt 43 files, 0 errors, 0 warnings, 0.41 s`
    static func line(changes: [FolderWatcher.Change], outcome: BuildOutcome, seconds: Double, at date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "HH:mm:ss"
        let time = formatter.string(from: date)
        let shown = changes.prefix(2).map(\.description).joined(separator: ", ")
        let more = changes.count > 2 ? " and \(changes.count - 2) more" : ""
        let duration = String(format: "%.2f s", seconds)
        let result = outcome.published
            ? "rebuilt \(outcome.fileCount) files, \(outcome.counts), \(duration)"
            : "build failed, \(outcome.counts), \(duration); still serving the last good build"
        return "\(time) \(shown)\(more): \(result)"
    }
}
