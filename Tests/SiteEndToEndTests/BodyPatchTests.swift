import Foundation
import SiteCore
import SiteTestSupport
import Testing

@testable import SiteBuild

/// The build after an edit to bodies alone patches the last build's site (`BodyPatch`): these
/// check that it does so when it may, that it declines otherwise, and that either way the output
/// is byte for byte a clean build's.
@Suite("Incremental builds: a body edit patches the last site")
struct BodyPatchTests {
    static let asOf = CalendarDate(iso: "2026-11-22")

    /// Every file of the site an hour old: the next build reads only what is edited after this
    /// (a file saved within two seconds of a build always counts as changed).
    func age(_ site: TempSite) throws {
        for folder in ["Content", "Templates"] {
            for path in site.files(under: folder) {
                try FileManager.default.setAttributes([.modificationDate: IncrementalBuildTests.anHourAgo], ofItemAtPath: site.url("\(folder)/\(path)").path)
            }
        }
    }

    func build(_ site: TempSite) throws -> BuildReport {
        try Pipeline().run(BuildOptions(asOf: Self.asOf, incremental: true, currentFolder: site.root))
    }

    /// Builds the site afresh into Clean/ and expects Public/ to hold the same files, byte for byte.
    func expectSameAsClean(_ site: TempSite, _ context: String) throws -> BuildReport {
        let clean = try Pipeline().run(BuildOptions(output: "Clean", asOf: Self.asOf, incremental: false, currentFolder: site.root))
        let built = Tree.contents(under: site.url("Public"))
        let expected = Tree.contents(under: site.url("Clean"))
        #expect(Set(built.keys) == Set(expected.keys), "\(context): different files")
        for (path, data) in expected where built[path] != data { Issue.record("\(context): \(path) differs from a clean build") }
        return clean
    }

    /// `text` with a paragraph put at the start of its body (after the front matter) and one at its end.
    func editedBody(_ text: String, _ words: String) -> String {
        let parts = text.components(separatedBy: "\n---\n")
        return parts[0] + "\n---\n\n" + words + "：开头新增的一段。\n" + parts.dropFirst().joined(separator: "\n---\n") + "\n" + words + "：结尾新增的一段。\n"
    }

    @Test("paragraphs added to a policy and a plan: their pages and the search index are patched, every other file linked over")
    func patched() throws {
        let site = try TempSite(files: SampleSite.files)
        try age(site)
        let first = try build(site)
        #expect(first.published && !first.patched)
        let pageBefore = try #require(site.read("Public/plans/2021-yaodian/index.html"))

        for path in ["Content/policies/gongkai.md", "Content/plans/2021-yaodian.md"] {
            try site.write(path, editedBody(site.read(path)!, "数字政府建设"))
        }
        let patched = try build(site)
        #expect(patched.published)
        #expect(patched.patched && patched.patchedDocumentCount == 2, "declined: \(patched.patchDeclined ?? "-")")
        #expect(patched.timings.map(\.phase).contains("patch"))
        #expect(patched.reusedFileCount > 0 && patched.reusedFileCount < patched.fileCount)
        let page = try #require(site.read("Public/plans/2021-yaodian/index.html"))
        #expect(page != pageBefore && page.contains("数字政府建设：开头新增的一段。") && page.contains("数字政府建设：结尾新增的一段。"))
        let clean = try expectSameAsClean(site, "after the patch")
        #expect(patched.diagnostics.sorted == clean.diagnostics.sorted)
        #expect(patched.fileCount == clean.fileCount)

        // The patch's cache serves the next builds: nothing changed, then another edit patched again.
        let again = try build(site)
        #expect(again.reusedFileCount == again.fileCount)
        try age(site)
        try site.write("Content/policies/gongkai.md", site.read("Content/policies/gongkai.md")! + "\n第三次修改。\n")
        let third = try build(site)
        #expect(third.patched && third.patchedDocumentCount == 1, "declined: \(third.patchDeclined ?? "-")")
        _ = try expectSameAsClean(site, "after the second patch")
    }

