import Foundation
import SiteContent
import SiteCore
import SiteGraph
import SiteTestSupport

@testable import SiteCompliance

/// The sample site with some files replaced (nil removes one), loaded, linked and checked by one
/// rule as of a day: what a rule finds, with where.
func findings(
    _ rule: any ComplianceRule, changes: [String: String?] = [:], data: [String: Data] = [:], asOf: String = "2026-11-22"
) throws -> [Diagnostic] {
    Diagnostics(rule.check(try contextFor(changes: changes, data: data, asOf: asOf))).sorted
}

/// The sample site with some files replaced, loaded and linked, as the rules see it.
func contextFor(changes: [String: String?] = [:], data: [String: Data] = [:], asOf: String = "2026-11-22") throws -> ComplianceContext {
    var files = SampleSite.files
    for (path, text) in changes { files[path] = text }
    let site = try TempSite(files: files, defaultTheme: false)
    for (path, bytes) in data { try site.write(path, bytes) }
    let loader = ContentLoader(folder: site.url("Content"), displayPrefix: "Content")
    let content = try loader.load()
    let (graph, _) = GraphBuilder().build(configuration: content.configuration!, content: content, links: [:])
    // The folder goes when `site` does; attachments are read at once, while it is there.
    var texts: [String: (path: String, text: String)] = [:]
    for file in ContentLoader.configurationFiles {
        if case .success(let text) = loader.readText(file) { texts[file] = (loader.displayPath(file), text) }
    }
    for document in content.documents {
        for attachment in document.attachments {
            if case .success(let text) = loader.readText(attachment.contentPath) { texts[attachment.contentPath] = (loader.displayPath(attachment.contentPath), text) }
        }
    }
    let read = texts
    return ComplianceContext(graph: graph, asOf: CalendarDate(iso: asOf)!) { read[$0] }
}

/// A location in the sample site, for expectations.
func at(_ path: String, _ line: Int, _ column: Int) -> SourceLocation {
    SourceLocation(path: path, line: line, column: column)
}

extension String {
    /// The text with `old` replaced, which must occur in it.
    func replacing(_ old: String, _ new: String) -> String {
        precondition(contains(old), "no '\(old)' in the fixture")
        return replacingOccurrences(of: old, with: new)
    }
}
