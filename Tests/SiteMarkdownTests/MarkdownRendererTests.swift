import SiteCore
import Testing

@testable import SiteMarkdown

/// A site with three documents (one not public) and one file.
struct FixedTargets: LinkTargets {
    var documents: [DocumentID: Bool] = ["policies/2021-6": true, "policies/内部": false, "interpretations/jd-1": true]
    var files: Set<String> = ["policies/附件1.pdf", "images/图1.png"]
    var basePath = "/"

    func document(_ id: DocumentID) -> (exists: Bool, isPublic: Bool) {
        documents[id].map { (true, $0) } ?? (false, false)
    }

    func fileExists(_ contentPath: String) -> Bool { files.contains(contentPath) }
}

func render(_ markdown: String, allowRawHTML: Bool = false, folder: String = "policies", targets: FixedTargets = FixedTargets()) -> RenderedBody {
    MarkdownRenderer(allowRawHTML: allowRawHTML, targets: targets)
        .render(markdown, path: "Content/policies/x.md", firstLine: 10, folder: folder)
}

@Suite("Chinese text")
struct ChineseTextTests {
    @Test("bold around a title in book-title marks works without spaces")
    func emphasisNextToFullWidthPunctuation() {
        #expect(render("这是**《通知》**的内容").html == "<p>这是<strong>《通知》</strong>的内容</p>\n")
    }

    @Test("bold ending in a full-width comma works")
    func emphasisEndingInComma() {
        #expect(render("**真，**她说").html == "<p><strong>真，</strong>她说</p>\n")
    }

    @Test("single-star emphasis next to full-width quotes works")
    func italicWithQuotes() {
        #expect(render("他说*“好”*了").html == "<p>他说<em>“好”</em>了</p>\n")
    }

    @Test("escaped asterisks stay literal")
    func escapedAsterisksStayLiteral() {
        #expect(render("这是\\*\\*《通知》\\*\\*的内容").html == "<p>这是**《通知》**的内容</p>\n")
    }

    @Test("a list bullet and a thematic break are not touched")
    func bulletsAndRules() {
        #expect(render("* 《通知》\n\n***\n").html == "<ul>\n<li>《通知》</li>\n</ul>\n<hr />\n")
    }

    @Test("code keeps its asterisks and gets no marker")
    func codeSpansAreLiteral() {
        #expect(render("见`是**《通知》**的`说明").html == "<p>见<code>是**《通知》**的</code>说明</p>\n")
    }

    @Test("a line break between two Chinese characters disappears")
    func softBreakBetweenChineseCharacters() {
        #expect(render("不断提高全县政务公开工作规范化、制度化和科学化水平，不\n断推进").html
            == "<p>不断提高全县政务公开工作规范化、制度化和科学化水平，不断推进</p>\n")
    }

    @Test("a line break after full-width punctuation disappears")
    func softBreakAfterPunctuation() {
        #expect(render("根据通知，\n结合实际").html == "<p>根据通知，结合实际</p>\n")
    }

    @Test("a line break between Latin words stays")
    func softBreakBetweenLatinWords() {
        #expect(render("open\ndata").html == "<p>open\ndata</p>\n")
    }

    @Test("a line break between a digit and a Chinese character stays")
    func softBreakBetweenDigitAndChinese() {
        #expect(render("2021\n年").html == "<p>2021\n年</p>\n")
    }

    @Test("a line break into bold Chinese text disappears")
    func softBreakIntoEmphasis() {
        #expect(render("重点\n**公开**").html == "<p>重点<strong>公开</strong></p>\n")
    }
}

@Suite("Headings")
struct HeadingTests {
    @Test("headings get ids from their text and start at h2")
    func headingIDs() {
        let body = render("# 一、总体要求\n\n## （一）主要任务\n\n# Data sources\n")
        #expect(body.html == "<h2 id=\"一总体要求\">一、总体要求</h2>\n<h3 id=\"一主要任务\">（一）主要任务</h3>\n<h2 id=\"data-sources\">Data sources</h2>\n")
        #expect(body.headings.map(\.level) == [2, 3, 2])
    }

