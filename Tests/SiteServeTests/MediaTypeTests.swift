import Foundation
import Testing

@testable import SiteServe

@Suite("Content types and entity tags")
struct MediaTypeTests {
    @Test("types by extension, text ones in UTF-8", arguments: [
        ("index.html", "text/html; charset=utf-8"), ("site.css", "text/css; charset=utf-8"),
        ("search.js", "text/javascript; charset=utf-8"), ("feed.json", "application/json; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"), ("robots.txt", "text/plain; charset=utf-8"),
        ("catalog.csv", "text/csv; charset=utf-8"), ("logo.svg", "image/svg+xml; charset=utf-8"),
        ("a.png", "image/png"), ("a.JPG", "image/jpeg"), ("a.jpeg", "image/jpeg"), ("a.gif", "image/gif"),
        ("a.webp", "image/webp"), ("附件.pdf", "application/pdf"), ("a.doc", "application/msword"),
        ("a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("a.xls", "application/vnd.ms-excel"),
        ("a.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("a.zip", "application/zip"), ("a.bin", "application/octet-stream"), ("README", "application/octet-stream"),
        (".hidden", "application/octet-stream"), ("a.ofd", "application/ofd"),
    ])
    func types(name: String, type: String) {
        #expect(MediaType.forFile(named: name) == type)
    }

    @Test("an entity tag is the 64-bit FNV-1a of the bytes, quoted")
    func entityTag() {
        #expect(EntityTag.of(Data()) == "\"cbf29ce484222325\"")
        #expect(EntityTag.of(Data("a".utf8)) == "\"af63dc4c8601ec8c\"")
        #expect(EntityTag.of(Data("<html>".utf8)) != EntityTag.of(Data("<html> ".utf8)))
    }

    @Test("If-None-Match: one tag, a list, a weak tag, or *")
    func ifNoneMatch() {
        let tag = "\"af63dc4c8601ec8c\""
        #expect(EntityTag.matches(ifNoneMatch: tag, tag))
        #expect(EntityTag.matches(ifNoneMatch: "\"x\", \(tag)", tag))
        #expect(EntityTag.matches(ifNoneMatch: "W/\(tag)", tag))
        #expect(EntityTag.matches(ifNoneMatch: "*", tag))
        #expect(!EntityTag.matches(ifNoneMatch: "\"af63dc4c8601ec8d\"", tag))
        #expect(!EntityTag.matches(ifNoneMatch: "af63dc4c8601ec8c", tag))
    }
}
