import Foundation
import SiteCore
import SiteTestSupport
import Testing

@testable import SiteBuild

@Suite("The search cache file")
struct SearchCacheTests {
    private static let asOf = CalendarDate(iso: "2026-11-22")

    @Test("batches remembered by a committed build are there for the next; an uncommitted build leaves nothing behind")
    func roundTrip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("search-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cacheFolder = folder.appendingPathComponent(".site-cache")
        let output = folder.appendingPathComponent("Public")
        let key = String(repeating: "a", count: 32), other = String(repeating: "b", count: 32)
        do {
            let cache = SearchCache(folder: cacheFolder, output: output, tool: "t1", readingPrevious: true)
            #expect(cache.batch(key) == nil)
            cache.remember(key, Data("第一批".utf8))
            cache.remember(other, Data())
        }
        // Not committed: no file, and not the folder it made either.
        #expect(!FileManager.default.fileExists(atPath: cacheFolder.path))
        do {
            let cache = SearchCache(folder: cacheFolder, output: output, tool: "t1", readingPrevious: true)
            cache.remember(key, Data("第一批".utf8))
            cache.remember(other, Data())
            cache.remember("short", Data("not kept".utf8))
            cache.commit()
        }
        let next = SearchCache(folder: cacheFolder, output: output, tool: "t1", readingPrevious: true)
        #expect(next.batch(key) == Data("第一批".utf8))
        #expect(next.batch(other) == Data())
        #expect(next.batch("short") == nil)
        #expect(SearchCache(folder: cacheFolder, output: output, tool: "t1", readingPrevious: false).batch(key) == nil)
        #expect(SearchCache(folder: cacheFolder, output: output, tool: "t2", readingPrevious: true).batch(key) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path).filter { $0.contains(".tmp-") }.isEmpty)
    }

    @Test("a cut-short cache file is not used")
    func truncated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("search-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Public")
        let cache = SearchCache(folder: folder, output: output, tool: "t1", readingPrevious: true)
        cache.remember(String(repeating: "c", count: 32), Data(repeating: 7, count: 100))
        cache.commit()
        let file = try #require(FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).first { $0.lastPathComponent.hasPrefix("search-") })
        let data = try Data(contentsOf: file)
        try data.prefix(data.count - 1).write(to: file)
        #expect(SearchCache(folder: folder, output: output, tool: "t1", readingPrevious: true).batch(String(repeating: "c", count: 32)) == nil)
    }

    @Test("with the search cache of the build before, an edit rebuild's search files are a clean build's, byte for byte")
    func incrementalSearch() throws {
        let site = try TempSite(files: SampleSite.files)
        let options = BuildOptions(asOf: Self.asOf, currentFolder: site.root)
        _ = try Pipeline().run(options)
        #expect(try FileManager.default.contentsOfDirectory(atPath: options.cacheFolder.path).contains { $0.hasPrefix("search-") })
        try site.write("Content/policies/gongkai.md", SampleSite.policy + "\n量子通信试点。\n")
        _ = try Pipeline().run(options)
        var clean = options
        clean.incremental = false
        clean.output = site.root.appendingPathComponent("Clean")
        _ = try Pipeline().run(clean)
        func files(_ folder: String) -> [String: Data] {
            let root = site.root.appendingPathComponent(folder)
            let paths = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
            return Dictionary(uniqueKeysWithValues: paths.compactMap { path in
                FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map { (path, $0) }
            })
        }
        let built = files("Public/search")
        #expect(built.keys.contains("docs/0.json") && built.values.contains { String(decoding: $0, as: UTF8.self).contains("量子通信试点") })
        #expect(built == files("Clean/search"))
    }
}