    @Test("repeated headings get numbered ids")
    func repeatedHeadings() {
        let body = render("## 附件\n\n## 附件\n\n## 附件\n")
        #expect(body.headings.map(\.id) == ["附件", "附件-1", "附件-2"])
    }

    @Test("a body whose top level is h2 keeps its levels")
    func bodyStartingAtH2() {
        #expect(render("## 一\n\n### 二\n").headings.map(\.level) == [2, 3])
    }

    @Test("emphasis inside a heading is kept and left out of the id")
    func emphasisInHeading() {
        #expect(render("## 关于**重点**工作").html == "<h2 id=\"关于重点工作\">关于<strong>重点</strong>工作</h2>\n")
    }
}

@Suite("Links")
struct LinkTests {
    @Test("links inside an image's description are handled before the image (found by fuzzing: the inner link was used after the image freed it)")
    func linkInsideImage() {
        let body = render("![图 [内部](内部.md) 和 [缺失](missing.md) 文字](missing.png) 后文\n\n![图 [解读](../interpretations/jd-1.md)](../images/图1.png)")
        #expect(body.html == "<p>图 内部 和 缺失 文字 后文</p>\n<p><img src=\"/images/%E5%9B%BE1.png\" alt=\"图 解读\" /></p>\n")
        #expect(body.links.map(\.destination) == ["missing.png", "内部.md", "missing.md", "../images/图1.png", "../interpretations/jd-1.md"])
    }

    @Test("a line break and raw HTML inside a dropped image's description are handled before the image (found by fuzzing: a use after free)")
    func breakInsideDroppedImage() {
        let body = render("![示意\n图 <b>粗</b>](missing.png)后文")
        #expect(body.html == "<p>示意图 粗后文</p>\n")
        #expect(body.diagnostics.map(\.code) == ["markdown.raw-html", "markdown.raw-html"])
    }

    @Test("'///…' names no host: it is a path of the site, here one that climbs out of it (found by fuzzing)")
    func tripleSlash() {
        let body = render("[通知](////////../policies/x.md)")
        #expect(body.html == "<p>通知</p>\n")
        #expect(body.links.map(\.target) == [.outside("////////../policies/x.md")])
    }

    @Test("a link to a document's .md file becomes its page URL")
    func documentLink() {
        let body = render("见[通知](2021-6.md)。")
        #expect(body.html == "<p>见<a href=\"/policies/2021-6/\">通知</a>。</p>\n")
        #expect(body.links.map(\.target) == [.document("policies/2021-6", fragment: nil)])
    }

    @Test("a link keeps its fragment and resolves ../ and a base path")
    func documentLinkWithFragment() {
        var targets = FixedTargets()
        targets.basePath = "/xxgk/"
        let body = render("[解读](../interpretations/jd-1.md#一背景)", targets: targets)
        #expect(body.html == "<p><a href=\"/xxgk/interpretations/jd-1/#%E4%B8%80%E8%83%8C%E6%99%AF\">解读</a></p>\n")
    }

    @Test("a link to a file under Content/ points at the published file")
    func fileLink() {
        let body = render("[附件1](附件1.pdf) ![图一](../images/图1.png)")
        #expect(body.html == "<p><a href=\"/policies/%E9%99%84%E4%BB%B61.pdf\">附件1</a> <img src=\"/images/%E5%9B%BE1.png\" alt=\"图一\" /></p>\n")
        #expect(body.resources == ["policies/附件1.pdf", "images/图1.png"])
    }

