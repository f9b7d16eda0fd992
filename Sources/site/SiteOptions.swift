import ArgumentParser
import SiteBuild
import SiteCore

/// The folders every command reads, relative to the current folder.
struct SiteFolders: ParsableArguments {
    @Option(name: .long, help: "The content folder.")
    var source = "Content"

    @Option(name: .long, help: "The theme folder.")
    var templates = "Templates"
}

/// How diagnostics are reported.
struct ReportOptions: ParsableArguments {
    @Flag(name: .long, help: "Fail on warnings too.")
    var strict = false

    @Option(name: .long, help: "Diagnostics as text, json or github (workflow annotations).")
    var format: DiagnosticPrinter.Format = .text

    @Flag(name: .shortAndLong, help: "Print only diagnostics, no summary of what was built.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print the time each phase took.")
    var verbose = false
}

extension DiagnosticPrinter.Format: ExpressibleByArgument {}
