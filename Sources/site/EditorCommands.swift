import ArgumentParser
import Foundation
import SiteBuild
import SiteContent
import SiteCore

extension DocumentKind: ExpressibleByArgument {}

/// `site new <kind> <path>`: a new document with its required front matter and the next free 索引号.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new document with its required front matter and the next free 索引号.",
        discussion: """
            The 索引号 is the issuer's organisation code (or the site's), the year of today, and one more \
            than the highest serial ever used that year, in the documents and in Content/index-numbers.lock, \
            where it is recorded. Example: site new policy policies/2024-jiuye --title 关于…的通知 --issuer xzfb
            """
    )

    @Argument(help: "policy, interpretation, plan, annual-report, decision or page.")
    var kind: DocumentKind

    @Argument(help: "The new file, under the content folder (policies/2024-3 or policies/2024-3.md).")
    var path: String

    @Option(help: "The title (标题).")
    var title: String?

    @Option(help: "The issuing agency's id (发布机构); default: the county government office.")
    var issuer: String?

    @Option(help: "A catalog section id; repeat for several. Default: the usual section for the kind.")
    var catalog: [String] = []

    @Option(name: .customLong("as-of"), help: "Today, as YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today in Asia/Shanghai).")
    var asOf: String?

    @OptionGroup var folders: SiteFolders

    func run() throws {
        let editor = try makeEditor(folders: folders, asOf: asOf)
        do {
            let result = try editor.newDocument(kind: kind, path: path, title: title, issuer: issuer, catalog: catalog)
            print("Wrote \(result.path)" + (result.indexNumber.map { " with 索引号 \($0.text)" } ?? ""))
        } catch let error as SiteEditor.EditError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
    }
}

/// `site init <dir>`: a new portal that builds at once.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new portal that builds at once: Content/ with placeholders, a sample document, the default theme.",
        discussion: """
            Writes <dir>/Content (site.yaml, agencies.yaml, catalog.yaml with placeholders marked 请修改, the \
            政府信息公开指南 as a sample document, an empty 索引号 ledger), <dir>/Templates (the default theme, \
            compiled into site) and <dir>/.gitignore. The folder must be new or empty; with --force it may \
            hold other files, but never Content or Templates: site init overwrites nothing.
            """
    )

    @Argument(help: ArgumentHelp("The folder of the new portal (created if it does not exist; '.' for the current folder).", valueName: "dir"))
    var folder: String

    @Flag(help: "Write into a folder that holds other files (.git, a README). Content and Templates are refused even then.")
    var force = false

    @Option(name: .customLong("as-of"), help: "The sample document's date, as YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today in Asia/Shanghai).")
    var asOf: String?

    func run() throws {
        guard let date = AsOfDate.resolve(explicit: asOf) else { throw ValidationError("--as-of must be a date as YYYY-MM-DD") }
        let portal = NewPortal(folder: folder, asOf: date)
        let report: NewPortal.Report
        do {
            report = try portal.create(force: force)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
        print(Self.summary(portal, report), terminator: "")
    }

    /// What was written, and what to do next.
    static func summary(_ portal: NewPortal, _ report: NewPortal.Report) -> String {
        let themeFiles = report.written.filter { $0.hasPrefix("Templates/") }.count
        let gitignore: String =
            switch report.gitignoreAppended {
            case nil: "Public/ and .site-cache/ (build output and cache) left out of git"
            case let lines? where lines.isEmpty: "already leaves out Public/ and .site-cache/ (not changed)"
            case let lines?: "existing; added \(lines.joined(separator: " and "))"
            }
        let rows = [
            ("Content/site.yaml", "the portal: name, address, organisation code, footer marks"),
            ("Content/agencies.yaml", "the county government, its office and one department"),
            ("Content/catalog.yaml", "the disclosure catalog (主动公开目录)"),
            ("Content/\(NewPortal.samplePath)", "a sample document: the 政府信息公开指南, dated \(portal.asOf)"),
            ("Content/\(IndexNumberLedger.fileName)", "the 索引号 ledger, empty: site new and site lock fill it"),
            ("Templates/", "the default theme (\(themeFiles) files)"),
            (".gitignore", gitignore),
        ]
        let width = rows.map { portal.path($0.0).count }.max() ?? 0
        var text = "Created a new portal in \(portal.display == "." ? "the current folder" : portal.display + "/"):\n"
        for (path, what) in rows {
            let shown = portal.path(path)
            text += "  \(shown)\(String(repeating: " ", count: width - shown.count))  \(what)\n"
        }
        let preview = SiteCommand.configuration.subcommands.contains { $0.configuration.commandName == "serve" }
            ? "site serve         previews the portal, rebuilding it on every change"
            : "python3 -m http.server -d Public 8000   previews Public/ at http://localhost:8000/"
        var steps = portal.display == "." ? [] : ["cd \(portal.display)"]
        steps += [
            "Edit Content/site.yaml: every value marked 请修改 (name, base_url, organization_code, filing numbers,\n"
                + "     contact); delete the notice line before going live. Then agencies.yaml, catalog.yaml and\n"
                + "     the sample document.",
            "site build         checks everything and writes the portal to Public/",
            preview,
            "site new policy policies/<name> --title …   adds a document with the next free 索引号",
        ]
        text += "\nNext steps:\n" + steps.enumerated().map { "  \($0.offset + 1). \($0.element)\n" }.joined()
        text += "In CI: site check --strict --format github\n"
        return text
    }
}

