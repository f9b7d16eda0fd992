import Testing

@testable import SiteCore

@Suite("Printing diagnostics")
struct DiagnosticPrinterTests {
    let unknownKey = Diagnostic(
        .unknownKey(key: "publshed", suggestion: "published"),
        at: SourceLocation(path: "Content/a.md", line: 7, column: 1), excerpt: "publshed: 2021-05-12")

    @Test("text: location, severity, message, code, excerpt, caret, hint")
    func text() {
        #expect(DiagnosticPrinter().text(unknownKey) == """
            Content/a.md:7:1: error: unknown key 'publshed' [content.unknown-key]
                publshed: 2021-05-12
                ^
              hint: did you mean 'published'?

            """)
    }

    @Test("the caret sits under the column, counting Chinese characters as two cells and keeping tabs")
    func caret() {
        #expect(DiagnosticPrinter.caretPadding("中文 [链接](x.md)", column: 4) == "     ")
        #expect(DiagnosticPrinter.caretPadding("\t- 项目", column: 5) == "\t    ")
        #expect(DiagnosticPrinter.caretPadding("abc", column: 1) == "")
    }

    @Test("a very long line is cut around the column, and the caret still points at it")
    func longLine() {
        let line = String(repeating: "甲", count: 5000) + "[x](missing.md)" + String(repeating: "乙", count: 100_000)
        let (shown, column) = DiagnosticPrinter.window(line, column: 5001)
        #expect(shown == "…" + String(repeating: "甲", count: 60) + "[x](missing.md)" + String(repeating: "乙", count: 45) + "…")
        #expect(Array(shown.unicodeScalars)[column - 1] == "[")
        #expect(DiagnosticPrinter.window("short line", column: 3) == ("short line", 3))
        let start = DiagnosticPrinter.window(String(repeating: "a", count: 1000), column: 2)
        #expect(start == (String(repeating: "a", count: 120) + "…", 2))
    }

    @Test("the summary counts errors, warnings and files")
    func summary() {
        var diagnostics = Diagnostics()
        #expect(diagnostics.summary == "0 errors, 0 warnings")
        diagnostics.append(unknownKey)
        diagnostics.append(Diagnostic(.rawHTMLDropped, at: SourceLocation(path: "Content/b.md", line: 3, column: 1)))
        diagnostics.append(Diagnostic(.rawHTMLDropped, at: SourceLocation(path: "Content/b.md", line: 9, column: 1)))
        #expect(diagnostics.summary == "1 error, 2 warnings in 2 files")
    }

    @Test("the count per rule splits a rule's findings by severity")
    func countsPerRule() {
        var diagnostics = Diagnostics()
        let at = { (line: Int) in SourceLocation(path: "Content/b.md", line: line, column: 1) }
        diagnostics.append(Diagnostic(.rawHTMLDropped, at: at(1), severity: .error))
        diagnostics.append(Diagnostic(.rawHTMLDropped, at: at(2)))
        diagnostics.append(Diagnostic(.rawHTMLDropped, at: at(3), severity: .info))
        diagnostics.append(Diagnostic(.rawHTMLDropped, at: at(4), severity: .info))
        diagnostics.append(unknownKey)
        let report = DiagnosticPrinter().render(diagnostics)
        let code = Problem.rawHTMLDropped.code
        #expect(report.hasSuffix("""
            2 errors, 1 warning in 2 files
              \(code): 1 error, 1 warning, 2 info
              content.unknown-key: 1 error

            """))
    }

    @Test("diagnostics sort by file, line and column, and repeats are dropped")
    func sorting() {
        let a = Diagnostic(.rawHTMLDropped, at: SourceLocation(path: "Content/b.md", line: 10, column: 1))
        let b = Diagnostic(.rawHTMLDropped, at: SourceLocation(path: "Content/b.md", line: 9, column: 5))
        let c = Diagnostic(.configFileMissing(name: "site.yaml"), at: nil)
        let list = Diagnostics([a, unknownKey, b, a, c]).sorted
        #expect(list == [c, unknownKey, b, a])
    }

    @Test("GitHub annotations escape their data and properties")
    func github() {
        let printer = DiagnosticPrinter(format: .github)
        let diagnostic = Diagnostic(
            .baseURL(value: "http://10.0.0.1/", reason: "names its host by an IPv4 address"),
            at: SourceLocation(path: "Content/site,a.yaml", line: 2, column: 11))
        #expect(printer.render(Diagnostics([diagnostic])) == "::error file=Content/site%2Ca.yaml,line=2,col=11,title=site.base-url::base URL 'http://10.0.0.1/' names its host by an IPv4 address%0Ahint: use the portal's address with a host name, e.g. https://www.example.gov.cn/ (no IP address)\n")
    }

    @Test("every problem has a stage-qualified code and a message")
    func codes() {
        let samples: [Problem] = [
            .notUTF8(byte: 0xB1, gbkLikely: true), .frontMatterMissing, .yamlAlias, .disclosureMissing,
            .danglingFragment(target: "a.md#x", fragment: "x", suggestion: nil), .normativeWithoutNumber,
        ]
        for problem in samples {
            #expect(problem.code.split(separator: ".").count == 2)
            #expect(!problem.message.isEmpty)
        }
    }
}
