import Foundation
import SiteBuild
import SiteCore
import SiteTestSupport
import Testing

@Suite("Building a site")
struct BuildTests {
    @Test("a withheld document, its attachment and its markers appear nowhere in the output")
    func withheldDocumentNeverPublished() throws {
        let marker = "MARKER-7f3a9c"
        var files = SampleSite.files
        files["Content/policies/neibu.md"] = """
            ---
            title: 内部事务文件\(marker)
            kind: policy
            issuer: xzfb
            document_number: 示政办发〔2021〕99号
            index_number: 11370921004336564T/2021-00099
            written: 2021-03-01
            published: 2021-03-01
            disclosure: 不予公开
            disclosure_reason: 属于内部事务信息（\(marker)）
            catalog: [zcwj, gfxwj]
            topics: [\(marker)]
            summary: 摘要\(marker)
            validity: 现行有效
            attachments:
              - {file: neibu-\(marker).txt, title: 附件\(marker)}
            ---

            正文\(marker)。见[公开文件](gongkai.md)。

            """
        files["Content/policies/neibu-\(marker).txt"] = "附件内容\(marker)\n"
        files["Content/policies/yishenqing.md"] = SampleSite.withheld
            .replacingOccurrences(of: "内部事务文件", with: "依申请文件\(marker)")
            .replacingOccurrences(of: "disclosure: 不予公开", with: "disclosure: 依申请公开")
            .replacingOccurrences(of: "2021-00009", with: "2021-00098")
        let site = try TempSite(files: files)
        let report = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(report.diagnostics.isEmpty)
        #expect(report.published)
        let output = Tree.contents(under: site.url("Public"))
        #expect(output.count > 10)
        for (path, data) in output {
            #expect(!path.contains(marker), "file name \(path)")
            #expect(!path.contains("neibu") && !path.contains("yishenqing"), "file \(path)")
            #expect(data.range(of: Data(marker.utf8)) == nil, "marker in \(path)")
            // The search index keeps words lower case and 文号 as keys: neither may carry it either.
            #expect(data.range(of: Data("7f3a9c".utf8)) == nil, "the marker's search term in \(path)")
            #expect(data.range(of: Data("示政办发202199号".utf8)) == nil, "the 文号's search key in \(path)")
            #expect(data.range(of: Data("2021-00099".utf8)) == nil, "索引号 in \(path)")
            #expect(data.range(of: Data("示政办发〔2021〕99号".utf8)) == nil, "文号 in \(path)")
        }
    }

    @Test("a public page that links to a withheld document's attachment, or to a file the build reads, is refused")
    func linksToWithheldFiles() throws {
        var files = SampleSite.files
        files["Content/policies/neibu.md"] = SampleSite.withheld.replacingOccurrences(
            of: "\n---\n", with: "\nattachments:\n  - {file: neibu-fujian.txt, title: 附件}\n---\n")
        files["Content/policies/neibu-fujian.txt"] = "内部附件\n"
        files["Content/index-numbers.lock"] = "11370921004336564T/2021-00009 policies/neibu\n"
        files["Content/policies/gongkai.md"] = SampleSite.policy + """

            附件见[登记表](neibu-fujian.txt)，编号见[台账](../index-numbers.lock)，配置见[站点](../site.yaml)。

            """
        let site = try TempSite(files: files)
        let report = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(!report.published)
        let messages = report.diagnostics.sorted.map { "\($0.problem.code) \($0.problem.message)" }
        #expect(messages.contains("disclosure.link-to-nonpublic public document links to 'neibu-fujian.txt', which is an attachment of 'policies/neibu', which is 不予公开"))
        #expect(messages.contains("content.link-to-source links to '../index-numbers.lock', a file site reads to build the portal; it is never published"))
        #expect(messages.contains("content.link-to-source links to '../site.yaml', a file site reads to build the portal; it is never published"))
        #expect(!site.exists("Public/policies/neibu-fujian.txt") && !site.exists("Public/index-numbers.lock"))
    }