    @Test("a link to a missing document is kept as text and reported with its position")
    func missingLink() {
        let body = render("第一行\n\n中文 [链接](2021-7.md)")
        #expect(body.html == "<p>第一行</p>\n<p>中文 链接</p>\n")
        #expect(body.links == [LinkReference(
            destination: "2021-7.md", target: .missing(contentPath: "policies/2021-7.md"), isImage: false,
            location: SourceLocation(path: "Content/policies/x.md", line: 12, column: 4))])
    }

    @Test("a link to a non-public document never shows its address")
    func nonPublicLink() {
        let body = render("见[内部文件](内部.md)")
        #expect(body.html == "<p>见内部文件</p>\n")
        #expect(body.links.map(\.target) == [.document("policies/内部", fragment: nil)])
    }

    @Test("a link leaving Content/ is reported")
    func outsideLink() {
        #expect(render("[x](../../etc/passwd.md)").links.map(\.target) == [.outside("../../etc/passwd.md")])
    }

    @Test("a link to a file on a computer, pasted from the file manager, is kept as text and reported")
    func localFileLinks() {
        let body = render(#"见[一](file:///C:/Users/办公室/附件1.pdf)、[二](C:\Users\附件2.docx)、[三](D:/附件3.xls)、[四](\\fileserver\共享\附件4.pdf)"#)
        #expect(body.html == "<p>见一、二、三、四</p>\n")
        #expect(body.links.map(\.target) == [
            .localFile("file:///C:/Users/办公室/附件1.pdf"), .localFile(#"C:\Users\附件2.docx"#),
            .localFile("D:/附件3.xls"), .localFile(#"\fileserver\共享\附件4.pdf"#),
        ])
        // The scheme in any case; a path with no `%` is as written.
        #expect(render("[五](FILE:///D:/a.pdf) [六](File:x.doc) [七](files/a.pdf)").links.map(\.target).prefix(2) == [
            .localFile("FILE:///D:/a.pdf"), .localFile("File:x.doc"),
        ])
    }

    @Test("javascript:, vbscript: and data: links are kept as text and reported; inline PNG images are not")
    func unsafeLinks() {
        let body = render("[一](javascript:alert(1)) [二](VBScript:x) [三](data:text/html,x) ![四](data:image/png;base64,AAAA) ![五](data:image/svg+xml,x)")
        #expect(body.html == "<p>一 二 三 <img src=\"data:image/png;base64,AAAA\" alt=\"四\" /> 五</p>\n")
        #expect(body.links.map(\.target) == [
            .unsafe("javascript:alert(1)"), .unsafe("VBScript:x"), .unsafe("data:text/html,x"),
            .external("data:image/png;base64,AAAA"), .unsafe("data:image/svg+xml,x"),
        ])
    }

    @Test("external links and fragments are left alone")
    func externalLinks() {
        let body = render("[中国政府网](https://www.gov.cn/) [上文](#一)")
        #expect(body.html == "<p><a href=\"https://www.gov.cn/\">中国政府网</a> <a href=\"#%E4%B8%80\">上文</a></p>\n")
        #expect(body.links.map(\.target) == [.external("https://www.gov.cn/"), .fragment("一")])
    }

    @Test("positions of links in list items count characters, not bytes")
    func positionsInLists() {
        let body = render("- 项目\n  续行 [链2](x.md)")
        #expect(body.links.first?.location == SourceLocation(path: "Content/policies/x.md", line: 11, column: 6))
    }

    @Test("positions of links on lines between others: the line's own characters, not the next line's")
    func positionsBetweenLines() {
        let body = render("第一行\n\n公开目录见[链](x.md)说明\n\n末行[尾](y.md)")
        #expect(body.links.map(\.location) == [
            SourceLocation(path: "Content/policies/x.md", line: 12, column: 6),
            SourceLocation(path: "Content/policies/x.md", line: 14, column: 3),
        ])
    }

    @Test("positions after an emphasis marker do not count the marker")
    func positionsAfterMarker() {
        let body = render("是**《通知》**的[链](x.md)")
        #expect(body.links.first?.location.column == 11)
    }
}

