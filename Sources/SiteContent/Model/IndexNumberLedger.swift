import Foundation
import SiteCore

/// `Content/index-numbers.lock`: every 索引号 ever assigned, with the document it belongs to.
///
/// A published 索引号 never changes and its serial is never reused, even after the document is
/// deleted (DISCLOSURE.md §2.3). The ledger remembers them; `site lock` and `site new` add lines
/// and never change one. The format is one assignment per line, sorted, so it diffs well:
///
/// ```
/// # 索引号 ledger: never edit a line, only add.
/// 11370921004336564T/2021-00003 policies/gongkai
/// ```
public struct IndexNumberLedger: Sendable {
    public static let fileName = "index-numbers.lock"

    public struct Entry: Sendable, Hashable {
        public let indexNumber: IndexNumber
        public let document: DocumentID
        public let location: SourceLocation
    }

    public private(set) var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// Reads the ledger, reporting lines that are not `<索引号> <document id>`.
    public static func parse(_ text: String, path: String) -> (IndexNumberLedger, [Diagnostic]) {
        var entries: [Entry] = []
        var diagnostics: [Diagnostic] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.trimmingCharacters(in: .whitespaces)
            if content.isEmpty || content.hasPrefix("#") { continue }
            let location = SourceLocation(path: path, line: index + 1, column: 1)
            let parts = content.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, let number = IndexNumber(parts[0]), !parts[1].isEmpty else {
                diagnostics.append(Diagnostic(.ledgerLine(text: content), at: location))
                continue
            }
            entries.append(Entry(indexNumber: number, document: DocumentID(parts[1].trimmingCharacters(in: .whitespaces)), location: location))
        }
        return (IndexNumberLedger(entries: entries), diagnostics)
    }

    /// The ledger as a file, sorted by 索引号.
    public var text: String {
        var lines = [
            "# 索引号 ledger (DISCLOSURE.md §2.3): every 索引号 assigned in this site and its document.",
            "# A published 索引号 never changes and is never reused. `site lock` and `site new` add lines;",
            "# never edit or remove one. If a document file is moved, change its id on its line.",
        ]
        lines += entries.sorted { $0.indexNumber < $1.indexNumber }.map { "\($0.indexNumber.text) \($0.document.rawValue)" }
        return lines.joined(separator: "\n") + "\n"
    }

    public func entry(for document: DocumentID) -> Entry? { entries.first { $0.document == document } }

    public func entry(for number: IndexNumber) -> Entry? { entries.first { $0.indexNumber == number } }

    public mutating func record(_ number: IndexNumber, for document: DocumentID) {
        guard entry(for: number) == nil else { return }
        entries.append(Entry(indexNumber: number, document: document, location: .file(Self.fileName)))
    }

    /// The next free 索引号 for an organisation code and a year: one past the highest serial in the
    /// ledger and in the documents, so deleted documents' serials are not reused.
    public func next(prefix: String, year: Int, documents: [Document]) -> IndexNumber {
        let used = entries.map(\.indexNumber) + documents.compactMap { $0.indexNumber?.value }
        let highest = used.filter { $0.prefix == prefix && $0.year == year }.map(\.serial).max() ?? 0
        let serial = String(highest + 1)
        let padded = String(repeating: "0", count: max(0, 5 - serial.count)) + serial
        return IndexNumber("\(prefix)/\(year)-\(padded)")!
    }
}
