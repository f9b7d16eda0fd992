import Foundation
import SiteCore

/// Fills in the source line of diagnostics that point into a file, so the printer can show it with
/// a caret. Reads only the files that have diagnostics, once each.
public struct SourceExcerpts: Sendable {
    /// Display prefixes (`Content`, `Templates`) and the folders they name.
    public let roots: [(prefix: String, folder: URL)]
    /// Rewrites a line before it is shown: the build masks personal data, since a report goes to
    /// CI logs and to the preview page, where the message already prints the value masked.
    public let redact: @Sendable (String) -> String

    public init(roots: [(prefix: String, folder: URL)], redact: @escaping @Sendable (String) -> String = { $0 }) {
        self.roots = roots
        self.redact = redact
    }

    /// The files are read on all cores: a portal with a warning in each of thousands of files
    /// has thousands to read.
    public func attach(to diagnostics: [Diagnostic]) -> [Diagnostic] {
        @Sendable func wanted(_ diagnostic: Diagnostic) -> SourceLocation? {
            guard diagnostic.excerpt == nil, let location = diagnostic.location, location.line > 0 else { return nil }
            return location
        }
        let paths = Array(Set(diagnostics.compactMap { wanted($0)?.path }))
        let read = Dictionary(uniqueKeysWithValues: zip(paths, paths.concurrentMap { lines(of: $0) }))
        return diagnostics.concurrentMap { diagnostic in
            guard let location = wanted(diagnostic), let lines = read[location.path], location.line <= lines.count else { return diagnostic }
            var copy = diagnostic
            copy.excerpt = redact(String(lines[location.line - 1]))
            return copy
        }
    }

    private func lines(of displayPath: String) -> [Substring] {
        for root in roots where displayPath.hasPrefix(root.prefix + "/") {
            let relative = String(displayPath.dropFirst(root.prefix.count + 1))
            guard let data = FileManager.default.contents(atPath: root.folder.appendingPathComponent(relative).path),
                case .success(let source) = SourceText.decode([UInt8](data))
            else { return [] }
            // Split as bytes: splitting by Characters cost more than the rest of the excerpts.
            let text = source.text
            return text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
        }
        return []
    }
}
