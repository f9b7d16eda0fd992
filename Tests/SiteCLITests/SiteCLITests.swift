import Foundation
import SiteTestSupport
import Testing

/// Runs the built `site` binary, as CI and editors do.
struct SiteBinary {
    /// `site` is built next to the test bundle.
    static var url: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("site") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

@Suite("The site command")
struct SiteCLITests {
    @Test("the binary exists")
    func binaryExists() {
        #expect(FileManager.default.isExecutableFile(atPath: SiteBinary.url.path), "\(SiteBinary.url.path)")
    }

    @Test("--version prints the version")
    func version() throws {
        let site = try TempSite(files: [:])
        let result = try SiteBinary.run(["--version"], in: site.root)
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    @Test("--help names the commands")
    func help() throws {
        let site = try TempSite(files: [:])
        let result = try SiteBinary.run(["--help"], in: site.root)
        #expect(result.status == 0)
        #expect(result.stdout.contains("build"))
        #expect(result.stdout.contains("check"))
        #expect(result.stdout.contains("init"))
        #expect(result.stdout.contains("serve"))
        #expect(result.stdout.contains("Exit codes"))
    }

    @Test("a valid site builds with exit code 0 and a one-line summary")
    func validBuild() throws {
        let site = try TempSite(files: SampleSite.files)
        let result = try SiteBinary.run(["build", "--as-of", "2021-06-01"], in: site.root)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("Built 49 files from 3 public documents (4 loaded) into Public/ as of 2021-06-01 in "))
        #expect(site.exists("Public/index.html"))
    }

