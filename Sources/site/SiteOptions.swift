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

    @Option(name: .customLong("as-of"), help: "Today, as YYYY-MM-DD, for deadlines (default: SOURCE_DATE_EPOCH, else today in Asia/Shanghai).")
    var asOf: String?

    /// The as-of date, checked.
    func asOfDate() throws -> CalendarDate {
        guard let date = AsOfDate.resolve(explicit: asOf) else { throw ValidationError("--as-of must be a date as YYYY-MM-DD") }
        return date
    }
}

extension DiagnosticPrinter.Format: ExpressibleByArgument {}