    @Test("links and attachments that leave Content/, plain, percent-encoded or absolute, are refused at the document")
    func hostilePaths() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(
            of: "normative: true\n", with: "normative: true\nattachments:\n  - {file: ../../outside.txt, title: 一}\n  - {file: /etc/passwd, title: 二}\n")
            + "见[一](../../outside.txt)、[二](%2e%2e/%2e%2e/outside.txt)、[三](..%2F..%2Foutside.txt)、[四](/../outside.txt)、[五](file:///etc/passwd)。\n"
        files["outside.txt"] = "OUTSIDE-MARKER\n"
        let site = try TempSite(files: files)
        let before = try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted()
        let report = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(!report.published)
        #expect(report.diagnostics.sorted.map { "\($0.location!.line):\($0.location!.column) \($0.problem.code)" } == [
            "15:12 content.path-outside", "16:12 content.path-outside",
            "22:2 content.path-outside", "22:25 content.path-outside", "22:56 content.path-outside",
            "22:83 content.path-outside", "22:104 content.link-to-local-file",
        ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted() == before)
    }

    @Test("tabs in front matter are a YAML error with the tab hint; deeply nested Markdown builds")
    func tabsAndNesting() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(of: "topics: [综合政务]", with: "topics:\n\t- 综合政务")
        let site = try TempSite(files: files)
        let report = try Pipeline().run(BuildOptions(currentFolder: site.root))
        let diagnostic = try #require(report.diagnostics.sorted.first)
        #expect("\(diagnostic.location!.line):\(diagnostic.location!.column) \(diagnostic.problem.code)" == "12:1 content.yaml-syntax")
        #expect(diagnostic.problem.hint?.contains("tabs") == true)

        // 2,000 levels of lists and of block quotes: libcmark walks them without recursion.
        let lists = (0..<2000).map { String(repeating: "  ", count: $0) + "- 第\($0)层" }.joined(separator: "\n")
        let quotes = String(repeating: ">", count: 2000) + " 引文"
        try site.write("Content/policies/gongkai.md", SampleSite.policy + lists + "\n\n" + quotes + "\n")
        let nested = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(nested.diagnostics.isEmpty)
        let page = try String(contentsOf: site.url("Public/policies/gongkai/index.html"), encoding: .utf8)
        #expect(page.contains("第1999层") && page.contains("引文"))
    }

    @Test("a failed build leaves the previous output byte for byte as it was")
    func failedBuildKeepsPreviousOutput() throws {
        let site = try TempSite(files: SampleSite.files)
        let first = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(first.published)
        let before = Tree.contents(under: site.url("Public"))
        try site.write("Content/policies/gongkai.md", SampleSite.policy.replacingOccurrences(of: "issuer: xzfb", with: "issuer: nobody"))
        let second = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(!second.published)
        #expect(second.diagnostics.errorCount == 1)
        #expect(Tree.contents(under: site.url("Public")) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".Public") }
        #expect(leftovers.isEmpty)
    }

    @Test("a base template without lang and with a script from a CDN fails the build on every page, and publishes nothing")
    func brokenBaseTemplate() throws {
        let site = try TempSite(files: SampleSite.files)
        let first = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(first.published && first.diagnostics.isEmpty)
        let before = Tree.contents(under: site.url("Public"))
        let pages = before.keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count == 21)

        let base = try #require(site.read("Templates/base.mustache"))
        #expect(base.hasPrefix("<!DOCTYPE html>\n<html lang=\"{{lang}}\">\n<head>\n<meta charset=\"utf-8\">\n"))
        try site.write("Templates/base.mustache", base
            .replacingOccurrences(of: #"<html lang="{{lang}}">"#, with: "<html>")
            .replacingOccurrences(of: "<meta charset=\"utf-8\">\n", with: "<meta charset=\"utf-8\">\n<script src=\"https://cdn.example.com/jquery.min.js\"></script>\n"))
        let report = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(!report.published)
        #expect(report.failed(strict: false))
        #expect(report.diagnostics.sorted.map { "\($0.location!) \($0.code) \($0.message)" } == pages.flatMap { page in [
            #"Public/\#(page):1:1 a11y.lang page lacks <html lang="zh-CN">"#,
            "Public/\(page):5:1 ipv6.third-party-subresource <script> loads 'https://cdn.example.com/jquery.min.js' from another host",
        ] })
        #expect(Tree.contents(under: site.url("Public")) == before)
    }

    @Test("a successful build replaces the output folder as a whole, removing stale files")
    func buildReplacesOutput() throws {
        let site = try TempSite(files: SampleSite.files)
        _ = try Pipeline().run(BuildOptions(currentFolder: site.root))
        try site.write("Public/stale.html", "old")
        _ = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(!site.exists("Public/stale.html"))
        #expect(site.exists("Public/index.html"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".Public") }
        #expect(leftovers.isEmpty)
    }

    @Test("two builds give identical bytes")
    func deterministic() throws {
        let site = try TempSite(files: SampleSite.files)
        _ = try Pipeline().run(BuildOptions(currentFolder: site.root))
        let first = Tree.contents(under: site.url("Public"))
        _ = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(Tree.contents(under: site.url("Public")) == first)
    }

    @Test("the output folder may not be the source, contain it, or be the root", arguments: ["Content", ".", "/", "Content/Public"])
    func refusedOutput(_ output: String) throws {
        let site = try TempSite(files: SampleSite.files)
        #expect(throws: SiteError.self) {
            try Pipeline().run(BuildOptions(output: output, currentFolder: site.root))
        }
        #expect(site.exists("Content/site.yaml"))
    }

    @Test("a missing content folder is an error of the tool, not a diagnostic")
    func missingContent() throws {
        let site = try TempSite(files: [:])
        #expect(throws: SiteError.missingFolder(role: "content", path: "Content")) {
            try Pipeline().run(BuildOptions(currentFolder: site.root))
        }
    }

    @Test("a base URL with a path prefixes every link")
    func basePath() throws {
        let site = try TempSite(files: SampleSite.files)
        _ = try Pipeline().run(BuildOptions(baseURL: "https://www.example.gov.cn/portal/", currentFolder: site.root))
        let page = try #require(site.read("Public/interpretations/gongkai-jd/index.html"))
        #expect(page.contains(#"<link rel="stylesheet" href="/portal/assets/site.css">"#))
        #expect(page.contains(#"<link rel="canonical" href="https://www.example.gov.cn/portal/interpretations/gongkai-jd/">"#))
        #expect(page.contains(#"<a href="/portal/policies/gongkai/">《示例县政务公开办法》</a>"#))
        #expect(!page.contains(#"href="/policies"#))
    }

    @Test("a policy lists its interpretations with their forms, and the interpretation shows its policy")
    func policyAndInterpretation() throws {
        let site = try TempSite(files: SampleSite.files)
        _ = try Pipeline().run(BuildOptions(currentFolder: site.root))
        let policy = try #require(site.read("Public/policies/gongkai/index.html"))
        #expect(policy.contains("""
            <h2 id="interpretations-title">政策解读</h2>
            <ul>
            <li><a href="/interpretations/gongkai-jd/">《示例县政务公开办法》政策解读</a> <span class="forms">（解读形式：文字、图解、视频、简明问答、新闻发布会）</span> <time datetime="2021-05-13">2021-05-13</time></li>
            </ul>
            """))
        #expect(policy.contains(#"<tr><th scope="row">索引号</th><td>11370921004336564T/2021-00003</td><th scope="row">主题分类</th><td>综合政务</td></tr>"#))
        #expect(policy.contains(#"<tr><th scope="row">文号</th><td>示政办规〔2021〕3号</td><th scope="row">发布日期</th><td><time datetime="2021-05-12">2021-05-12</time></td></tr>"#))
        #expect(policy.contains(#"<td class="validity in-force">现行有效（行政规范性文件）</td>"#))
        let interpretation = try #require(site.read("Public/interpretations/gongkai-jd/index.html"))
        #expect(interpretation.contains(#"<p><a href="/policies/gongkai/">《示例县人民政府办公室关于印发示例县政务公开办法的通知》</a>（示政办规〔2021〕3号），发布日期：<time datetime="2021-05-12">2021-05-12</time></p>"#))
    }

    @Test("a repealed policy shows a banner linking its replacement, which lists what it replaces")
    func supersession() throws {
        var files = SampleSite.files
        files["Content/policies/old.md"] = SampleSite.repealed
            .replacingOccurrences(of: "政务公开办法的通知", with: "政务公开暂行办法的通知")
        let site = try TempSite(files: files)
        let report = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(report.diagnostics.isEmpty)
        let old = try #require(site.read("Public/policies/old/index.html"))
        #expect(old.contains(#"<p><strong>本文件已废止</strong>，现行文件为<a href="/policies/gongkai/">《示例县人民政府办公室关于印发示例县政务公开办法的通知》</a>（示政办规〔2021〕3号）。</p>"#))
        let new = try #require(site.read("Public/policies/gongkai/index.html"))
        #expect(new.contains(#"<li><a href="/policies/old/">示例县人民政府办公室关于印发示例县政务公开暂行办法的通知</a> <span class="number">示政办规〔2019〕2号</span></li>"#))
    }

    @Test("along a chain of replacements the banner names the document in force, or the direct replacement if none is")
    func supersessionChain() throws {
        var files = SampleSite.files
        func older(_ year: Int, serial: Int, validity: String, by next: String?) -> String {
            SampleSite.policy
                .replacingOccurrences(of: "validity: 现行有效", with: "validity: \(validity)" + (next.map { "\nsuperseded_by: \($0)" } ?? ""))
                .replacingOccurrences(of: "示政办规〔2021〕3号", with: "示政办规〔\(year)〕\(serial)号")
                .replacingOccurrences(of: "2021-00003", with: "\(year)-0000\(serial)")
                .replacingOccurrences(of: "2021-05-1", with: "\(year)-05-1")
                .replacingOccurrences(of: "政务公开办法的通知", with: "政务公开办法（\(year)年）的通知")
        }
        files["Content/policies/v2018.md"] = older(2018, serial: 1, validity: "已废止", by: "policies/v2019")
        files["Content/policies/v2019.md"] = older(2019, serial: 2, validity: "已废止", by: "policies/gongkai")
        let site = try TempSite(files: files)
        let report = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(report.diagnostics.isEmpty)
        let first = try #require(site.read("Public/policies/v2018/index.html"))
        #expect(first.contains(#"<p><strong>本文件已废止</strong>，现行文件为<a href="/policies/gongkai/">《示例县人民政府办公室关于印发示例县政务公开办法的通知》</a>（示政办规〔2021〕3号）。</p>"#))
        #expect(site.read("Public/xxgk/normative/index.html")?.contains(#"<td>已废止</td><td><a href="/policies/gongkai/">"#) == true)

        // When the end of the chain is repealed too, the banner names the direct replacement.
        try site.write("Content/policies/gongkai.md", SampleSite.policy.replacingOccurrences(of: "validity: 现行有效", with: "validity: 已废止"))
        #expect(try Pipeline().run(BuildOptions(currentFolder: site.root)).diagnostics.errorCount == 0)
        let again = try #require(site.read("Public/policies/v2018/index.html"))
        #expect(again.contains(#"<p><strong>本文件已废止</strong>，由<a href="/policies/v2019/">《示例县人民政府办公室关于印发示例县政务公开办法（2019年）的通知》</a>（示政办规〔2019〕2号）替代。</p>"#))
    }

    @Test("a catalog section lists its public documents and those of its subsections, newest first")
    func sectionList() throws {
        let site = try TempSite(files: SampleSite.files)
        _ = try Pipeline().run(BuildOptions(currentFolder: site.root))
        let section = try #require(site.read("Public/xxgk/zcwj/index.html"))
        #expect(section.contains(#"<tr><td class="index-number">11370921004336564T/2021-00003</td><td class="title"><a href="/policies/gongkai/">示例县人民政府办公室关于印发示例县政务公开办法的通知</a></td><td class="number">示政办规〔2021〕3号</td><td>示例县人民政府办公室</td><td class="date"><time datetime="2021-05-12">2021-05-12</time></td><td>现行有效</td></tr>"#))
        #expect(section.contains("共 1 条"))
        let home = try #require(site.read("Public/index.html"))
        let plan = try #require(home.range(of: "2021年示例县政务公开工作要点"))
        let interpretation = try #require(home.range(of: "《示例县政务公开办法》政策解读"))
        #expect(plan.lowerBound < interpretation.lowerBound)
    }

    @Test("attachments of public documents are published beside them")
    func attachments() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(
            of: "normative: true\n", with: "normative: true\nattachments:\n  - {file: 附件1.txt, title: 附件1：申请表}\n")
        files["Content/policies/附件1.txt"] = "申请表\n"
        let site = try TempSite(files: files)
        let report = try Pipeline().run(BuildOptions(currentFolder: site.root))
        #expect(report.diagnostics.isEmpty)
        #expect(site.read("Public/policies/附件1.txt") == "申请表\n")
        let page = try #require(site.read("Public/policies/gongkai/index.html"))
        #expect(page.contains(#"<li><a href="/policies/%E9%99%84%E4%BB%B61.txt">附件1：申请表</a> <span class="file-name">（附件1.txt）</span></li>"#))
    }

    @Test("an agency page lists the tasks the agency leads and the documents it issued")
    func agencyPage() throws {
        let site = try TempSite(files: SampleSite.files)
        _ = try Pipeline().run(BuildOptions(currentFolder: site.root))
        let fgj = try #require(site.read("Public/agencies/fgj/index.html"))
        #expect(fgj.contains(#"<tr><td><a href="/plans/2021-yaodian/">2021年示例县政务公开工作要点</a></td><td>1</td><td>及时公开重大项目建设信息。</td><td>牵头</td><td>2021年12月底前</td><td></td></tr>"#))
        let xzfb = try #require(site.read("Public/agencies/xzfb/index.html"))
        #expect(xzfb.contains("<td>参与</td>"))
        #expect(xzfb.contains(#"<a href="/policies/gongkai/">"#))
    }

    @Test("every page has the footer marks and no external src or href")
    func footerAndSelfContained() throws {
        let site = try TempSite(files: SampleSite.files)
        _ = try Pipeline().run(BuildOptions(currentFolder: site.root))
        let pages = site.files(under: "Public").filter { $0.hasSuffix(".html") }
        #expect(pages.count == 21)
        for page in pages {
            let html = try #require(site.read("Public/\(page)"))
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"), "\(page)")
            #expect(html.contains("网站标识码：3709210001") && html.contains("鲁ICP备05012345号") && html.contains("鲁公网安备37092102000123号"), "\(page)")
            #expect(html.components(separatedBy: "<h1").count == 2, "one h1 in \(page)")
            // The canonical link names the portal's own address; nothing else may name a host.
            let withoutCanonical = html.replacingOccurrences(of: #"<link rel="canonical" href="https://www.example.gov.cn/"#, with: "")
            for attribute in ["src=\"http", "href=\"http", "src=\"//", "href=\"//"] {
                #expect(!withoutCanonical.contains(attribute), "\(attribute) in \(page)")
            }
            // Scripts come from the theme's own assets only: the view modes' on every page, and the search page's.
            let scripts = html.components(separatedBy: "<script").count - 1
            #expect(scripts == (page == "search/index.html" ? 2 : 1), "\(page)")
            #expect(html.contains(#"<script src="/assets/view-modes.js"></script>"#), "\(page)")
            if page == "search/index.html" { #expect(html.contains(#"<script type="module" src="/assets/search-page.js"></script>"#)) }
        }
    }
}

@Suite("Rendered bodies in memory or in a spill file")
struct SpilledBodyTests {
    let asOf = CalendarDate(iso: "2026-11-22")

    @Test("the example portal builds to the same site, byte for byte, with its bodies in memory and in a spill file")
    func sameSite() throws {
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: site.url("Content"))
        let inMemory = BuildOptions(output: "InMemory", asOf: asOf, incremental: false, currentFolder: site.root)
        var spilled = BuildOptions(output: "Spilled", asOf: asOf, incremental: false, currentFolder: site.root)
        spilled.spilledBodyBytes = 0
        // A clean build of a portal this size keeps its bodies in memory.
        #expect(try !Pipeline().analyse(inMemory).bodies.isSpilled)
        #expect(try Pipeline().analyse(spilled).bodies.isSpilled)
        let memoryResult = try Pipeline().run(inMemory)
        let spilledResult = try Pipeline().run(spilled)
        #expect(memoryResult.published && spilledResult.published)
        let files = Tree.contents(under: site.url("InMemory"))
        #expect(files.count > 400)
        #expect(files == Tree.contents(under: site.url("Spilled")))
        #expect(memoryResult.diagnostics.sorted == spilledResult.diagnostics.sorted)
    }

    @Test("after a build that kept its bodies in its cache, the next build spills, to refer to them there")
    func spillsAfterACache() throws {
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: site.url("Content"))
        let options = BuildOptions(asOf: asOf, currentFolder: site.root)
        #expect(try Pipeline().run(options).published)
        let next = try Pipeline().analyse(options)
        #expect(next.bodies.isSpilled)
    }
}