@Suite("Raw HTML")
struct RawHTMLTests {
    @Test("raw HTML is dropped with a warning at its position")
    func rawHTMLDropped() {
        let body = render("正文\n\n<div>隐藏</div>\n\n文字<span>x</span>")
        #expect(body.html == "<p>正文</p>\n<p>文字x</p>\n")
        #expect(body.diagnostics.map(\.code) == ["markdown.raw-html", "markdown.raw-html", "markdown.raw-html"])
        #expect(body.diagnostics.first?.location == SourceLocation(path: "Content/policies/x.md", line: 12, column: 1))
        #expect(body.diagnostics.first?.severity == SiteCore.Severity.warning)
    }

    @Test("a site that allows raw HTML keeps it")
    func rawHTMLAllowed() {
        #expect(render("<div>表格</div>", allowRawHTML: true).html == "<div>表格</div>\n")
    }

    @Test("an HTML comment is dropped, not hidden in the page")
    func commentsDropped() {
        #expect(render("公开\n\n<!-- 内部意见 -->\n").html == "<p>公开</p>\n")
    }
}

@Suite("Images without a description")
struct ImageDescriptionTests {
    @Test("an image with no description is a warning at its position in the file; the image is kept")
    func emptyAlt() {
        let body = render("正文\n\n![](../images/图1.png) 和 ![ 　](https://www.gov.cn/a.png)\n\n说明![图一](../images/图1.png)")
        #expect(body.html.contains(#"<img src="/images/%E5%9B%BE1.png" alt="" />"#))
        #expect(body.diagnostics.map(\.code) == ["a11y.empty-alt", "a11y.empty-alt"])
        #expect(body.diagnostics.map(\.location) == [
            SourceLocation(path: "Content/policies/x.md", line: 12, column: 1),
            // '![](../images/图1.png) 和 ' is 24 columns.
            SourceLocation(path: "Content/policies/x.md", line: 12, column: 25),
        ])
        #expect(body.diagnostics.first?.severity == SiteCore.Severity.warning)
        #expect(body.diagnostics.first?.message == #"image '../images/图1.png' has no description: it gets alt="", and screen readers skip it"#)
    }

    @Test("an image that is dropped (missing, outside, unsafe) is reported as such, not for its description")
    func droppedImage() {
        #expect(render("![](missing.png) ![](../../x.png) ![](javascript:x)").diagnostics == [])
    }

    @Test("a description made only of a link, code or emphasis counts")
    func descriptionInMarkup() {
        #expect(render("![**流程图**](../images/图1.png) ![`代码`](../images/图1.png) ![[解读](../interpretations/jd-1.md)](../images/图1.png)").diagnostics == [])
    }
}

@Suite("The characters beside a line break")
struct EdgeScalarTests {
    func edges(_ bytes: [UInt8]) -> [Unicode.Scalar?] {
        bytes.withUnsafeBufferPointer { [CJKEmphasis.edgeScalar(of: $0, last: false), CJKEmphasis.edgeScalar(of: $0, last: true)] }
    }

    func edges(_ text: String) -> [Unicode.Scalar?] { edges(Array(text.utf8)) }

    @Test("the first and last scalar of a text, as the text's own scalars give them, markers skipped")
    func firstAndLast() {
        let marker = String(CJKEmphasis.marker)
        for text in ["公开", "a", "𠮷野家", "政务𠮷", "x公", marker + "公开" + marker, marker + marker + "b" + marker, "《通知》" + marker] {
            let scalars = text.unicodeScalars.filter { $0 != CJKEmphasis.marker }
            #expect(edges(text) == [scalars.first, scalars.last], "\(text.unicodeScalars.map(\.value))")
        }
        #expect(edges("") == [nil, nil])
        #expect(edges(marker + marker) == [nil, nil])
    }

    @Test("bytes that are not UTF-8 at an edge read as U+FFFD, as String(cString:) repairs them")
    func brokenBytes() {
        let replacement = Unicode.Scalar(0xFFFD)!
        #expect(edges([0x61, 0x80]) == ["a", replacement])  // a stray continuation byte at the end
        #expect(edges([0xE5, 0x85]) == [replacement, replacement])  // a character cut short
        #expect(edges([0xFF, 0x61]) == [replacement, "a"])
    }
}
