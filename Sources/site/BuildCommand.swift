import ArgumentParser
import Foundation
import SiteBuild
import SiteCore

/// `site build`: checks the content and, when it has no errors, publishes the site to Public/.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check the content and write the portal to the output folder.",
        discussion: "Nothing is written when the content has errors: the previous output folder stays as it was."
    )

    @OptionGroup var folders: SiteFolders

    @Option(name: .long, help: "The output folder; replaced as a whole when the build succeeds (default: Public, or Preview with --drafts).")
    var output: String?

    @Flag(name: .long, help: "Preview: also render drafts and documents whose 发布日期 is after the build's date, with a banner and noindex. Never into Public/.")
    var drafts = false

    @Option(name: .customLong("base-url"), help: "The address the portal is served at; overrides base_url in site.yaml.")
    var baseURL: String?

    @Flag(name: .long, help: "Render every page again, ignoring what the last build left in .site-cache/ (the output is the same).")
    var clean = false

    @Flag(name: .long, help: "Also write a .gz (gzip) and a .br (Brotli) copy beside every text file, for servers that send them as they are (docs/deploy.md).")
    var precompress = false

    @OptionGroup var report: ReportOptions

    func validate() throws {
        // A preview holds what is not to be published yet: it never goes where the portal is served from.
        if drafts, let output, URL(fileURLWithPath: output).standardizedFileURL.lastPathComponent == "Public" {
            throw ValidationError("--drafts writes a preview, never into '\(output)': leave out --output (it writes Preview/) or name another folder")
        }
    }

    func run() throws {
        let output = self.output ?? (drafts ? "Preview" : "Public")
        var options = BuildOptions(
            source: folders.source, templates: folders.templates, output: output, baseURL: baseURL,
            strict: report.strict, writeOutput: true, asOf: try report.asOfDate(), incremental: !clean)
        options.preview = drafts
        options.precompress = precompress
        options.endsProcess = true
        try Runner.run(options, report: report) { result in
            let reused = result.reusedFileCount > 0 ? " (\(result.reusedFileCount) unchanged)" : ""
            // A patch build (`BodyPatch`) loads only the documents it patches.
            let loaded = result.patched
                ? "\(result.patchedDocumentCount) of \(result.documentCount) patched"
                : "\(result.documentCount) loaded"
            return "Built \(counted(result.fileCount, "file"))\(reused) from \(counted(result.publicDocumentCount, "public document")) "
                + "(\(loaded)) into \(output)/ as of \(options.asOf)"
        }
    }
}

/// `site check`: everything `site build` checks, without writing anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the content without writing anything."
    )

    @OptionGroup var folders: SiteFolders

    @Option(name: .customLong("base-url"), help: "The address the portal is served at; overrides base_url in site.yaml.")
    var baseURL: String?

    @OptionGroup var report: ReportOptions

    func run() throws {
        var options = BuildOptions(
            source: folders.source, templates: folders.templates, baseURL: baseURL, strict: report.strict,
            writeOutput: false, asOf: try report.asOfDate())
        options.endsProcess = true
        try Runner.run(options, report: report) { result in
            "Checked \(counted(result.documentCount, "document")) (\(result.publicDocumentCount) public) as of \(options.asOf)"
        }
    }
}

/// Runs the pipeline and turns its report into output and an exit code.
enum Runner {
    static func run(_ options: BuildOptions, report: ReportOptions, success: (BuildReport) -> String) throws {
        let started = DispatchTime.now()
        let result: BuildReport
        var options = options
        let line = ProgressLine.start(for: report)
        options.progress = line?.progress
        defer { line?.stop() }
        do {
            result = try Pipeline().run(options)
            line?.stop()
        } catch {
            line?.stop()
            var message = error.description + "\n"
            if let hint = error.hint { message += "  hint: \(hint)\n" }
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode(2)
        }
        let printer = DiagnosticPrinter(format: report.format)
        let text = printer.render(result.diagnostics, settings: result.ruleSettings, externalLinks: result.externalLinks)
        if report.format == .json {
            FileHandle.standardOutput.write(Data(text.utf8))
        } else {
            FileHandle.standardError.write(Data(text.utf8))
        }
        // 先审后发: how many public documents carry complete review records.
        let reviewLine = result.reviewCounts.isEmpty ? nil
            : "Review records of \(counted(result.publicDocumentCount, "public document")): "
                + result.reviewCounts.map { "\($0.count) \($0.state)" }.joined(separator: ", ")
        if result.failed(strict: report.strict) {
            if report.format == .text {
                if let reviewLine { FileHandle.standardError.write(Data((reviewLine + "\n").utf8)) }
                let why = result.diagnostics.hasErrors ? "errors" : "warnings (--strict)"
                let outcome = options.writeOutput ? "Nothing was published" : "The check failed"
                FileHandle.standardError.write(Data("\(outcome) because of \(why).\n".utf8))
            }
            throw ExitCode(1)
        }
        if report.verbose {
            for (phase, seconds, peak, resident) in result.timings {
                let name = phase.padding(toLength: max(phase.count, 10), withPad: " ", startingAt: 0)
                let now = resident > 0 ? String(format: ", now %5d MiB", resident >> 20) : ""
                let line = "  " + name + String(format: " %6.3f s  peak %5d MiB", seconds, peak >> 20) + now + "\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
            FileHandle.standardError.write(Data("  allocator: \(Allocator.description)\n".utf8))
            if let reason = result.patchDeclined, result.reusedFileCount > 0 {
                FileHandle.standardError.write(Data("  (a full build: not only bodies changed, or not patchable: \(reason))\n".utf8))
            }
            if report.format == .text, !result.externalLinks.isEmpty {
                var list = "External links (not followed: the check runs offline):\n"
                for (url, pages) in result.externalLinks.sorted(by: { $0.key < $1.key }) {
                    list += "  \(url) (\(pages) page\(pages == 1 ? "" : "s"))\n"
                }
                FileHandle.standardError.write(Data(list.utf8))
            }
        }
        if !report.quiet && report.format == .text {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            print(success(result) + String(format: " in %.2f s", seconds))
            if let reviewLine { print(reviewLine) }
        }
    }
}

/// "1 document", "2 documents".
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
