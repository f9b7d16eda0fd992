import Testing

@testable import SiteAudit

private func scanner(_ html: String) -> HTMLScanner { HTMLScanner(Array(html.utf8)) }

/// Tags as `name` or `/name`, for comparing the sequence at a glance.
private func names(_ tags: [HTMLScanner.Tag]) -> [String] { tags.map { ($0.isEnd ? "/" : "") + $0.name } }

/// Each text chunk as `previous tag|text` (`nil` before the first tag).
private func texts(_ html: String) -> [String] {
    var chunks: [String] = []
    _ = scanner(html).scan { text, previous in
        chunks.append("\(previous.map { ($0.isEnd ? "/" : "") + $0.name } ?? "nil")|\(text)")
    }
    return chunks
}

private func position(_ scanner: HTMLScanner, _ offset: Int) -> [Int] {
    let p = scanner.position(of: offset)
    return [p.line, p.column]
}

@Suite("Scanning written HTML")
struct HTMLScannerTests {
    @Test("start and end tags with byte offsets; double, single, unquoted and bare attributes; names lowercased")
    func tagsAndAttributes() throws {
        let html = #"<p class="lead" id=intro data-title='公开' hidden>正文</p><BR/><IMG SRC="A.png" ALT="">"#
        let tags = scanner(html).scan()
        #expect(names(tags) == ["p", "/p", "br", "img"])
        // '公开' and '正文' are 6 bytes each in UTF-8.
        #expect(tags.map(\.offset) == [0, 58, 62, 67])
        #expect(tags[0].attributes == ["class": "lead", "id": "intro", "data-title": "公开", "hidden": ""])
        #expect(tags[1].attributes == [:])
        #expect(tags[2].attributes == [:])
        #expect(tags[2].isEnd == false)
        // Attribute names are lowercased, values are kept as written.
        #expect(tags[3].attributes == ["src": "A.png", "alt": ""])
    }

    @Test("unquoted values run to a space or '>', and keep their slashes")
    func unquotedValues() {
        let tags = scanner("<a href=/xxgk/gk/index.html class=nav>首页</a><img src=logo.png alt=标志>").scan()
        #expect(names(tags) == ["a", "/a", "img"])
        #expect(tags[0].attributes == ["href": "/xxgk/gk/index.html", "class": "nav"])
        #expect(tags[2].attributes == ["src": "logo.png", "alt": "标志"])
    }

