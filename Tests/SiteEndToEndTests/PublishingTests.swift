import Foundation
import SiteBuild
import SiteCore
import SiteTestSupport
import Testing

/// Review records (三审三校, 先审后发), drafts, scheduled publication and change history.
@Suite("Publishing workflow")
struct PublishingTests {
    /// A complete record for the sample policy (published 2021-05-12), in front-matter lines.
    static let review = """
        review:
          confidentiality: {by: sl-bm-01, on: 2021-05-11}
          stages:
            - {stage: 初审, by: sl-bgs-03, on: 2021-05-10}
            - {stage: 复审, by: sl-bgs-02, on: 2021-05-11}
            - {stage: 终审, by: sl-bgs-01, on: 2021-05-11}

        """

    /// The sample site with review records on its public documents and `review_records` set.
    static func reviewedSite(policyReview: String = review, setting: String = "required") -> [String: String] {
        var files = SampleSite.files
        files["Content/site.yaml"] = SampleSite.siteYAML + "review_records: \(setting)\n"
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(of: "normative: true\n", with: "normative: true\n" + policyReview)
        for (path, text, day) in [("Content/interpretations/gongkai-jd.md", SampleSite.interpretation, "2021-05-13"), ("Content/plans/2021-yaodian.md", SampleSite.plan, "2021-05-21")] {
            let record = review.replacingOccurrences(of: "2021-05-1", with: "\(day.dropLast())")
            files[path] = text.replacingOccurrences(of: "\n---\n", with: "\n" + record + "---\n")
        }
        return files
    }

    func build(_ files: [String: String], options: (URL) -> BuildOptions = { BuildOptions(currentFolder: $0) }) throws -> (TempSite, BuildReport) {
        let site = try TempSite(files: files)
        return (site, try Pipeline().run(options(site.root)))
    }

    func lines(_ report: BuildReport) -> [String] {
        report.diagnostics.sorted.map { "\($0.location.map { "\($0.path):\($0.line):\($0.column)" } ?? "-") \($0.severity.rawValue) \($0.code) \($0.message)" }
    }

    // MARK: Review records

    @Test("complete records build clean, are never rendered, and are counted")
    func completeRecords() throws {
        let (site, report) = try build(Self.reviewedSite())
        #expect(lines(report) == [])
        #expect(report.reviewCounts.map { "\($0.state) \($0.count)" } == ["complete 3", "incomplete 0", "missing 0"])
        for (path, data) in Tree.contents(under: site.url("Public")) {
            #expect(data.range(of: Data("sl-bgs".utf8)) == nil && data.range(of: Data("sl-bm".utf8)) == nil, "reviewer in \(path)")
        }
    }

