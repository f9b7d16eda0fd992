import Testing

@testable import SiteAudit

/// Each reference as `rule url @offset`.
private func references(_ css: String) -> [String] {
    CSSScanner(Array(css.utf8)).references().map { "\($0.rule.rawValue) \($0.url) @\($0.offset)" }
}

@Suite("Scanning CSS for what it loads")
struct CSSScannerTests {
    @Test("url() quoted, unquoted and with spaces; @import with a string or url(); case-insensitive names")
    func urls() {
        #expect(references(#"a { background: url(a.png) } b { background: URL( "b c.png" ) } c { background: url( 'd.png' ) }"#) == [
            "url() a.png @16", "url() b c.png @45", "url() d.png @80",
        ])
        #expect(references(#"@import "a.css"; @IMPORT url(b.css) screen; @import 'c.css' supports(display: grid);"#) == [
            "@import a.css @8", "@import b.css @25", "@import c.css @52",
        ])
    }

    @Test("url() inside @font-face is a font; nested blocks and the block's end are followed")
    func fontFace() {
        let css = #"@font-face { src: url(a.woff2) format("woff2"), local("X"); } p { background: url(b.png) } @media print { @font-face { src: url(c.woff) } q { background: url(d.png) } }"#
        #expect(references(css) == ["@font-face a.woff2 @18", "url() b.png @78", "@font-face c.woff @124", "url() d.png @154"])
    }

    @Test("comments, strings that merely contain url(, @namespace and local() load nothing")
    func notLoaded() {
        let css = #"""
            @namespace svg url(http://www.w3.org/2000/svg);
            /* background: url(http://a.example.com/x.png) */
            p::before { content: "url(http://b.example.com/)"; font-family: local("url(x)"); }
            .myurl { --my-url: myurl(x.png); }
            """#
        #expect(references(css) == [])
    }

    @Test("escapes are decoded as the browser reads them")
    func escapes() {
        #expect(references(#"a { background: url(https\:\/\/cdn.example.com\/a.png) }"#) == ["url() https://cdn.example.com/a.png @16"])
        #expect(references(#"a { background: url("http\3A //b.example.com/") }"#) == ["url() http://b.example.com/ @16"])
        #expect(references(#"a { background: url(\56fe.png) }"#) == ["url() 图.png @16"])
        #expect(references("a { background: url(\"x\\\ny.png\") }") == ["url() xy.png @16"])
    }

    @Test("image-set() strings are URLs, in any vendor form")
    func imageSet() {
        #expect(references(#"a { background: -webkit-image-set("a.png" 1x, url(b.png) 2x); b: image-set('c.png' type("image/png")) }"#) == [
            "image-set() a.png @34", "url() b.png @46", "image-set() c.png @75",
        ])
    }

    @Test("unterminated comments, strings and url( end at the end of the text")
    func unterminated() {
        #expect(references("a { background: url(x.png") == ["url() x.png @16"])
        #expect(references("a { background: url(\"x.png") == ["url() x.png @16"])
        #expect(references("/* a { background: url(x.png) }") == [])
        #expect(references("@import \"a.css\nb { background: url(c.png) }") == ["@import a.css @8", "url() c.png @31"])
    }

    @Test("a range scans only that part of the bytes, with offsets in the whole")
    func range() {
        let html = Array(#"<p style="x"></p><style>a { background: url(a.png) }</style>"#.utf8)
        #expect(CSSScanner(html).references(in: 24..<52) == [CSSScanner.Reference(url: "a.png", offset: 40, rule: .url)])
    }

    @Test("a long style sheet is read in one pass")
    func long() {
        // About a megabyte: every construct, 20,000 times.
        let css = String(repeating: #"a{b:url( "x.png" ) -webkit-image-set("y.png" 1x) /* url(z) */ c: "url(w)"}@import "i.css";"#, count: 20_000)
        let clock = ContinuousClock()
        var found: [CSSScanner.Reference] = []
        let elapsed = clock.measure { found = CSSScanner(Array(css.utf8)).references() }
        #expect(found.count == 60_000)
        #expect(found.prefix(3).map(\.url) == ["x.png", "y.png", "i.css"])
        #expect(elapsed < .seconds(10))
    }
}
