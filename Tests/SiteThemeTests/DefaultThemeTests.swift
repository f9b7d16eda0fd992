import Foundation
import SiteTestSupport
import SiteTheme
import Testing

@Suite("The default theme compiled into the binary")
struct DefaultThemeTests {
    /// Every file of the repository's Templates/ that the generator embeds (hidden ones are left out).
    static var templates: [String: Data] {
        Tree.contents(under: Repository.root.appendingPathComponent("Templates"))
            .filter { path, _ in !path.split(separator: "/").contains { $0.hasPrefix(".") } }
    }

    @Test("holds every file of Templates/, byte for byte (else run script/generate-theme)")
    func matchesTemplates() {
        let onDisk = Self.templates
        let embedded = Dictionary(DefaultTheme.files.map { ($0.path, $0.data) }) { first, _ in first }
        let stale = "Sources/SiteTheme/DefaultTheme+Files.swift is stale: run script/generate-theme"
        #expect(Set(embedded.keys).subtracting(onDisk.keys).sorted() == [], "embedded but not in Templates/. \(stale)")
        #expect(Set(onDisk.keys).subtracting(embedded.keys).sorted() == [], "in Templates/ but not embedded. \(stale)")
        let different = onDisk.keys.filter { path in embedded[path].map { $0 != onDisk[path] } ?? false }.sorted()
        #expect(different == [], "differ from Templates/. \(stale)")
        #expect(!onDisk.isEmpty)
    }

    @Test("lists each file once, by a relative path, sorted")
    func paths() {
        let paths = DefaultTheme.files.map(\.path)
        #expect(paths == paths.sorted())
        #expect(Set(paths).count == paths.count)
        #expect(paths.allSatisfy { !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..") })
        #expect(paths.contains("base.mustache") && paths.contains("assets/site.css"))
    }
}