    @Test("a '>' inside a quoted value does not end the tag")
    func greaterThanInQuotes() {
        let tags = scanner(#"<a title="a > b" href='x>y.html'>t</a>"#).scan()
        #expect(names(tags) == ["a", "/a"])
        #expect(tags[0].attributes == ["title": "a > b", "href": "x>y.html"])
        #expect(tags[1].offset == 34)
    }

    @Test("entities in attribute values are decoded once: &amp; &lt; &gt; &quot; &#39;")
    func entitiesInAttributes() {
        let html = #"<a href="/xxgk/list.html?page=2&amp;size=20" title='&lt;b&gt; &quot;通知&quot; &#39;2024&#39;' data-raw=a&amp;b data-lit="&amp;lt;">x</a>"#
        let tags = scanner(html).scan()
        #expect(tags[0].attributes == [
            "href": "/xxgk/list.html?page=2&size=20",
            "title": #"<b> "通知" '2024'"#,
            "data-raw": "a&b",
            "data-lit": "&lt;",
        ])
    }

    @Test("comments, doctype, processing instructions and the text of <script> and <style> are not tags")
    func rawTextIsNotTags() {
        let html = [
            "<!DOCTYPE html>",
            #"<!-- <a href="comment.html">注释</a> -->"#,
            #"<script>if (a<b && c>d) { document.write("<img src='x.png'>"); }</script>"#,
            #"<style>p > a { color: red; } a[href^="<"] {}</style>"#,
            #"<?xml-stylesheet href="x"?>"#,
            "<p>正文</p>",
        ].joined(separator: "\n")
        let tags = scanner(html).scan()
        #expect(names(tags) == ["script", "/script", "style", "/style", "p", "/p"])
        #expect(tags.allSatisfy { $0.attributes.isEmpty })
        // Neither the comment nor the script and style bodies reach the text.
        #expect(texts(html) == ["nil|\n", "nil|\n", "/script|\n", "/style|\n", "/style|\n", "p|正文"])
    }

    @Test("a script ends at its end tag in any case")
    func upperCaseScriptEnd() {
        let tags = scanner(#"<SCRIPT>var a = "<b>";</SCRIPT><h1>标题</h1>"#).scan()
        #expect(names(tags) == ["script", "/script", "h1", "/h1"])
    }

    @Test("an unterminated comment hides the rest of the page")
    func unterminatedComment() {
        #expect(scanner("<p>a</p><!-- <h1>x</h1>").scan().count == 2)
    }

    @Test("text goes with the tag before it, entity-decoded")
    func text() {
        #expect(texts("<title>公开 &amp; 透明</title><p>&lt;附件&gt;</p>") == ["title|公开 & 透明", "p|<附件>"])
    }

    @Test("a '<' that starts no tag stays in the text, and the text is reported once")
    func loneLessThan() {
        #expect(texts("<title>1 < 2</title>") == ["title|1 < 2"])
        #expect(texts("<p>a </ b</p><p>c</p>") == ["p|a </ b", "p|c"])
    }

    @Test("line and column of a tag count Unicode scalars, so Chinese text before it is one column a character")
    func positions() {
        let html = "<!DOCTYPE html>\n<p>政务公开<a href=\"x.html\">链接</a></p>\r\n\t<img src=\"y.png\" alt=\"\">\n𠮷野<b>"
        let scan = scanner(html)
        let tags = scan.scan()
        let a = tags.first { $0.name == "a" }!
        let img = tags.first { $0.name == "img" }!
        let b = tags.first { $0.name == "b" }!
        // 16 bytes of line 1, '<p>', then 4 characters of 3 bytes.
        #expect(a.offset == 31)
        #expect(position(scan, a.offset) == [2, 8])
        // A CR before the LF stays on the previous line; a tab is one column.
        #expect(img.offset == 65)
        #expect(position(scan, img.offset) == [3, 2])
        // '𠮷' is outside the BMP: 4 bytes, one scalar.
        #expect(b.offset == 97)
        #expect(position(scan, b.offset) == [4, 3])
        #expect(position(scan, 0) == [1, 1])
    }

    @Test("the positions of many offsets at once, in any order, are each offset's own position")
    func manyPositions() {
        let html = "<!DOCTYPE html>\n<p>政务公开<a href=\"x.html\">链接</a></p>\r\n\t<img src=\"y.png\" alt=\"\">\n𠮷野<b>\n\n<i>末</i>"
        let scan = scanner(html)
        let offsets = scan.scan().map(\.offset).reversed() + [0, 16, 17, 97, html.utf8.count, html.utf8.count + 5, 31]
        let positions = scan.positions(of: Array(offsets))
        #expect(positions.map { [$0.line, $0.column] } == offsets.map { position(scan, $0) })
        #expect(positions.last.map { [$0.line, $0.column] } == [2, 8])
        #expect(scan.positions(of: []).isEmpty)
    }

    @Test("tags are handed over as they are read, each with the text before the next")
    func streamedTags() {
        let html = "<p class=\"lead\">政务&amp;公开</p>\n<a href=\"/x/\">链接</a>"
        var streamed: [String] = []
        scanner(html).scan(tags: { streamed.append(($0.isEnd ? "/" : "") + $0.name) }, textRanges: { range, previous in
            streamed.append("\(previous?.name ?? "nil")|\(String(decoding: Array(html.utf8)[range], as: UTF8.self))")
        })
        #expect(streamed == ["p", "p|政务&amp;公开", "/p", "p|\n", "a", "a|链接", "/a"])
        #expect(names(scanner(html).scan()) == ["p", "/p", "a", "/a"])
    }
}
