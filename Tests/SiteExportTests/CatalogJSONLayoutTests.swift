import Foundation
import SiteCore
import Testing

@testable import SiteExport

/// catalog.json is encoded an entry at a time (the whole catalog through JSONEncoder holds a tree
/// several times the file's size): the bytes must be those of encoding it whole.
@Suite("catalog.json layout")
struct CatalogJSONLayoutTests {
    @Test("entry by entry, indented into place, gives the bytes JSONEncoder gives for the whole catalog")
    func sameBytes() throws {
        let exports = try Exports(CatalogTests.files)
        let graph = try #require(exports.analysis.graph)
        let content = exports.site.url("Content")
        let entries = try CatalogBuilder(graph: graph, address: SiteAddress(graph.configuration)) { path in
            FileManager.default.contents(atPath: content.appendingPathComponent(path).path)
        }.entries()
        #expect(entries.count == 3)
        #expect(entries.contains { $0.attachments.isEmpty } && entries.contains { !$0.attachments.isEmpty })
        let site = CatalogJSON.Site(name: "示例县人民政府", url: "https://www.example.gov.cn/", organizationCode: "11370921004336564T")
        for some in [entries, Array(entries.prefix(1)), []] {
            let whole = try ExportJSON.encode(CatalogJSON(site: site, count: some.count, entries: some))
            let pieces = try CatalogJSON.render(site: site, entries: some)
            #expect(String(decoding: pieces, as: UTF8.self) == String(decoding: whole, as: UTF8.self))
        }
    }
}