    @Test("review.missing: an error when required, a warning when recommended, nothing when not asked for")
    func missingRecords() throws {
        let without = { (setting: String?) -> [String: String] in
            var files = Self.reviewedSite(policyReview: "")
            files["Content/site.yaml"] = SampleSite.siteYAML + (setting.map { "review_records: \($0)\n" } ?? "")
            return files
        }
        #expect(lines(try build(without("required")).1) == [
            "Content/policies/gongkai.md:1:1 error review.missing public document has no review records ('review': 保密审查 and 初审、复审、终审)",
        ])
        #expect(lines(try build(without("recommended")).1).map { $0.split(separator: " ").prefix(3).joined(separator: " ") } == [
            "Content/policies/gongkai.md:1:1 warning review.missing",
        ])
        let (_, unasked) = try build(without(nil))
        #expect(lines(unasked) == [])
        #expect(unasked.reviewCounts.map { "\($0.state) \($0.count)" } == ["complete 2", "incomplete 0", "missing 1"])
    }

    @Test("each broken record is reported where it is written", arguments: [
        ("no 保密审查", "  confidentiality: {by: sl-bm-01, on: 2021-05-11}\n", "",
         "15:3 review.confidentiality 保密审查: there is none"),
        ("保密审查 after 发布日期", "on: 2021-05-11}\n  stages", "on: 2021-05-13}\n  stages",
         "15:39 review.confidentiality 保密审查: dated 2021-05-13, after 发布日期 2021-05-12"),
        ("two stages", "    - {stage: 复审, by: sl-bgs-02, on: 2021-05-11}\n", "",
         "15:3 review.three-stages 三审: the stages are 初审、终审, not 初审、复审、终审"),
        ("one person twice", "{stage: 终审, by: sl-bgs-01", "{stage: 终审, by: sl-bgs-03",
         "19:23 review.three-stages 三审: 'sl-bgs-03' signs both 初审 and 终审; three people review"),
        ("dates out of order", "{stage: 复审, by: sl-bgs-02, on: 2021-05-11}", "{stage: 复审, by: sl-bgs-02, on: 2021-05-09}",
         "18:38 review.three-stages 三审: 复审 on 2021-05-09 comes before 初审 on 2021-05-10"),
        ("a stage after 发布日期", "{stage: 终审, by: sl-bgs-01, on: 2021-05-11}", "{stage: 终审, by: sl-bgs-01, on: 2021-05-14}",
         "19:38 review.three-stages 三审: 终审 on 2021-05-14 is after 发布日期 2021-05-12"),
    ])
    func brokenRecords(_ name: String, _ old: String, _ new: String, _ expected: String) throws {
        #expect(Self.review.contains(old), "\(name)")
        let (_, report) = try build(Self.reviewedSite(policyReview: Self.review.replacingOccurrences(of: old, with: new)))
        #expect(report.diagnostics.sorted.map { "\($0.location!.line):\($0.location!.column) \($0.code) \($0.message)" } == [expected], "\(name)")
        #expect(!report.published)
    }

    @Test("review.leak: a reviewer's id printed by a body is an error, and nothing is published")
    func leak() throws {
        var files = Self.reviewedSite()
        files["Content/policies/gongkai.md"]! += "经办人：sl-bgs-02\n"
        let (site, report) = try build(files)
        #expect(lines(report).contains("Public/policies/gongkai/index.html:1:1 error review.leak reviewer 'sl-bgs-02' appears in Public/policies/gongkai/index.html: review records are internal and never published"))
        #expect(!report.published && !site.exists("Public"))
    }

    // MARK: Drafts and scheduling

    static let draftPolicy = SampleSite.policy
        .replacingOccurrences(of: "示政办规〔2021〕3号", with: "示政办规〔2021〕8号")
        .replacingOccurrences(of: "2021-00003", with: "2021-00030")
        .replacingOccurrences(of: "政务公开办法的通知", with: "政务公开考核办法（草案）的通知")
        .replacingOccurrences(of: "normative: true\n", with: "normative: false\ndraft: true\n")

    @Test("a draft is checked, listed, not published; a link to it from a public page is an error")
    func drafts() throws {
        var files = SampleSite.files
        files["Content/policies/kaohe.md"] = Self.draftPolicy
        let (site, report) = try build(files)
        #expect(lines(report) == ["Content/policies/kaohe.md:1:1 info publish.draft draft: checked, not published"])
        #expect(report.published && !site.exists("Public/policies/kaohe/index.html"))
        for (path, data) in Tree.contents(under: site.url("Public")) {
            #expect(data.range(of: Data("考核办法".utf8)) == nil, "draft in \(path)")
        }
        files["Content/policies/gongkai.md"] = SampleSite.policy + "见[考核办法](kaohe.md)。\n"
        let (_, linked) = try build(files)
        #expect(lines(linked).contains("Content/policies/gongkai.md:19:2 error publish.held-target a link names 'kaohe.md', which is a draft (draft: true): it is not published yet"))
    }

    @Test("a document published after the build's date is held back until a build on or after that day")
    func scheduled() throws {
        var files = SampleSite.files
        files["Content/policies/later.md"] = Self.draftPolicy
            .replacingOccurrences(of: "draft: true\n", with: "")
            .replacingOccurrences(of: "published: 2021-05-12", with: "published: 2021-07-01")
        let before = { (root: URL) in BuildOptions(asOf: CalendarDate(iso: "2021-06-30"), currentFolder: root) }
        let (site, report) = try build(files, options: before)
        #expect(lines(report).contains("Content/policies/later.md:8:12 info publish.scheduled scheduled: 发布日期 2021-07-01 is after the build's date, so it is published by the first build on or after that day"))
        #expect(!site.exists("Public/policies/later/index.html"))
        #expect(site.read("Public/sitemap.xml")?.contains("later") == false)
        let on = try Pipeline().run(BuildOptions(asOf: CalendarDate(iso: "2021-07-01"), currentFolder: site.root))
        #expect(on.published && site.exists("Public/policies/later/index.html"))
    }

    @Test("site build --drafts previews drafts and scheduled documents into Preview/, marked and noindex; never into Public/")
    func preview() throws {
        var files = SampleSite.files
        files["Content/policies/kaohe.md"] = Self.draftPolicy
        let site = try TempSite(files: files)
        var options = BuildOptions(output: "Preview", currentFolder: site.root)
        options.preview = true
        let report = try Pipeline().run(options)
        #expect(report.published)
        let page = try #require(site.read("Preview/policies/kaohe/index.html"))
        #expect(page.contains(#"<meta name="robots" content="noindex, nofollow">"#))
        #expect(page.contains(#"<div class="status-notice preview-notice" role="note"><p><strong>草稿：本页仅供审核预览，尚未发布</strong></p></div>"#))
        #expect(site.read("Preview/index.html")?.contains("预览版本：含草稿和定时发布的文件") == true)
        #expect(!site.exists("Public"))
        // The same folder built again without --drafts is a real build, not the preview repeated:
        // the draft goes.
        let published = try Pipeline().run(BuildOptions(output: "Preview", currentFolder: site.root))
        #expect(published.published && published.timings.map(\.phase) != ["unchanged"])
        #expect(!site.exists("Preview/policies/kaohe/index.html"))
        #expect(site.read("Preview/index.html")?.contains("预览版本") == false)
    }

    // MARK: Change history

    @Test("changes: 更新记录 on the page, the latest date in feeds and sitemap, and each change's own 20 working days")
    func changes() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(of: "normative: true\n", with: """
            normative: true
            changes:
              - {date: 2021-08-02, note: 修改第三条关于公开时限的规定}
              - {date: 2021-09-01, published: 2021-10-20, note: 更新附件}

            """)
        let (site, report) = try build(files)
        #expect(lines(report) == [
            "Content/policies/gongkai.md:16:35 warning time.proactive-20wd change published 2021-10-20, later than 20 working days after it was made on 2021-09-01 (due 2021-09-29)",
        ])
        let page = try #require(site.read("Public/policies/gongkai/index.html"))
        #expect(page.contains(#"<h2 id="changes-title">更新记录</h2>"#))
        #expect(page.contains(#"<li><time datetime="2021-08-02">2021-08-02</time> 修改第三条关于公开时限的规定</li>"#))
        #expect(site.read("Public/feed.xml")?.contains("<updated>2021-10-20T00:00:00+08:00</updated>") == true)
        #expect(site.read("Public/sitemap.xml")?.contains("<lastmod>2021-10-20</lastmod>") == true)
    }
}
