import Testing

@testable import SiteCore

@Suite("Bytes in bytes")
struct ByteSearchTests {
    @Test("paths sort by their UTF-8 bytes: a prefix first, ASCII before Chinese, and as the UTF-8 views compare")
    func precedes() {
        let paths = ["政策/b.html", "a/index.html", "a", "", "Z.css", "a\\b.txt", "政策/a.html", "é", "e\u{301}", "a/index.html"]
        let sorted = paths.sorted(by: ByteSearch.precedes)
        #expect(sorted == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(sorted.prefix(3) == ["", "Z.css", "a"])
        #expect(!ByteSearch.precedes("a", "a") && ByteSearch.precedes("a", "ab") && !ByteSearch.precedes("ab", "a"))
    }

    @Test("a text's bytes are found inside another's, at its start, its end, or not at all")
    func contains() {
        #expect(ByteSearch.contains("请认真贯彻执行", "贯彻"))
        #expect(ByteSearch.contains("请认真贯彻执行", "请") && ByteSearch.contains("请认真贯彻执行", "执行"))
        #expect(!ByteSearch.contains("请认真贯彻执行", "落实") && ByteSearch.contains("x", ""))
    }
}
