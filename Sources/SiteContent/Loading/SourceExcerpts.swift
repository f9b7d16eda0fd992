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
        var wantedLines: [String: Set<Int>] = [:]
        for diagnostic in diagnostics { if let location = wanted(diagnostic) { wantedLines[location.path, default: []].insert(location.line) } }
        let asked = Array(wantedLines)
        let read = Dictionary(uniqueKeysWithValues: zip(asked.map(\.key), asked.concurrentMap { lines($0.value, of: $0.key) }))
        return diagnostics.concurrentMap { diagnostic in
            guard let location = wanted(diagnostic), let line = read[location.path]?[location.line] else { return diagnostic }
            var copy = diagnostic
            copy.excerpt = redact(String(line))
            return copy
        }
    }

    /// The lines of a file with these numbers (from 1), those it has.
    private func lines(_ numbers: Set<Int>, of displayPath: String) -> [Int: Substring] {
        for root in roots where displayPath.hasPrefix(root.prefix + "/") {
            let relative = String(displayPath.dropFirst(root.prefix.count + 1))
            guard let data = FileManager.default.contents(atPath: root.folder.appendingPathComponent(relative).path),
                case .success(let source) = SourceText.decode([UInt8](data))
            else { return [:] }
            // Found as bytes, and only as far as the last line asked for: most findings are in the
            // front matter, and splitting every line by Characters cost more than the rest.
            let text = source.text
            let utf8 = text.utf8
            let last = numbers.max() ?? 0
            var found: [Int: Substring] = [:]
            var number = 1
            var start = utf8.startIndex
            while number <= last {
                let end = utf8[start...].firstIndex(of: 0x0A) ?? utf8.endIndex
                if numbers.contains(number) { found[number] = Substring(utf8[start..<end]) }
                guard end < utf8.endIndex else { break }
                start = utf8.index(after: end)
                number += 1
            }
            return found
        }
        return [:]
    }
}
