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

    @Test("every character JSONEncoder escapes, or does not, comes out the same: controls, quotes, slashes, line separators, emoji")
    func escaping() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        let tricky = controls + "\"\\/ \u{7F}\u{2028}\u{2029}\u{FEFF}中文\u{1F600}é"
        func entry(_ text: String, normative: Bool?, attachments: Int) -> CatalogEntry {
            CatalogEntry(
                id: text, indexNumber: nil, title: text, documentNumber: text, issuers: [.init(id: text, name: "")], written: nil,
                published: "2024-01-01", validity: nil, normative: normative, topics: [text, ""], sections: [],
                kind: "policy", kindName: "政策文件", url: "https://example.gov.cn/a/b/", summary: text, supersededBy: nil, interprets: text,
                attachments: (0..<attachments).map { .init(fileName: text, title: text, url: "/x/\($0)", size: $0 * 1_000_003 - 7, sha256: "ab") })
        }
        let entries = [entry(tricky, normative: true, attachments: 2), entry("", normative: false, attachments: 0), entry("a", normative: nil, attachments: 1)]
        let site = CatalogJSON.Site(name: tricky, url: "https://example.gov.cn/", organizationCode: "")
        let whole = try ExportJSON.encode(CatalogJSON(site: site, count: entries.count, entries: entries))
        let pieces = try CatalogJSON.render(site: site, entries: entries)
        #expect(String(decoding: pieces, as: UTF8.self) == String(decoding: whole, as: UTF8.self))
        for entry in entries {
            let encoded = try ExportJSON.encoder.encode(entry)
            #expect(String(decoding: entry.prettyJSON(indent: 0), as: UTF8.self) == String(decoding: encoded, as: UTF8.self))
        }
    }
}
