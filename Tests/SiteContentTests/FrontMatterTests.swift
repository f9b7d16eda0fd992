import Testing

@testable import SiteContent
@testable import SiteCore

@Suite("Front matter and text decoding")
struct FrontMatterTests {
    @Test("a document splits into YAML and body, with the body's first line")
    func split() throws {
        let text = "---\ntitle: 标题\nkind: page\n---\n\n正文\n"
        let parts = try FrontMatter.split(text).get()
        #expect(parts.yaml == "title: 标题\nkind: page\n")
        #expect(parts.body == "\n正文\n")
        #expect(parts.bodyLine == 5)
    }

    @Test("the closing line may be '...' and may have trailing spaces")
    func closingForms() throws {
        #expect(try FrontMatter.split("---\na: 1\n...\nbody").get().body == "body")
        #expect(try FrontMatter.split("---  \na: 1\n---  \nbody").get().body == "body")
        #expect(try FrontMatter.split("---\na: 1\n---").get().body == "")
    }

    @Test("missing and unterminated front matter", arguments: [
        ("正文", Problem.frontMatterMissing), ("", .frontMatterMissing), ("----\na: 1\n---\n", .frontMatterMissing),
        ("---\ntitle: x\n", .frontMatterUnterminated),
    ])
    func failures(_ text: String, _ problem: Problem) {
        #expect(throws: problem) { try FrontMatter.split(text).get() }
    }

    @Test("a byte-order mark is dropped and CRLF becomes LF")
    func bomAndCRLF() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: 标题\r\n---\r\n".utf8)
        #expect(try SourceText.decode(bytes).get().text == "---\ntitle: 标题\n---\n")
    }

    @Test("a lone CR (classic Mac OS line ending) becomes LF, also next to CR LF")
    func loneCR() throws {
        let bytes = Array("---\rtitle: 标题\r\n---\r\r正文\r".utf8)
        let text = try SourceText.decode(bytes).get().text
        #expect(text == "---\ntitle: 标题\n---\n\n正文\n")
        #expect(try FrontMatter.split(text).get().bodyLine == 4)
    }

    @Test("GBK text is recognised as such; other invalid bytes are not")
    func gbk() {
        // 标题：通知 in GBK
        let gbk: [UInt8] = Array("title: ".utf8) + [0xB1, 0xEA, 0xCC, 0xE2, 0xA3, 0xBA, 0xCD, 0xA8, 0xD6, 0xAA]
        #expect(throws: Problem.notUTF8(byte: 0xB1, gbkLikely: true)) { try SourceText.decode(gbk).get() }
        #expect(throws: Problem.notUTF8(byte: 0xFF, gbkLikely: false)) { try SourceText.decode([0x61, 0xFF, 0xFF]).get() }
        // An overlong encoding and a lone continuation byte are not UTF-8 either.
        #expect(throws: Problem.notUTF8(byte: 0xC0, gbkLikely: false)) { try SourceText.decode([0xC0, 0x2F]).get() }
        #expect(throws: Problem.notUTF8(byte: 0x80, gbkLikely: false)) { try SourceText.decode([0x80]).get() }
    }

    @Test("the position of the first invalid byte counts characters")
    func invalidPosition() {
        let bytes = Array("---\n标题: ".utf8) + [0xB1, 0xEA]
        #expect(SourceText.invalidPosition(bytes) == (line: 2, column: 5))
    }
}