    @Test("a build that replaces a site leaves nothing beside it: the previous site is removed before the process exits")
    func previousSiteRemoved() throws {
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: site.url("Content"))
        for round in 1...3 {
            try site.write("Content/policies/2018-dibao-banfa.md", try String(contentsOf: site.url("Content/policies/2018-dibao-banfa.md"), encoding: .utf8) + "\n第\(round)次修订。\n")
            let result = try SiteBinary.run(["build", "--as-of", "2026-11-22"], in: site.root)
            #expect(result.status == 0, "\(result.stderr)")
            let beside = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".Public.") }
            #expect(beside.isEmpty, "round \(round): \(beside)")
        }
    }

    @Test("--verbose prints each phase with its time, the peak memory so far, which never falls, and the memory then")
    func verbosePhases() throws {
        let site = try TempSite(files: SampleSite.files)
        let result = try SiteBinary.run(["build", "--clean", "--verbose", "--as-of", "2021-06-01"], in: site.root)
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n").filter { $0.hasSuffix(" MiB") }
        let phases = lines.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(phases == ["inputs", "load", "markdown", "check", "prepare", "search", "render", "export", "audit", "write", "cache"])
        /// The number after `word` on a line (`peak   110 MiB, now    98 MiB`).
        func figure(_ word: String, _ line: Substring) -> Int? {
            let words = line.split(separator: " ")
            return words.firstIndex(of: Substring(word)).flatMap { words.index(after: $0) < words.endIndex ? Int(words[words.index(after: $0)]) : nil }
        }
        let peaks = lines.compactMap { figure("peak", $0) }
        let now = lines.compactMap { figure("now", $0.replacingOccurrences(of: ",", with: "")[...]) }
        #expect(peaks.count == phases.count)
        #expect(peaks == peaks.sorted())
        #expect((peaks.first ?? 0) > 1)
        #expect(now.count == phases.count, "Linux has /proc/self/statm")
        #expect(zip(now, peaks).allSatisfy { $0 <= $1 && $0 > 0 })
        // mimalloc serves malloc (Package.swift links it into `site`), not glibc.
        #expect(result.stderr.split(separator: "\n").contains { $0.hasPrefix("  allocator: mimalloc 2.") })
    }

    @Test("a site with errors exits 1, prints them on stderr and publishes nothing")
    func invalidBuild() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(of: "issuer: xzfb", with: "issuer: xzfd")
        let site = try TempSite(files: files)
        let result = try SiteBinary.run(["build"], in: site.root)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            Content/policies/gongkai.md:4:9: error: agency 'xzfd' is not defined in agencies.yaml [graph.unknown-agency]
                issuer: xzfd
                        ^
              hint: did you mean 'xzf'?
            1 error, 0 warnings in 1 file
              graph.unknown-agency: 1 error
            Nothing was published because of errors.

            """)
        #expect(!site.exists("Public"))
    }

    @Test("a theme style sheet that imports a font from another host fails the build at its line and column, and publishes nothing")
    func themeStylesheetAudit() throws {
        let site = try TempSite(files: SampleSite.files)
        let css = try #require(site.read("Templates/assets/site.css"))
        try site.write("Templates/assets/site.css", "@import url(https://fonts.example.com/css?family=Noto+Sans+SC);\n" + css)
        let result = try SiteBinary.run(["build", "--as-of", "2021-06-01"], in: site.root)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            Public/assets/site.css:1:9: error: CSS @import loads 'https://fonts.example.com/css?family=Noto+Sans+SC' from another host [ipv6.third-party-subresource]
              hint: copy the file into Templates/assets/: pages must load nothing from other hosts
            1 error, 0 warnings in 1 file
              ipv6.third-party-subresource: 1 error
            Nothing was published because of errors.

            """)
        #expect(!site.exists("Public"))
    }

    @Test("--format github prints workflow annotations")
    func githubFormat() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(of: "issuer: xzfb", with: "issuer: xzfd")
        let site = try TempSite(files: files)
        let result = try SiteBinary.run(["check", "--format", "github"], in: site.root)
        #expect(result.status == 1)
        #expect(result.stderr == "::error file=Content/policies/gongkai.md,line=4,col=9,title=graph.unknown-agency::agency 'xzfd' is not defined in agencies.yaml%0Ahint: did you mean 'xzf'?\n")
    }

    @Test("--format github: privacy findings as error and warning annotations, the values masked")
    func githubPrivacy() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy + "身份证号11010519491231002X，旧证110105491231002。\n"
        let site = try TempSite(files: files)
        let result = try SiteBinary.run(["check", "--format", "github"], in: site.root)
        #expect(result.status == 1)
        let hint = "%0Ahint: de-identify personal data before publishing (mask it), or declare the lawful basis under 'privacy:' (DISCLOSURE.md §5.3)"
        #expect(result.stderr == """
            ::error file=Content/policies/gongkai.md,line=19,col=5,title=privacy.resident-id::resident ID number 110105********002X in the body\(hint)
            ::warning file=Content/policies/gongkai.md,line=19,col=26,title=privacy.resident-id-15::legacy 15-digit resident ID number 110105*****1002 in the body\(hint)

            """)
        #expect(!result.stderr.contains("11010519491231002X") && !result.stdout.contains("11010519491231002X"))
    }

    @Test("text and JSON reports show the source line with personal data masked, also in another finding on that line")
    func textPrivacy() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy + "联系人手机１３８１２３４５６７８，身份证号11010519491231002X，见[表](missing.md)。\n"
        files["Content/policies/11010519491231002X.pdf"] = "%PDF"
        files["Content/policies/gongkai.md"] = files["Content/policies/gongkai.md"]!.replacingOccurrences(
            of: "normative: true\n", with: "normative: true\nattachments:\n  - {file: 11010519491231002X.pdf, title: 附件}\n")
        let site = try TempSite(files: files)
        for format in ["text", "json"] {
            let result = try SiteBinary.run(["check", "--format", format], in: site.root)
            #expect(result.status == 1)
            let output = result.stdout + result.stderr
            #expect(output.contains("1381234") == false && output.contains("１３８１２３４") == false, "\(format)")
            #expect(output.contains("11010519491231") == false, "\(format)")
            if format == "text" {
                #expect(output.contains("    联系人手机*******５６７８，身份证号**************002X，见[表](missing.md)。\n"))
                #expect(output.contains("graph.dangling-link"))
            }
        }
    }

    @Test("a rule set in site.yaml changes its findings, and every format prints the setting with its reason")
    func ruleSettings() throws {
        var files = SampleSite.files
        files["Content/site.yaml"] = SampleSite.siteYAML + """
            rules:
              markdown.raw-html:
                severity: error
                reason: 本站不接受正文中的HTML代码
              time.proactive-20wd:
                severity: off
                reason: 2021年的文件由档案补录

            """
        files["Content/plans/2021-yaodian.md"] = SampleSite.plan + "\n<div>表格</div>\n"
        let site = try TempSite(files: files)
        let text = try SiteBinary.run(["check", "--as-of", "2021-06-01"], in: site.root)
        #expect(text.status == 1)
        #expect(text.stderr.hasSuffix("""
            1 error, 0 warnings in 1 file
              markdown.raw-html: 1 error
            Rules set by site.yaml:
              markdown.raw-html: error (1 finding) — 本站不接受正文中的HTML代码
              time.proactive-20wd: off (0 findings) — 2021年的文件由档案补录
            The check failed because of errors.

            """))
        let json = try SiteBinary.run(["check", "--as-of", "2021-06-01", "--format", "json"], in: site.root)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let settings = try #require(object?["ruleSettings"] as? [[String: Any]])
        #expect(settings.map { $0["code"] as? String } == ["markdown.raw-html", "time.proactive-20wd"])
        #expect(settings.map { $0["severity"] as? String } == ["error", "off"])
        #expect(settings.first?["reason"] as? String == "本站不接受正文中的HTML代码")
        let github = try SiteBinary.run(["check", "--as-of", "2021-06-01", "--format", "github"], in: site.root)
        #expect(github.stderr.hasSuffix("""
            ::notice title=markdown.raw-html::set by site.yaml: markdown.raw-html: error (1 finding) — 本站不接受正文中的HTML代码
            ::notice title=time.proactive-20wd::set by site.yaml: time.proactive-20wd: off (0 findings) — 2021年的文件由档案补录

            """))
    }

    @Test("a rule setting must name a configurable rule and give a reason")
    func ruleSettingErrors() throws {
        var files = SampleSite.files
        files["Content/site.yaml"] = SampleSite.siteYAML + """
            rules:
              interp.form:
                severity: off
                reason: 试点
              privacy.mobile:
                severity: off
                reason: 试点
              interp.forms:
                severity: warning

            """
        let site = try TempSite(files: files)
        let result = try SiteBinary.run(["check", "--as-of", "2021-06-01"], in: site.root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/site.yaml:11:3: error: "))
        #expect(result.stderr.contains("[config.rule]"))
        #expect(result.stderr.contains("hint: did you mean 'interp.forms'?"))
        #expect(result.stderr.contains("Content/site.yaml:14:3: error: "))
        #expect(result.stderr.contains("Content/site.yaml:17:3: error: "))
    }

    @Test("--format json prints a report on stdout")
    func jsonFormat() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(of: "issuer: xzfb", with: "issuer: xzfd")
        let site = try TempSite(files: files)
        let result = try SiteBinary.run(["check", "--format", "json"], in: site.root)
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let diagnostics = try #require(object?["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?["code"] as? String == "graph.unknown-agency")
        #expect(diagnostics.first?["line"] as? Int == 4)
        #expect(diagnostics.first?["column"] as? Int == 9)
        #expect(object?["errors"] as? Int == 1)
    }

    @Test("check writes nothing")
    func checkWritesNothing() throws {
        let site = try TempSite(files: SampleSite.files)
        let result = try SiteBinary.run(["check"], in: site.root, environment: ["SOURCE_DATE_EPOCH": "1622505600"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Checked 4 documents (3 public) as of 2021-06-01 in "))
        #expect(!site.exists("Public"))
    }

    @Test("a missing content folder exits 2 with a hint")
    func missingFolder() throws {
        let site = try TempSite(files: [:])
        let result = try SiteBinary.run(["build"], in: site.root)
        #expect(result.status == 2)
        #expect(result.stderr == """
            error: the content folder 'Content' does not exist
              hint: run site in the portal's folder (the one holding Content/), or pass --source

            """)
    }

    @Test("an output folder that is the source folder is refused with exit 2")
    func refusedOutput() throws {
        let site = try TempSite(files: SampleSite.files)
        let result = try SiteBinary.run(["build", "--output", "Content"], in: site.root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("will not write the site to"))
        #expect(site.exists("Content/site.yaml"))
    }

    @Test("site new writes a document with the next free 索引号, and site lock records it")
    func newAndLock() throws {
        let site = try TempSite(files: SampleSite.files)
        let created = try SiteBinary.run(["new", "interpretation", "interpretations/jd-2", "--title", "图解", "--as-of", "2021-05-14"], in: site.root)
        #expect(created.status == 0)
        #expect(created.stdout == "Wrote Content/interpretations/jd-2.md with 索引号 11370921004336564T/2021-00010\n")
        let locked = try SiteBinary.run(["lock"], in: site.root)
        #expect(locked.status == 0)
        #expect(locked.stdout == "Recorded 4 索引号 in Content/index-numbers.lock\n")
        // What site new leaves for the editor fails --strict until it is filled in.
        let unfinished = try SiteBinary.run(["check", "--strict"], in: site.root)
        #expect(unfinished.status == 1)
        #expect(unfinished.stderr.contains("  content.placeholder: 1 warning\n  interp.unlinked: 1 warning\n"))
        let path = "Content/interpretations/jd-2.md"
        try site.write(path, try #require(site.read(path))
            .replacingOccurrences(of: "# interprets: policies/<id of the policy>", with: "interprets: policies/gongkai")
            .replacingOccurrences(of: "（正文）", with: "一图读懂示例县政务公开办法。"))
        let check = try SiteBinary.run(["check", "--strict"], in: site.root)
        #expect(check.status == 0, "\(check.stderr)")
        let again = try SiteBinary.run(["new", "page", "interpretations/jd-2"], in: site.root)
        #expect(again.status == 2)
        #expect(again.stderr == "error: 'Content/interpretations/jd-2.md' already exists\n")
    }

    @Test("site lock gives a document whose 索引号 line was deleted the number the ledger records, not a new one")
    func lockRestores() throws {
        let site = try TempSite(files: SampleSite.files)
        #expect(try SiteBinary.run(["lock"], in: site.root).status == 0)
        let path = "Content/policies/gongkai.md"
        let original = try #require(site.read(path))
        try site.write(path, original.replacingOccurrences(of: "index_number: 11370921004336564T/2021-00003\n", with: ""))
        let check = try SiteBinary.run(["check"], in: site.root)
        #expect(check.stderr.contains("hint: run 'site lock': it restores the 索引号 the ledger records for this document, or gives it the next free one"))
        let ledger = try #require(site.read("Content/index-numbers.lock"))
        let locked = try SiteBinary.run(["lock"], in: site.root)
        #expect(locked.stdout == "\(path): index_number: 11370921004336564T/2021-00003\nRecorded 0 索引号 in Content/index-numbers.lock\n")
        #expect(site.read("Content/index-numbers.lock") == ledger)
        #expect(try SiteBinary.run(["check", "--strict"], in: site.root).status == 0)
    }

    @Test("site check reports what the output audit finds even when the content has errors; site build stops before rendering")
    func checkAuditsDespiteErrors() throws {
        var files = SampleSite.files
        files["Content/policies/gongkai.md"] = SampleSite.policy.replacingOccurrences(of: "issuer: xzfb", with: "issuer: nobody")
        files["Content/pages/about.md"] = "---\ntitle: 关于本站\nkind: page\npublished: 2021-06-01\ndisclosure: 主动公开\ncatalog: [zcwj]\n---\n\n#### 四级标题\n"
        let site = try TempSite(files: files)
        let check = try SiteBinary.run(["check"], in: site.root)
        #expect(check.status == 1)
        #expect(check.stderr.contains("[graph.unknown-agency]"))
        #expect(check.stderr.contains("  a11y.heading-order: 1 error\n"))
        let build = try SiteBinary.run(["build"], in: site.root)
        #expect(build.status == 1)
        #expect(!build.stderr.contains("a11y.heading-order"))
        #expect(!site.exists("Public"))
    }

    @Test("site build --drafts writes Preview/ and refuses Public/; site check counts review records")
    func draftsAndReviewCounts() throws {
        var files = SampleSite.files
        files["Content/site.yaml"] = SampleSite.siteYAML + "review_records: recommended\n"
        let site = try TempSite(files: files)
        let refused = try SiteBinary.run(["build", "--drafts", "--output", "Public"], in: site.root)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--drafts writes a preview, never into 'Public'"))
        let preview = try SiteBinary.run(["build", "--drafts"], in: site.root)
        #expect(preview.status == 0)
        #expect(site.exists("Preview/index.html") && !site.exists("Public"))
        #expect(preview.stdout.contains("into Preview/"))
        let check = try SiteBinary.run(["check"], in: site.root)
        #expect(check.stdout.contains("Review records of 3 public documents: 0 complete, 0 incomplete, 3 missing\n"))
    }

    @Test("site graph prints nodes and edges")
    func graph() throws {
        let site = try TempSite(files: SampleSite.files)
        let result = try SiteBinary.run(["graph"], in: site.root)
        #expect(result.status == 0)
        #expect(result.stdout.contains("node policies/neibu policy 不予公开 \"内部事务文件\"\n"))
        #expect(result.stdout.contains("edge interpretations/gongkai-jd interprets policies/gongkai\n"))
        #expect(result.stdout.contains("edge plans/2021-yaodian#task-1 lead fgj\n"))
    }

    @Test("site graph needs no Templates/, and exits 1 with the errors after printing what it could link")
    func graphWithoutThemeAndWithErrors() throws {
        var files = SampleSite.files
        files["Content/interpretations/gongkai-jd.md"] = SampleSite.interpretation.replacingOccurrences(of: "interprets: policies/gongkai", with: "interprets: policies/gongkia")
        let site = try TempSite(files: files, defaultTheme: false)
        let result = try SiteBinary.run(["graph"], in: site.root)
        #expect(result.status == 1)
        #expect(result.stdout.contains("node policies/gongkai policy 主动公开"))
        #expect(!result.stdout.contains("interprets"))
        #expect(result.stderr.contains("Content/interpretations/gongkai-jd.md:10:13: error:") && result.stderr.contains("[interp.target]"))
        try site.write("Content/interpretations/gongkai-jd.md", SampleSite.interpretation)
        let clean = try SiteBinary.run(["graph"], in: site.root)
        #expect(clean.status == 0)
        #expect(clean.stderr.isEmpty)
        #expect(clean.stdout.contains("edge interpretations/gongkai-jd interprets policies/gongkai\n"))
    }

    @Test("an unknown option exits 64")
    func usageError() throws {
        let site = try TempSite(files: [:])
        let result = try SiteBinary.run(["build", "--outptu", "x"], in: site.root)
        #expect(result.status == 64)
    }
}
