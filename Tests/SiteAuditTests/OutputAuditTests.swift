import Foundation
import SiteCore
import Testing

@testable import SiteAudit

// MARK: Fixtures

/// 网站标识码, ICP备案号 and 公安机关备案号, as site.yaml gives them.
private let marks = ["3301000001", "浙ICP备05000001号-1", "浙公网安备33010002000001号"]

private let standardFooter =
    #"<footer>网站标识码：3301000001 <a href="https://beian.miit.gov.cn/">浙ICP备05000001号-1</a> 浙公网安备33010002000001号</footer>"#

/// The first line of `body` in a page from `page(…)`.
private let bodyLine = 10

/// A page as the templates write it. Line 5 holds the title, line 6 `head`, line 9 the `<h1>`,
/// and `body` starts on line 10; an omitted part leaves its line empty so the numbers stay put.
private func page(
    title: String? = "政府信息公开 - 示例县人民政府",
    lang: String? = "zh-CN",
    head: String = "",
    h1: String? = "政府信息公开",
    footer: String = standardFooter,
    _ body: String = ""
) -> String {
    [
        "<!DOCTYPE html>",
        lang.map { #"<html lang="\#($0)">"# } ?? "<html>",
        "<head>",
        #"<meta charset="utf-8">"#,
        title.map { "<title>\($0)</title>" } ?? "",
        head,
        "</head>",
        "<body>",
        h1.map { "<h1>\($0)</h1>" } ?? "",
        body,
        footer,
        "</body>",
        "</html>",
        "",
    ].joined(separator: "\n")
}

/// Writes `files` into a fresh temporary folder, audits them and removes the folder.
private func audit(
    _ files: [String: String], basePath: String = "/", footerMarks: [String] = marks, displayPrefix: String = "Public/"
) throws -> OutputAudit.Result {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("SiteAuditTests-\(UUID().uuidString)", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (path, text) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    let auditor = OutputAudit(basePath: basePath, language: "zh-CN", footerMarks: footerMarks, displayPrefix: displayPrefix)
    return auditor.audit(folder: folder, files: Array(files.keys))
}

/// The diagnostic expected for `problem` at `line`:`column` of `Public/<path>`.
private func found(_ problem: Problem, _ path: String, _ line: Int, _ column: Int) -> Diagnostic {
    Diagnostic(problem, at: SourceLocation(path: "Public/\(path)", line: line, column: column))
}

// MARK: Tests

@Suite("Auditing the written pages")
struct OutputAuditTests {
    @Test("a clean site gives no diagnostics, and lists only its footer's external link")
    func cleanSite() throws {
        let index = page(
            head: #"<link rel="stylesheet" href="/assets/site.css"><link rel="canonical" href="https://www.example.gov.cn/">"#,
            """
            <nav><a href="/">首页</a> <a href="/gk/">政府信息公开</a> <a href="/gk/tz.html#第二节">第二节</a></nav>
            <h2 id="gaikuang">概况</h2>
            <p><img src="/images/图1.png" alt="示意图"> <img src="/images/line.png" alt=""></p>
            <h3>细节</h3>
            <table><caption>表1 收文情况</caption><tr><th>项目</th><th>数量</th></tr><tr><td>新收</td><td>3</td></tr></table>
            <h2>附件</h2>
            <p><a href="/files/通知.pdf">通知</a> <a href="#gaikuang">概况</a> <a href="mailto:gk@example.gov.cn">信箱</a></p>
            """)
        let result = try audit([
            "index.html": index,
            "gk/index.html": page(#"<a href="../index.html">返回</a> <a href="tz.html">通知</a>"#),
            "gk/tz.html": page("<h2 id=\"第一节\">第一节</h2>\n<h2 id=\"第二节\">第二节</h2>"),
            "assets/site.css": "body { margin: 0 }",
            "images/图1.png": "PNG",
            "images/line.png": "PNG",
            "files/通知.pdf": "%PDF-1.4",
        ])
        #expect(result.diagnostics == [])
        #expect(result.externalLinks == ["https://beian.miit.gov.cn/": 3])
    }

    // MARK: Links (links.internal)

    @Test("a link or source to a file that is not in the output is a broken link at the tag")
    func missingFile() throws {
        let result = try audit([
            "index.html": page("""
                <p><a href="/gk/none.html">缺失</a></p>
                <p>见<a href="missing.html#sec">附件</a></p>
                <img src="logo.png" alt="标志">
                <p><a href="none.html?page=2">翻页</a></p>
                """),
        ])
        #expect(result.diagnostics.sorted() == [
            found(.brokenLink(target: "/gk/none.html", fragment: nil), "index.html", bodyLine, 4),
            // '见' is one column.
            found(.brokenLink(target: "missing.html", fragment: nil), "index.html", bodyLine + 1, 5),
            found(.brokenLink(target: "logo.png", fragment: nil), "index.html", bodyLine + 2, 1),
            found(.brokenLink(target: "none.html?page=2", fragment: nil), "index.html", bodyLine + 3, 4),
        ])
        let first = try #require(result.diagnostics.sorted().first)
        #expect(first.code == "links.internal")
        #expect(first.severity == .error)
        #expect(first.message == "link to '/gk/none.html' finds no file in the site")
        #expect(first.location?.description == "Public/index.html:10:4")
    }

    @Test("a #fragment must name an id of the target page; ids in comments and scripts do not count")
    func fragments() throws {
        let result = try audit([
            "index.html": page("""
                <p id="top"><a href="b.html#sec-1">一</a></p>
                <p><a href="b.html#%E7%AC%AC%E4%BA%8C%E8%8A%82">二</a></p>
                <p><a href="b.html#sec-9">九</a></p>
                <p><a href="#top">回到顶部</a></p>
                <p><a href="c.pdf#page=2">PDF</a> <a href="b.html#">空</a> <a href="sub/#intro">子目录</a></p>
                <p><a href="b.html#ghost">鬼</a></p>
                <p><a href="b.html#old">旧</a></p>
                <p><a href="sub/#outro">子目录</a></p>
                """),
            "b.html": page("""
                <h2 id="sec-1">第一节</h2>
                <h2 id="第二节">第二节</h2>
                <script>document.write('<p id="ghost">')</script>
                <!-- <p id="old">旧</p> -->
                """),
            "sub/index.html": page(#"<p id="intro">简介</p>"#),
            "c.pdf": "%PDF-1.4",
        ])
        #expect(result.diagnostics.sorted() == [
            found(.brokenLink(target: "b.html", fragment: "sec-9"), "index.html", bodyLine + 2, 4),
            found(.brokenLink(target: "b.html", fragment: "ghost"), "index.html", bodyLine + 5, 4),
            found(.brokenLink(target: "b.html", fragment: "old"), "index.html", bodyLine + 6, 4),
            found(.brokenLink(target: "sub/", fragment: "outro"), "index.html", bodyLine + 7, 4),
        ])
        #expect(result.diagnostics.sorted().first?.message == "link to 'b.html#sec-9': the page has no element with id 'sec-9'")
    }

    @Test("a #fragment on the same page is shown as written")
    func samePageFragment() throws {
        let result = try audit([
            "index.html": page(##"<p id="top"><a href="#top">回到顶部</a> <a href="#nowhere">无</a></p>"##),
        ])
        // '<p id="top"><a href="#top">回到顶部</a> ' is 36 columns.
        #expect(result.diagnostics == [found(.brokenLink(target: "", fragment: "nowhere"), "index.html", bodyLine, 37)])
        #expect(result.diagnostics.first?.message == "link to '#nowhere': the page has no element with id 'nowhere'")
    }

    @Test("relative links resolve against the page's folder; one leaving the output is broken")
    func relativeToSubfolder() throws {
        let result = try audit([
            "index.html": page(),
            "gk/index.html": page(),
            "gk/zc/index.html": page(),
            "gk/zc/tz.html": page("""
                <a href="../index.html">上级</a>
                <a href="index.html">本栏目</a>
                <a href="../../index.html">首页</a>
                <a href="./fj/附件.pdf">附件</a>
                <a href="../">上级目录</a>
                <a href="..">上级目录</a>
                <a href="../missing.html">缺</a>
                <a href="../../../outside.html">外</a>
                <a href="fj/">目录</a>
                <img src="../../images/图.png" alt="图">
                """),
            "gk/zc/fj/附件.pdf": "%PDF-1.4",
            "images/图.png": "PNG",
        ])
        #expect(result.diagnostics.sorted() == [
            found(.brokenLink(target: "../missing.html", fragment: nil), "gk/zc/tz.html", bodyLine + 6, 1),
            found(.brokenLink(target: "../../../outside.html", fragment: nil), "gk/zc/tz.html", bodyLine + 7, 1),
            // A folder without index.html.
            found(.brokenLink(target: "fj/", fragment: nil), "gk/zc/tz.html", bodyLine + 8, 1),
        ])
    }

    @Test("relative links back to the top folder ('./', '../', '../..') resolve to its index.html")
    func relativeToTop() throws {
        let result = try audit([
            "index.html": page(#"<p id="top"><a href="./">本页</a> <a href=".">本页</a></p>"#),
            "gk/index.html": page(#"<a href="../">首页</a> <a href="..">首页</a> <a href="../#top">顶部</a>"#),
            "gk/zc/tz.html": page(#"<a href="../../">首页</a> <a href="../..">首页</a> <a href="../../../">外</a>"#),
        ])
        // Only the one that leaves the output folder: '<a href="../../">首页</a> <a href="../..">首页</a> ' is 47 columns.
        #expect(result.diagnostics == [found(.brokenLink(target: "../../../", fragment: nil), "gk/zc/tz.html", bodyLine, 48)])
    }

    @Test("links under the base path resolve into the output; folders resolve to index.html")
    func basePath() throws {
        let result = try audit(
            [
                "index.html": page(
                    head: #"<link rel="stylesheet" href="/xxgk/assets/site.css">"#,
                    """
                    <a href="/xxgk/">首页</a>
                    <a href="/xxgk/gk/">公开</a>
                    <a href="/xxgk/gk">公开</a>
                    <a href="/xxgk/gk/tz.html?from=index#top">通知</a>
                    <a href="/xxgk/fj/%E9%99%84%E4%BB%B6.pdf">附件</a>
                    <a href="/xxgk/none.html">缺</a>
                    <a href="/gk/">漏了前缀</a>
                    <a href="/xxgk/gk/tz.html#bottom">底部</a>
                    <a href="/xxgk/empty/">空目录</a>
                    """),
                "gk/index.html": page(),
                "gk/tz.html": page(#"<p id="top">顶部</p>"#),
                "empty/list.html": page(),
                "assets/site.css": "body { margin: 0 }",
                "fj/附件.pdf": "%PDF-1.4",
            ], basePath: "/xxgk/")
        #expect(result.diagnostics.sorted() == [
            found(.brokenLink(target: "/xxgk/none.html", fragment: nil), "index.html", bodyLine + 5, 1),
            found(.brokenLink(target: "/gk/", fragment: nil), "index.html", bodyLine + 6, 1),
            found(.brokenLink(target: "/xxgk/gk/tz.html", fragment: "bottom"), "index.html", bodyLine + 7, 1),
            found(.brokenLink(target: "/xxgk/empty/", fragment: nil), "index.html", bodyLine + 8, 1),
        ])
    }

    @Test("with a base path, a root-relative link outside it is broken even when the output has the file")
    func outsideBasePath() throws {
        let result = try audit(
            [
                "index.html": page("""
                    <link rel="stylesheet" href="/assets/site.css">
                    <a href="/gk/index.html">漏了前缀</a>
                    <img src="/assets/logo.png" alt="标志">
                    <a href="/xxgk/gk/index.html">公开</a>
                    """),
                "gk/index.html": page(),
                "assets/site.css": "body { margin: 0 }",
                "assets/logo.png": "PNG",
            ], basePath: "/xxgk/")
        #expect(result.diagnostics.sorted() == [
            found(.brokenLink(target: "/assets/site.css", fragment: nil), "index.html", bodyLine, 1),
            found(.brokenLink(target: "/gk/index.html", fragment: nil), "index.html", bodyLine + 1, 1),
            found(.brokenLink(target: "/assets/logo.png", fragment: nil), "index.html", bodyLine + 2, 1),
        ])
    }

    @Test("images, attachments, srcset candidates and media sources must exist")
    func imagesAndAttachments() throws {
        let result = try audit([
            "index.html": page("""
                <p><img src="/images/图1.png" alt="示意图"></p>
                <p><a href="/files/2024/通知.pdf">通知（PDF）</a> <a href="files/2024/%E9%80%9A%E7%9F%A5.pdf">同一个</a></p>
                <p><a href="/files/2024/表格.docx">表格</a></p>
                <img srcset="/images/图1.png 1x, /images/图1@2x.png 2x" src="/images/图1.png" alt="示意图">
                <video src="/media/会议.mp4" poster="/images/封面.jpg"></video>
                """),
            "images/图1.png": "PNG",
            "files/2024/通知.pdf": "%PDF-1.4",
        ])
        #expect(result.diagnostics.sorted() == [
            found(.brokenLink(target: "/files/2024/表格.docx", fragment: nil), "index.html", bodyLine + 2, 4),
            found(.brokenLink(target: "/images/图1@2x.png", fragment: nil), "index.html", bodyLine + 3, 1),
            found(.brokenLink(target: "/images/封面.jpg", fragment: nil), "index.html", bodyLine + 4, 1),
            found(.brokenLink(target: "/media/会议.mp4", fragment: nil), "index.html", bodyLine + 4, 1),
        ].sorted())
    }

    @Test("the display prefix is given with or without its slash")
    func displayPrefix() throws {
        let files = ["a/index.html": page(#"<a href="b.html">缺</a>"#)]
        let expected = [found(.brokenLink(target: "b.html", fragment: nil), "a/index.html", bodyLine, 1)]
        #expect(try audit(files, displayPrefix: "Public/").diagnostics == expected)
        #expect(try audit(files, displayPrefix: "Public").diagnostics == expected)
    }

    // MARK: IPv6 readiness and self-containment (ipv6.*)

    @Test("a URL naming its host by an IPv4 or IPv6 address is reported, in links and in sources")
    func ipLiteral() throws {
        let result = try audit([
            "index.html": page("""
                <a href="http://192.168.1.10/oa/">内网办公</a>
                <img src="https://10.0.0.8/a.png" alt="图">
                <a href="http://[2001:db8::1]:8080/">IPv6</a>
                <a href="https://12306.cn/">铁路</a>
                <a href="http://user@172.16.0.1:8080/x">带用户</a>
                """),
        ])
        #expect(result.diagnostics.sorted() == [
            found(.ipLiteral(url: "http://192.168.1.10/oa/"), "index.html", bodyLine, 1),
            found(.ipLiteral(url: "https://10.0.0.8/a.png"), "index.html", bodyLine + 1, 1),
            found(.thirdPartySubresource(tag: "img", url: "https://10.0.0.8/a.png"), "index.html", bodyLine + 1, 1),
            found(.ipLiteral(url: "http://[2001:db8::1]:8080/"), "index.html", bodyLine + 2, 1),
            found(.ipLiteral(url: "http://user@172.16.0.1:8080/x"), "index.html", bodyLine + 4, 1),
        ].sorted())
        let first = try #require(result.diagnostics.sorted().first)
        #expect(first.code == "ipv6.literal")
        #expect(first.message == "'http://192.168.1.10/oa/' names its host by an IP address")
        // Links the reader follows are listed for the report; the image is not a link.
        #expect(result.externalLinks == [
            "https://beian.miit.gov.cn/": 1,
            "http://192.168.1.10/oa/": 1,
            "http://[2001:db8::1]:8080/": 1,
            "https://12306.cn/": 1,
            "http://user@172.16.0.1:8080/x": 1,
        ])
    }

    @Test("the host of a URL, and whether it is an IP literal")
    func hosts() {
        #expect(OutputAudit.host(of: "http://192.168.1.10/oa/") == "192.168.1.10")
        #expect(OutputAudit.host(of: "https://user:pw@10.0.0.1:8443/x?y#z") == "10.0.0.1")
        #expect(OutputAudit.host(of: "//cdn.example.com/a.js") == "cdn.example.com")
        #expect(OutputAudit.host(of: "https://www.gov.cn?x=1") == "www.gov.cn")
        #expect(OutputAudit.host(of: "/gk/index.html") == nil)
        #expect(OutputAudit.isIPLiteral(OutputAudit.host(of: "http://[::1]:8080/")!))
        #expect(OutputAudit.isIPLiteral("192.168.1.10"))
        #expect(OutputAudit.isIPLiteral("[2001:db8::1]"))
        #expect(OutputAudit.isIPLiteral("1.2.3"))  // browsers read it as 1.2.0.3 (WHATWG URL)
        #expect(!OutputAudit.isIPLiteral("1.2.3.4.5"))
        #expect(!OutputAudit.isIPLiteral("1..2.3"))
        #expect(!OutputAudit.isIPLiteral("12306.cn"))
        #expect(!OutputAudit.isIPLiteral("www.gov.cn"))
    }

    @Test("scripts, stylesheets, icons, images and frames from another host are reported; plain links are only counted")
    func thirdPartySubresources() throws {
        let result = try audit([
            "index.html": page("""
                <link rel="stylesheet" href="https://cdn.example.com/bootstrap.min.css">
                <link rel="canonical" href="https://www.example.gov.cn/">
                <script src="https://cdn.jsdelivr.net/npm/jquery@3/dist/jquery.min.js"></script>
                <img src="https://img.example.com/banner.png" alt="横幅">
                <iframe src="https://map.example.com/embed?q=县政府" title="地图"></iframe>
                <link rel="icon" href="https://cdn.example.com/favicon.ico">
                <a href="https://www.gov.cn/">中国政府网</a> <a href="https://www.gov.cn/">再一次</a>
                <a href="mailto:gk@example.gov.cn">信箱</a> <a href="tel:0571-12345678">电话</a> <a href="javascript:void(0)">无</a>
                """),
            "other.html": page(#"<p><a href="https://www.gov.cn/">中国政府网</a></p>"#),
        ])
        #expect(result.diagnostics.sorted() == [
            found(.thirdPartySubresource(tag: "link", url: "https://cdn.example.com/bootstrap.min.css"), "index.html", bodyLine, 1),
            found(.thirdPartySubresource(tag: "script", url: "https://cdn.jsdelivr.net/npm/jquery@3/dist/jquery.min.js"), "index.html", bodyLine + 2, 1),
            found(.thirdPartySubresource(tag: "img", url: "https://img.example.com/banner.png"), "index.html", bodyLine + 3, 1),
            found(.thirdPartySubresource(tag: "iframe", url: "https://map.example.com/embed?q=县政府"), "index.html", bodyLine + 4, 1),
            found(.thirdPartySubresource(tag: "link", url: "https://cdn.example.com/favicon.ico"), "index.html", bodyLine + 5, 1),
        ])
        let script = try #require(result.diagnostics.first { $0.problem == .thirdPartySubresource(tag: "script", url: "https://cdn.jsdelivr.net/npm/jquery@3/dist/jquery.min.js") })
        #expect(script.code == "ipv6.third-party-subresource")
        #expect(script.message == "<script> loads 'https://cdn.jsdelivr.net/npm/jquery@3/dist/jquery.min.js' from another host")
        // Counted once a page, however often the page links it; the canonical link is not listed.
        #expect(result.externalLinks == ["https://www.gov.cn/": 2, "https://beian.miit.gov.cn/": 2])
    }

    // MARK: Page structure and accessibility (a11y.*)

    @Test("a page without <html lang=\"zh-CN\"> is reported at its start")
    func language() throws {
        // Language tags are case-insensitive (BCP 47): zh-cn is zh-CN.
        let result = try audit(["nolang.html": page(lang: nil), "en.html": page(lang: "en"), "ok.html": page(), "lower.html": page(lang: "zh-cn")])
        #expect(result.diagnostics.sorted() == [
            found(.pageLanguage(expected: "zh-CN"), "en.html", 1, 1),
            found(.pageLanguage(expected: "zh-CN"), "nolang.html", 1, 1),
        ])
        #expect(result.diagnostics.first?.code == "a11y.lang")
        #expect(result.diagnostics.first?.message == #"page lacks <html lang="zh-CN">"#)
    }

    @Test("a page without a <title>, or with an empty one, is reported")
    func title() throws {
        let result = try audit(["none.html": page(title: nil), "empty.html": page(title: ""), "blank.html": page(title: "  ")])
        #expect(result.diagnostics.sorted() == [
            found(.pageTitleMissing, "blank.html", 1, 1),
            found(.pageTitleMissing, "empty.html", 1, 1),
            found(.pageTitleMissing, "none.html", 1, 1),
        ])
        #expect(result.diagnostics.first?.message == "page has no <title>")
    }

    @Test("a page needs exactly one <h1>: none is reported at the start, a second one where it is")
    func oneH1() throws {
        let result = try audit([
            "zero.html": page(h1: nil, "<h2>正文</h2>"),
            "two.html": page("<p>导语</p>\n<h1>第二个标题</h1>"),
        ])
        #expect(result.diagnostics.sorted() == [
            found(.pageH1Count(count: 2), "two.html", bodyLine + 1, 1),
            found(.pageH1Count(count: 0), "zero.html", 1, 1),
        ])
    }

    @Test("a heading that skips a level is reported where it is; going back up is fine")
    func headingLevels() throws {
        let result = try audit([
            "a.html": page("""
                <h2>一、总体情况</h2>
                <h4>（一）细节</h4>
                <h3>小节</h3>
                <h2>二、主动公开情况</h2>
                <h3>（一）规章</h3>
                <p>说明<h5>注</h5></p>
                """),
            "b.html": page("<h3>直接三级</h3>"),
        ])
        #expect(result.diagnostics.sorted() == [
            found(.headingSkip(from: 2, to: 4), "a.html", bodyLine + 1, 1),
            found(.headingSkip(from: 3, to: 5), "a.html", bodyLine + 5, 6),
            found(.headingSkip(from: 1, to: 3), "b.html", bodyLine, 1),
        ])
    }

    @Test("an <img> without alt is reported; alt=\"\" marks a decorative image and is accepted")
    func imageAlt() throws {
        let result = try audit([
            "index.html": page("""
                <img src="/a.png">
                <img src="/a.png" alt="">
                <img src="/a.png" alt>
                <p>说明<img src="/a.png" alt="图示"></p>
                <p>图：<IMG SRC="/a.png"></p>
                """),
            "a.png": "PNG",
        ])
        #expect(result.diagnostics.sorted() == [
            found(.imageWithoutAlt(src: "/a.png"), "index.html", bodyLine, 1),
            found(.imageWithoutAlt(src: "/a.png"), "index.html", bodyLine + 4, 6),
        ])
        #expect(result.diagnostics.first?.code == "a11y.img-alt")
        #expect(result.diagnostics.first?.message == #"<img src="/a.png"> has no alt text"#)
    }

    @Test("a data table needs <th> header cells and a <caption>")
    func tables() throws {
        let result = try audit([
            "index.html": page("""
                <table><tr><td>1</td></tr></table>
                <table><caption>表1</caption><tr><td>1</td></tr></table>
                <table><tr><th>项目</th></tr><tr><td>1</td></tr></table>
                <table><caption>表2 收文情况</caption><thead><tr><th scope="col">项目</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>
                <p>上表</p><table><tr><td>x</td></tr></table>
                """),
        ])
        #expect(result.diagnostics.sorted() == [
            found(.tableWithoutHeaders(detail: "has no header cell (<th>)"), "index.html", bodyLine, 1),
            found(.tableWithoutHeaders(detail: "has no header cell (<th>)"), "index.html", bodyLine + 1, 1),
            found(.tableWithoutHeaders(detail: "has no <caption>"), "index.html", bodyLine + 2, 1),
            found(.tableWithoutHeaders(detail: "has no header cell (<th>)"), "index.html", bodyLine + 4, 10),
        ])
        #expect(result.diagnostics.first?.code == "a11y.table")
        #expect(result.diagnostics.sorted().first?.message == "data table has no header cell (<th>)")
    }

    // MARK: Footer marks (site.footer-page)

    @Test("every page shows every footer mark as text; a mark only in a comment, script or attribute is missing")
    func footerMarks() throws {
        let result = try audit([
            "nomark.html": page(footer: "<footer>网站标识码：3301000001 浙公网安备33010002000001号</footer>"),
            "hidden.html": page(footer: """
                <footer>网站标识码：3301000001 <!-- 浙ICP备05000001号-1 --><script>var icp = "浙ICP备05000001号-1";</script>\
                <span title="浙ICP备05000001号-1"></span> 浙公网安备33010002000001号</footer>
                """),
            "none.html": page(footer: ""),
            "split.html": page(footer: """
                <footer>网站标识码：<b>3301000001</b> 浙ICP备<span>05000001号-1</span> <a href="https://www.beian.gov.cn/">浙公网安备33010002000001号</a></footer>
                """),
        ])
        #expect(result.diagnostics.sorted() == [
            found(.footerMarkMissing(mark: "浙ICP备05000001号-1"), "hidden.html", 1, 1),
            found(.footerMarkMissing(mark: "浙ICP备05000001号-1"), "nomark.html", 1, 1),
            found(.footerMarkMissing(mark: "3301000001"), "none.html", 1, 1),
            found(.footerMarkMissing(mark: "浙ICP备05000001号-1"), "none.html", 1, 1),
            found(.footerMarkMissing(mark: "浙公网安备33010002000001号"), "none.html", 1, 1),
        ].sorted())
        #expect(result.diagnostics.first?.code == "site.footer-page")
        #expect(result.diagnostics.first { $0.location?.path == "Public/nomark.html" }?.message == "page lacks the footer mark '浙ICP备05000001号-1'")
    }
}

