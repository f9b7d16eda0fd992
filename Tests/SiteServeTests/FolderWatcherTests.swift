import Foundation
import SiteTestSupport
import Testing

@testable import SiteServe

@Suite("Watching the sources")
struct FolderWatcherTests {
    @Test("a snapshot has every file but hidden ones; changes are added, changed and removed files")
    func snapshots() throws {
        let site = try TempSite(files: ["Content/a.md": "a", "Content/sub/b.md": "b", "Content/.a.md.swp": "x", "Templates/base.mustache": "t"], defaultTheme: false)
        let watcher = FolderWatcher(folders: [("Content", site.url("Content")), ("Templates", site.url("Templates"))])
        let before = watcher.snapshot()
        #expect(before.keys.sorted() == ["Content/a.md", "Content/sub/b.md", "Templates/base.mustache"])
        try site.write("Content/a.md", "aa")
        try site.remove("Content/sub/b.md")
        try site.write("Content/c.md", "c")
        try site.write("Content/.c.md.swp", "x")
        let after = watcher.snapshot()
        #expect(FolderWatcher.changes(from: before, to: after) == [
            .init("Content/a.md", .changed), .init("Content/c.md", .added), .init("Content/sub/b.md", .removed),
        ])
        #expect(FolderWatcher.changes(from: after, to: after).isEmpty)
    }

    @Test("a change is reported once the folder is still, and the task stops when cancelled")
    func watch() async throws {
        let site = try TempSite(files: ["Content/a.md": "a"], defaultTheme: false)
        let watcher = FolderWatcher(folders: [("Content", site.url("Content"))])
        let (reports, continuation) = AsyncStream<[FolderWatcher.Change]>.makeStream()
        let baseline = watcher.snapshot()
        let task = Task {
            await watcher.watch(from: baseline, every: .milliseconds(50), quiet: .milliseconds(50)) { continuation.yield($0) }
            continuation.finish()
        }
        // Never hang: after 30 s the stream ends and the expectations fail.
        let limit = Task {
            try await Task.sleep(for: .seconds(30))
            continuation.finish()
        }
        defer { limit.cancel() }
        try site.write("Content/a.md", "changed")
        var iterator = reports.makeAsyncIterator()
        #expect(await iterator.next() == [.init("Content/a.md", .changed)])
        task.cancel()
        #expect(await iterator.next() == nil)
    }

    @Test("one line per rebuild: what changed, the counts, the time")
    func line() {
        let date = Date(timeIntervalSince1970: 0)
        let changes: [FolderWatcher.Change] = [.init("Content/a.md", .changed), .init("Content/b.md", .added), .init("Templates/x", .removed)]
        let good = LiveSession.line(
            changes: Array(changes.prefix(1)), outcome: BuildOutcome(published: true, fileCount: 43, warnings: 1), seconds: 0.414, at: date)
        #expect(good.hasSuffix(" Content/a.md changed: rebuilt 43 files, 0 errors, 1 warning, 0.41 s"))
        #expect(good.count == "00:00:00".count + good.drop { $0 != " " }.count)
        let bad = LiveSession.line(changes: changes, outcome: BuildOutcome(published: false, errors: 2), seconds: 0.1, at: date)
        #expect(bad.hasSuffix(" Content/a.md changed, Content/b.md added and 1 more: build failed, 2 errors, 0 warnings, 0.10 s; still serving the last good build"))
    }

    @Test("a rebuild publishes: the base path follows the build and pages reload; a failed one leaves both")
    func session() async throws {
        let site = try TempSite(files: ["Public/index.html": "x"], defaultTheme: false)
        let files = Locked(StaticFiles(root: site.url("Public")))
        let live = LiveReload()
        let outcomes = Locked<[BuildOutcome]>([
            BuildOutcome(published: true, basePath: "/portal/", fileCount: 1),
            BuildOutcome(published: false, errors: 1, diagnostics: "e\n"),
        ])
        let lines = Locked<[String]>([])
        let reports = Locked<[String]>([])
        let session = LiveSession(
            files: files, live: live, watcher: FolderWatcher(folders: []),
            build: {
                var next: BuildOutcome!
                outcomes.update { next = $0.removeFirst() }
                return next
            },
            log: { line in lines.update { $0.append(line) } }, report: { text in reports.update { $0.append(text) } })
        let first = await live.build
        await session.rebuild(after: [.init("Content/site.yaml", .changed)])
        #expect(files.value.basePath == "/portal/")
        let second = await live.build
        #expect(second != first)
        await session.rebuild(after: [.init("Content/a.md", .changed)])
        #expect(await live.build == second)
        #expect(await live.failure == BuildFailure(summary: "1 error, 0 warnings", diagnostics: "e\n"))
        #expect(files.value.basePath == "/portal/")
        #expect(lines.value.count == 2)
        #expect(lines.value.first?.hasSuffix("; the site is now served under /portal/") == true)
        #expect(lines.value.last?.hasSuffix("still serving the last good build") == true)
        #expect(reports.value == ["e\n"])
    }
}