    @Test(
        "declined, and the full build runs, when the edit changes more than a body's text",
        arguments: [
            ("a title", "changed more than its body"),
            ("a link", "changed more than its body"),
            ("a mobile number", "has findings"),
            ("a template", "is not a document"),
            ("a new file", "added, removed or renamed"),
        ])
    func declined(edit: String, reason: String) throws {
        let site = try TempSite(files: SampleSite.files)
        try age(site)
        #expect(try build(site).published)
        let policy = "Content/policies/gongkai.md"
        let text = site.read(policy)!
        switch edit {
        case "a title":
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("title: ") })
            try site.write(policy, text.replacingOccurrences(of: String(line), with: line + "（修订）"))
        case "a link":
            try site.write(policy, text + "\n参见[解读](../interpretations/gongkai-jd.md)。\n")
        case "a mobile number":
            try site.write(policy, text + "\n联系电话：13912345678。\n")
        case "a template":
            try site.write("Templates/partials/footer.mustache", site.read("Templates/partials/footer.mustache")! + "<!-- 修改 -->\n")
            try site.write(policy, text + "\n补充一段。\n")
        default:
            try site.write("Content/policies/another.md", text.replacingOccurrences(of: "title: ", with: "title: 另一份"))
        }
        let report = try build(site)
        #expect(!report.patched)
        #expect(report.patchDeclined?.contains(reason) == true, "\(edit): \(report.patchDeclined ?? "-")")
        if report.published { _ = try expectSameAsClean(site, edit) }
    }

    /// Where the site's patch builds keep the site before them.
    func spare(_ site: TempSite) -> URL {
        let options = BuildOptions(asOf: Self.asOf, currentFolder: site.root)
        return BuildCache.spareURL(folder: options.cacheFolder, output: options.output)
    }

    @Test("a full build leaves a copy of its site, and a patch build the site before it, in the cache folder: the next patch build's staging folder")
    func spareSite() throws {
        let site = try TempSite(files: SampleSite.files)
        try age(site)
        #expect(try build(site).published)
        try expectTwin(site, "after the first build")
        let policy = "Content/policies/gongkai.md"
        for round in 1...3 {
            try site.write(policy, site.read(policy)! + "\n第\(round)次补充。\n")
            let report = try build(site)
            #expect(report.patched, "round \(round): \(report.patchDeclined ?? "-")")
            // Every patch starts from the spare: the full build's copy, then the site before the last.
            #expect(report.timings.map(\.phase).contains("recycle"), "round \(round)")
            #expect(FileManager.default.fileExists(atPath: spare(site).appendingPathComponent("index.html").path))
            _ = try expectSameAsClean(site, "round \(round)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".Public") }.isEmpty)
        try site.write("Templates/partials/footer.mustache", site.read("Templates/partials/footer.mustache")! + "<!-- 修改 -->\n")
        try age(site)  // the next patch build then sees the template as saved well before this build
        let full = try build(site)
        #expect(full.published && !full.patched)
        try expectTwin(site, "after the full build")
        _ = try expectSameAsClean(site, "after the full build")
        // Without a spare (removed by hand), the patch build links the last site over.
        try FileManager.default.removeItem(at: spare(site))
        try site.write(policy, site.read(policy)! + "\n第四次补充。\n")
        let linked = try build(site)
        #expect(linked.patched && linked.timings.map(\.phase).contains("link"), "\(linked.patchDeclined ?? "-")")
        _ = try expectSameAsClean(site, "without a spare")
    }

    /// That the spare is the output's files and nothing else, each a hard link of the output's.
    func expectTwin(_ site: TempSite, _ label: String) throws {
        let output = site.url("Public")
        let files = FileStamp.tree(under: output).map(\.path)
        #expect(FileStamp.tree(under: spare(site)).map(\.path) == files, "\(label)")
        for path in files {
            let a = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path)[.systemFileNumber] as? Int
            let b = try FileManager.default.attributesOfItem(atPath: spare(site).appendingPathComponent(path).path)[.systemFileNumber] as? Int
            #expect(a != nil && a == b, "\(label): \(path)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".Public") }.isEmpty, "\(label)")
    }

    @Test(
        "a file of the output changed by hand after a patch build: in place, the next build builds in full; replaced, the spare's copy is used; either way it is put back",
        arguments: [true, false])
    func changedByHand(inPlace: Bool) throws {
        let site = try TempSite(files: SampleSite.files)
        try age(site)
        #expect(try build(site).published)
        let policy = "Content/policies/gongkai.md"
        try site.write(policy, site.read(policy)! + "\n第一次补充。\n")
        #expect(try build(site).patched)
        let home = site.url("Public/index.html")
        if inPlace {
            let handle = try FileHandle(forWritingTo: home)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("<!-- 手工修改 -->".utf8))
            try handle.close()
        } else {
            try Data("手工替换的首页".utf8).write(to: home, options: .atomic)
        }
        try site.write(policy, site.read(policy)! + "\n第二次补充。\n")
        let report = try build(site)
        #expect(report.published)
        #expect(report.patched == !inPlace, "\(report.patchDeclined ?? "-")")
        _ = try expectSameAsClean(site, inPlace ? "changed in place" : "replaced")
    }

    @Test("the example portal, which keeps review records: a body edit is patched; one that prints a reviewer's ID is not, and the full build finds the leak")
    func reviewRecords() throws {
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: site.url("Content"))
        try age(site)
        let first = try build(site)
        #expect(first.published && !first.reviewCounts.isEmpty)
        let policy = "Content/policies/2018-dibao-banfa.md"
        try site.write(policy, site.read(policy)! + "\n补充一段说明。\n")
        let patched = try build(site)
        #expect(patched.patched, "\(patched.patchDeclined ?? "-")")
        #expect(patched.reviewCounts.map(\.count) == first.reviewCounts.map(\.count))
        _ = try expectSameAsClean(site, "a body edit")

        try site.write(policy, site.read(policy)! + "\n经办人：ny-xzfb-03。\n")
        let leaked = try build(site)
        #expect(!leaked.patched && leaked.patchDeclined?.contains("reviewer") == true, "\(leaked.patchDeclined ?? "-")")
        #expect(leaked.diagnostics.sorted.contains { $0.code == "review.leak" })
    }

    @Test("a theme that shows the body twice: pages are not patched, and the site is still a clean build's")
    func bodyTwice() throws {
        let site = try TempSite(files: SampleSite.files)
        let partial = "Templates/partials/document-body.mustache"
        try site.write(partial, site.read(partial)!.replacingOccurrences(of: "{{{bodyHTML}}}", with: "{{{bodyHTML}}}\n<aside>{{{bodyHTML}}}</aside>"))
        try age(site)
        #expect(try build(site).published)
        try site.write("Content/policies/gongkai.md", site.read("Content/policies/gongkai.md")! + "\n补充一段。\n")
        let report = try build(site)
        #expect(!report.patched)
        #expect(report.patchDeclined?.contains("not published with a body the patch can replace") == true, "\(report.patchDeclined ?? "-")")
        _ = try expectSameAsClean(site, "body twice")
    }
}