// MARK: Gaps found by the audit of the audit

@Suite("Auditing style sheets, every resource attribute and every form of IP address")
struct OutputAuditResourceTests {
    @Test("a theme style sheet: @import and @font-face from another host are errors where they are; its url()s resolve relative to it")
    func stylesheetFile() throws {
        let css = #"""
            @import url(https://fonts.googleapis.com/css?family=Noto+Sans+SC);
            @import "https://cdn.example.com/reset.css";
            @font-face { font-family: 思源黑体; src: url(https://fonts.gstatic.com/s/a.woff2) format("woff2"), local("Noto Sans"); }
            .logo { background: url(images/logo.png) no-repeat }
            .banner { background-image: url( "../images/missing.png" ) }
            .inline { background: url(data:image/png;base64,AAAA) }
            /* .old { background: url(https://commented.example.com/x.png) } */
            .hd { background-image: image-set("images/logo.png" 1x, "images/logo@2x.png" 2x) }
            @namespace svg url(http://www.w3.org/2000/svg);
            .abs { background: url(/assets/images/logo.png) } .font { src: url(fonts/a.woff2?v=2#iefix) }
            .ip { background: url(http://10.1.2.3/x.png) }
            .escaped { content: "url(https://not.loaded.example.com/)"; background: url(https\:\/\/cdn.example.com\/e.png) }
            """#
        let result = try audit([
            "index.html": page(head: #"<link rel="stylesheet" href="/assets/site.css">"#),
            "assets/site.css": css,
            "assets/images/logo.png": "PNG",
            "assets/fonts/a.woff2": "wOF2",
        ])
        func inCSS(_ problem: Problem, _ line: Int, _ column: Int) -> Diagnostic { found(problem, "assets/site.css", line, column) }
        #expect(result.diagnostics.sorted() == [
            inCSS(.thirdPartyInCSS(rule: "@import", url: "https://fonts.googleapis.com/css?family=Noto+Sans+SC"), 1, 9),
            inCSS(.thirdPartyInCSS(rule: "@import", url: "https://cdn.example.com/reset.css"), 2, 9),
            // '思源黑体' is four columns.
            inCSS(.thirdPartyInCSS(rule: "@font-face", url: "https://fonts.gstatic.com/s/a.woff2"), 3, 38),
            inCSS(.brokenLink(target: "../images/missing.png", fragment: nil), 5, 29),
            inCSS(.brokenLink(target: "images/logo@2x.png", fragment: nil), 8, 57),
            inCSS(.ipLiteral(url: "http://10.1.2.3/x.png"), 11, 19),
            inCSS(.thirdPartyInCSS(rule: "url()", url: "http://10.1.2.3/x.png"), 11, 19),
            inCSS(.thirdPartyInCSS(rule: "url()", url: "https://cdn.example.com/e.png"), 12, 73),
        ].sorted())
        let first = try #require(result.diagnostics.sorted().first { $0.code == "ipv6.third-party-subresource" })
        #expect(first.message == "CSS @import loads 'https://fonts.googleapis.com/css?family=Noto+Sans+SC' from another host")
        #expect(first.location?.description == "Public/assets/site.css:1:9")
        #expect(result.externalLinks == ["https://beian.miit.gov.cn/": 1])
    }

    @Test("a <style> element is checked where its url()s are, a style attribute at its tag")
    func inlineStyles() throws {
        let result = try audit([
            "index.html": page("""
                <style>.a { background: url(http://10.1.2.3/x.png) } .b { background: url(/images/none.png) } .c { background: url(/images/ok.png) }</style>
                <div style="background:url(https://cdn.example.com/bg.png)">横幅</div>
                <p style="background-image: url(&quot;/images/ok.png&quot;)">说明</p> <p style="color: red">红</p>
                <p style="background: url(../none.png)">缺</p>
                """),
            "images/ok.png": "PNG",
        ])
        #expect(result.diagnostics.sorted() == [
            found(.ipLiteral(url: "http://10.1.2.3/x.png"), "index.html", bodyLine, 25),
            found(.thirdPartyInCSS(rule: "url()", url: "http://10.1.2.3/x.png"), "index.html", bodyLine, 25),
            found(.brokenLink(target: "/images/none.png", fragment: nil), "index.html", bodyLine, 71),
            found(.thirdPartyInCSS(rule: "url()", url: "https://cdn.example.com/bg.png"), "index.html", bodyLine + 1, 1),
            found(.brokenLink(target: "../none.png", fragment: nil), "index.html", bodyLine + 3, 1),
        ].sorted())
    }

    @Test("a style sheet's summary stands for it in the next build: a file it needs that is gone is reported")
    func stylesheetSummaryReused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("SiteAuditTests-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = ["index.html": page(), "assets/site.css": "\n.logo { background: url(logo.png) }", "assets/logo.png": "PNG"]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let auditor = OutputAudit(basePath: "/", language: "zh-CN", footerMarks: marks, displayPrefix: "Public")
        let first = auditor.audit(folder: folder, files: Array(files.keys))
        #expect(first.diagnostics == [])
        #expect(first.summaries["assets/site.css"] == OutputAudit.PageSummary(ids: [], links: [.init(url: "logo.png", line: 2, column: 21)], external: []))
        // The style sheet is not read again (it is gone), the image is gone too.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("assets"))
        let second = auditor.audit(folder: folder, files: ["index.html", "assets/site.css"], reuse: first.summaries)
        #expect(second.diagnostics == [found(.brokenLink(target: "logo.png", fragment: nil), "assets/site.css", 2, 21)])
    }

    @Test("a page whose bytes did not change keeps its last link check while no file comes or goes and no page's ids change")
    func lastLinkCheck() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("SiteAuditTests-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ files: [String: String]) throws {
            for (path, text) in files {
                let url = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
        }
        let linking = page(#"<p><a href="/a/#x">甲</a> <a href="/c/">丙</a></p>"#)  // /c/ is not there: one finding
        let plain = page(#"<p><a href="/a/">甲</a></p>"#)
        try write(["a/index.html": page(#"<p id="x">甲</p>"#), "b/index.html": linking, "d/index.html": plain])
        let files = ["a/index.html", "b/index.html", "d/index.html"]
        let auditor = OutputAudit(basePath: "/", language: "zh-CN", footerMarks: marks, displayPrefix: "Public")
        let first = auditor.audit(folder: folder, files: files)
        let broken = [found(.brokenLink(target: "/c/", fragment: nil), "b/index.html", bodyLine, 26)]
        #expect(first.diagnostics == broken)
        #expect(first.pagesWithBrokenLinks == ["b/index.html"] && first.linksChecked == 3)
        func last(_ result: OutputAudit.Result) -> OutputAudit.LastAudit {
            OutputAudit.LastAudit(files: Set(files), summaries: result.summaries, pagesWithBrokenLinks: result.pagesWithBrokenLinks)
        }
        // a/ rewritten with the same ids: d/ keeps its check, b/ (which had a finding) and a/ are checked.
        try write(["a/index.html": page(#"<p id="x">甲，改过</p>"#)])
        let reused = first.summaries.filter { $0.key != "a/index.html" }
        let second = auditor.audit(folder: folder, files: files, reuse: reused, last: last(first))
        #expect(second.diagnostics == broken && second.linksChecked == 2)
        // a/ loses the id b/ links to: every page is checked again, and b/ has a second finding.
        try write(["a/index.html": page(#"<p>甲</p>"#)])
        let third = auditor.audit(folder: folder, files: files, reuse: reused, last: last(second))
        #expect(third.linksChecked == 3)
        #expect(third.diagnostics.count == 2 && third.diagnostics.contains(found(.brokenLink(target: "/a/", fragment: "x"), "b/index.html", bodyLine, 4)))
        // A file more: every page is checked again.
        try write(["c/index.html": plain])
        let fourth = auditor.audit(folder: folder, files: files + ["c/index.html"], reuse: third.summaries.filter { $0.key != "c/index.html" }, last: last(third))
        #expect(fourth.linksChecked == 4 && fourth.diagnostics.count == 1)
    }

    @Test("posters, media, tracks, image inputs, objects, embeds, frames, SVG images, icons and backgrounds from another host are errors")
    func resourceAttributes() throws {
        let result = try audit([
            "index.html": page("""
                <video src="https://media.example.com/a.mp4" poster="https://img.example.com/p.jpg"></video>
                <audio src="https://media.example.com/a.mp3"></audio>
                <video><source src="https://media.example.com/b.mp4"><track kind="captions" src="https://media.example.com/b.vtt"></video>
                <picture><source srcset="https://img.example.com/a.webp 1x"><img src="/images/a.png" srcset="https://img.example.com/a.png 2x" alt="图"></picture>
                <input type="image" src="https://img.example.com/go.png" alt="提交">
                <object data="https://cdn.example.com/x.pdf"></object> <embed src="https://cdn.example.com/y.svg">
                <iframe src="https://map.example.com/" title="地图"></iframe>
                <svg><image href="https://img.example.com/s.png"/><image xlink:href="https://img.example.com/x.png"/></svg>
                <link rel="icon" href="https://cdn.example.com/favicon.ico"><link rel="apple-touch-icon" href="https://cdn.example.com/t.png">
                <table background="https://img.example.com/bg.gif"><caption>表</caption><tr><th>项目</th></tr></table>
                <link rel="preconnect" href="https://fonts.example.com">
                """),
            "images/a.png": "PNG",
        ])
        let line = { (offset: Int, tag: String, url: String) in found(.thirdPartySubresource(tag: tag, url: url), "index.html", bodyLine + offset, 1) }
        #expect(result.diagnostics.sorted() == [
            line(0, "video", "https://media.example.com/a.mp4"),
            line(0, "video", "https://img.example.com/p.jpg"),
            line(1, "audio", "https://media.example.com/a.mp3"),
            found(.thirdPartySubresource(tag: "source", url: "https://media.example.com/b.mp4"), "index.html", bodyLine + 2, 8),
            found(.thirdPartySubresource(tag: "track", url: "https://media.example.com/b.vtt"), "index.html", bodyLine + 2, 54),
            found(.thirdPartySubresource(tag: "source", url: "https://img.example.com/a.webp"), "index.html", bodyLine + 3, 10),
            found(.thirdPartySubresource(tag: "img", url: "https://img.example.com/a.png"), "index.html", bodyLine + 3, 61),
            line(4, "input", "https://img.example.com/go.png"),
            line(5, "object", "https://cdn.example.com/x.pdf"),
            found(.thirdPartySubresource(tag: "embed", url: "https://cdn.example.com/y.svg"), "index.html", bodyLine + 5, 56),
            line(6, "iframe", "https://map.example.com/"),
            found(.thirdPartySubresource(tag: "image", url: "https://img.example.com/s.png"), "index.html", bodyLine + 7, 6),
            found(.thirdPartySubresource(tag: "image", url: "https://img.example.com/x.png"), "index.html", bodyLine + 7, 51),
            line(8, "link", "https://cdn.example.com/favicon.ico"),
            found(.thirdPartySubresource(tag: "link", url: "https://cdn.example.com/t.png"), "index.html", bodyLine + 8, 61),
            line(9, "table", "https://img.example.com/bg.gif"),
            line(10, "link", "https://fonts.example.com"),
        ].sorted())
        // None of them is a link the reader follows.
        #expect(result.externalLinks == ["https://beian.miit.gov.cn/": 1])
    }

    @Test("internal posters, sources, srcset candidates, image inputs and SVG references must resolve")
    func internalResourceAttributes() throws {
        let result = try audit([
            "index.html": page("""
                <video src="/media/a.mp4" poster="/images/none.jpg"></video>
                <picture><source srcset="/images/a.webp 1x,
                  /images/none.webp 2x"><img src="/images/a.png" srcset="data:image/png;base64,AAAA 1x, /images/a.png 2x" alt="图"></picture>
                <input type="image" src="/images/none.png" alt="提交">
                <svg><use xlink:href="/images/icons.svg#home"/><image xlink:href="/images/none.svg"/><a xlink:href="/gk/none.html">链接</a></svg>
                """),
            "media/a.mp4": "MP4",
            "images/a.png": "PNG",
            "images/a.webp": "WEBP",
            "images/icons.svg": "<svg/>",
        ])
        #expect(result.diagnostics.sorted() == [
            found(.brokenLink(target: "/images/none.jpg", fragment: nil), "index.html", bodyLine, 1),
            found(.brokenLink(target: "/images/none.webp", fragment: nil), "index.html", bodyLine + 1, 10),
            found(.brokenLink(target: "/images/none.png", fragment: nil), "index.html", bodyLine + 3, 1),
            found(.brokenLink(target: "/images/none.svg", fragment: nil), "index.html", bodyLine + 4, 48),
            found(.brokenLink(target: "/gk/none.html", fragment: nil), "index.html", bodyLine + 4, 86),
        ].sorted())
    }

    @Test("an IPv4 host in any form browsers accept, and under any scheme with a host, is reported")
    func ipLiteralForms() throws {
        let result = try audit([
            "index.html": page(#"""
                <a href="http://167838211/">十进制</a>
                <a href="http://0x0a010203/">十六进制</a>
                <a href="http://012.1.2.3/">八进制</a>
                <a href="ftp://10.1.2.3/pub/">FTP</a>
                <a href="http://10.1.515/">三段</a>
                <a href="http://10.1.2.3./">尾点</a>
                <a href="https:\\10.1.2.3\oa">反斜杠</a>
                <a href="http://１０。１。２。３/">全角</a>
                <img src="ftp://files.example.com/a.png" alt="图">
                <a href="ftp://ftp.example.gov.cn/pub/">FTP站点</a> <a href="https://12306.cn/">铁路</a> <a href="sftp://[2001:db8::1]/">IPv6</a>
                """#),
        ])
        let urls = [
            "http://167838211/", "http://0x0a010203/", "http://012.1.2.3/", "ftp://10.1.2.3/pub/", "http://10.1.515/",
            "http://10.1.2.3./", #"https:\\10.1.2.3\oa"#, "http://１０。１。２。３/",
        ]
        #expect(result.diagnostics.sorted() == (urls.enumerated().map { found(.ipLiteral(url: $1), "index.html", bodyLine + $0, 1) } + [
            found(.thirdPartySubresource(tag: "img", url: "ftp://files.example.com/a.png"), "index.html", bodyLine + 8, 1),
            found(.ipLiteral(url: "sftp://[2001:db8::1]/"), "index.html", bodyLine + 9, 86),
        ]).sorted())
        #expect(Set(result.externalLinks.keys) == Set(urls + [
            "https://beian.miit.gov.cn/", "ftp://ftp.example.gov.cn/pub/", "https://12306.cn/", "sftp://[2001:db8::1]/",
        ]))
    }

    @Test("a large page with a finding on every line is audited in one pass over its bytes")
    func largePageManyFindings() throws {
        // About 2 MB with 30,000 findings: a position computed from the start for each would read 60 GB.
        let lines = (0..<10_000).map { n in
            #"<p style="background: url(https://cdn.example.com/\#(n).png)"><img src="https://img.example.com/\#(n).png" alt="图\#(n)"> <a href="/none/\#(n).html">第\#(n)项</a></p>"#
        }
        let clock = ContinuousClock()
        var result: OutputAudit.Result?
        let elapsed = try clock.measure { result = try audit(["index.html": page(lines.joined(separator: "\n"))]) }
        let diagnostics = try #require(result?.diagnostics).sorted()
        #expect(diagnostics.count == 30_000)
        #expect(diagnostics.last == found(.brokenLink(target: "/none/9999.html", fragment: nil), "index.html", bodyLine + 9_999, 119))
        #expect(elapsed < .seconds(20))
    }

    @Test("what a URL names: a path here, another host, or nothing to follow")
    func classify() {
        #expect(OutputAudit.classify("/gk/index.html") == .internal)
        #expect(OutputAudit.classify("tz.html#sec") == .internal)
        #expect(OutputAudit.classify("C:/Users/a.doc") == .internal)  // a drive letter: broken, not external
        #expect(OutputAudit.classify("file:///C:/a.doc") == .internal)
        #expect(OutputAudit.classify(#"\\server\share\a.doc"#) == .internal)
        #expect(OutputAudit.classify("a:b/c.html") == .internal)
        #expect(OutputAudit.classify("mailto:gk@example.gov.cn") == .ignored)
        #expect(OutputAudit.classify("TEL:12345") == .ignored)
        #expect(OutputAudit.classify("//cdn.example.com/a.js") == .external(host: "cdn.example.com", protocolRelative: true))
        #expect(OutputAudit.classify("ftp://10.1.2.3/") == .external(host: "10.1.2.3", protocolRelative: false))
        #expect(OutputAudit.classify("HTTPS:/www.gov.cn/") == .external(host: "www.gov.cn", protocolRelative: false))
        #expect(OutputAudit.classify("git+ssh://git@example.com:22/x") == .external(host: "example.com", protocolRelative: false))
        #expect(OutputAudit.classify("urn:isbn:7-01") == .internal)
    }

    @Test("IPv4 addresses in the WHATWG forms, and host names that only look like numbers")
    func ipv4Forms() {
        for host in ["167838211", "0x0a010203", "0XA.1.2.3", "012.1.2.3", "10.1.515", "10.1.2.3.", "10.0x1.02.3", "１０。１。２。３", "10%2E1.2.3", "1.2.3", "0x", "4294967295"] {
            #expect(OutputAudit.isIPLiteral(host), "\(host)")
        }
        for host in ["12306.cn", "1.2.3.4.5", "1..2.3", "4294967296", "1.2.3.256", "08.1.2.3", "0x1.example.com", "www.gov.cn", "localhost", "", "10.1.2.3x"] {
            #expect(!OutputAudit.isIPLiteral(host), "\(host)")
        }
    }

    @Test("srcset candidates: URLs with commas inside, descriptors with parentheses, line breaks")
    func srcsetCandidates() {
        #expect(OutputAudit.candidates("a.png 1x, b.png 2x") == ["a.png", "b.png"])
        #expect(OutputAudit.candidates("data:image/png;base64,AAAA 1x,\n\tb.png 2x") == ["data:image/png;base64,AAAA", "b.png"])
        #expect(OutputAudit.candidates("a.png,b.png") == ["a.png,b.png"])
        #expect(OutputAudit.candidates("a.png, b.png,") == ["a.png", "b.png"])
        #expect(OutputAudit.candidates("a.png (x, y), b.png") == ["a.png", "b.png"])
        #expect(OutputAudit.candidates("  ") == [])
    }
}

@Suite("Auditing a few pages of a site audited before")
struct PageAuditTests {
    @Test("each page's findings and summary are what the whole site's audit finds for it; a page with findings is scanned for its ids")
    func sameAsWholeAudit() throws {
        let files = [
            "index.html": page(#"<a href="/a/#s1">a</a> <a href="/b/#x">b</a> <a href="/gone/">gone</a>"#),
            "a/index.html": page(#"<h2 id="s1">一</h2><a href="/#top">home</a> <a href="https://www.gov.cn/">gov</a>"#),
            // No <title>: a finding of its own, so the summaries the patch is given leave it out.
            "b/index.html": page(title: nil, #"<h2 id="x">二</h2>"#),
        ]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("PageAuditTests-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let auditor = OutputAudit(basePath: "/", language: "zh-CN", footerMarks: marks, displayPrefix: "Public")
        let whole = auditor.audit(folder: folder, files: Array(files.keys))
        #expect(whole.summaries["b/index.html"] == nil)
        for path in ["index.html", "a/index.html"] {
            let some = auditor.audit(pages: [path], folder: folder, fileExists: { files[$0] != nil }, summaries: { whole.summaries[$0] })
            let display = "Public/\(path)"
            #expect(some.diagnostics == whole.diagnostics.filter { $0.location?.path == display }, "\(path)")
            #expect(some.summaries[path] == whole.summaries[path])
            #expect(some.pagesWithBrokenLinks == whole.pagesWithBrokenLinks.intersection([path]))
            #expect(some.linksChecked == 1)
        }
        // The home page's broken link is found, and its fragment link to b/ (no summary) checked against b's ids.
        let home = auditor.audit(pages: ["index.html"], folder: folder, fileExists: { files[$0] != nil }, summaries: { whole.summaries[$0] })
        #expect(home.diagnostics.count == 1)
        guard case .brokenLink(let target, let fragment)? = home.diagnostics.first?.problem else {
            Issue.record("not a broken link: \(home.diagnostics)")
            return
        }
        #expect(target == "/gone/" && fragment == nil)
        // With b's id gone, the fragment link to it is broken too.
        try Data(page(title: nil, #"<h2 id="y">二</h2>"#).utf8).write(to: folder.appendingPathComponent("b/index.html"))
        #expect(auditor.audit(pages: ["index.html"], folder: folder, fileExists: { files[$0] != nil }, summaries: { whole.summaries[$0] }).diagnostics.count == 2)
    }
}