/// `site lock`: assigns missing 索引号 and records every 索引号 in the ledger.
struct LockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Give documents without a 索引号 the next free one, and record every 索引号 in Content/index-numbers.lock.",
        discussion: "Never changes a 索引号 a document has or a line the ledger has. Commit the ledger with the documents."
    )

    @Option(name: .customLong("as-of"), help: "Today, as YYYY-MM-DD, for documents without 发布日期.")
    var asOf: String?

    @OptionGroup var folders: SiteFolders

    func run() throws {
        let editor = try makeEditor(folders: folders, asOf: asOf)
        do {
            let report = try editor.lock()
            for (path, number) in report.assigned { print("\(path): index_number: \(number.text)") }
            print("Recorded \(report.recorded) 索引号 in \(folders.source)/\(IndexNumberLedger.fileName)")
        } catch let error as SiteEditor.EditError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
    }
}

/// `site graph`: the content graph as text.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the content graph: documents, sections and agencies, and the relations between them."
    )

    @OptionGroup var folders: SiteFolders

    func run() throws {
        var options = BuildOptions(source: folders.source, templates: folders.templates, writeOutput: false)
        options.loadsTheme = false
        let analysis: Pipeline.Analysis
        do {
            analysis = try Pipeline().analyse(options)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
        // The graph as far as it could be built, then the errors that left parts of it out.
        if let graph = analysis.graph { print(graph.dump, terminator: "") }
        let diagnostics = Diagnostics(Pipeline().excerpts(options).attach(to: analysis.diagnostics))
        guard analysis.graph != nil, diagnostics.errorCount == 0 else {
            FileHandle.standardError.write(Data(DiagnosticPrinter().render(diagnostics).utf8))
            throw ExitCode(1)
        }
    }
}

private func makeEditor(folders: SiteFolders, asOf: String?) throws -> SiteEditor {
    guard let date = AsOfDate.resolve(explicit: asOf) else {
        throw ValidationError("--as-of must be a date as YYYY-MM-DD")
    }
    return SiteEditor(options: BuildOptions(source: folders.source, templates: folders.templates), asOf: date)
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule: its code, default severity, and whether site.yaml may change it (see docs/rules.md)."
    )

    func run() {
        print(RuleCatalog.markdownTable(), terminator: "")
    }
}
