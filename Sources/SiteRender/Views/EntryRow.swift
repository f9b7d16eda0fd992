import Foundation
import Mustache
import SiteCore

/// An entry's row as the theme's `partials/entry-row` renders it (`EntryView.row`), printed with
/// `{{{row}}}`. A document is in five lists on average (its section and those above, its year, its
/// topics, its agency), and a row printed field by field is rendered again in each; this one is
/// rendered the first time a page prints it and kept for the rest of the build (`EntryRows`).
struct EntryRow: MustacheCustomRenderable, StableDigestible {
    let id: DocumentID
    let rows: EntryRows
    /// Renders the row; called once per document and build.
    let render: @Sendable () -> String

    var renderText: String { rows.row(id, render) }
    var isNull: Bool { false }

    /// The row is made from the entry's other values, which its view's digest has, and the theme,
    /// which every page's key has: the document is enough here.
    func feed(into hasher: inout StableHasher) {
        hasher.combine("EntryRow")
        hasher.combine(id.rawValue)
    }
}

/// The rows rendered so far in a build, by document, shared by the threads that render pages.
final class EntryRows: @unchecked Sendable {
    /// The partial a row is rendered with.
    static let template = "partials/entry-row"

    private let lock = NSLock()
    private var rows: [DocumentID: String] = [:]

    /// The document's row, rendered by `render` if it is not yet: without the partial's last line
    /// break, so that `{{{row}}}` on a line of its own makes one line.
    func row(_ id: DocumentID, _ render: () -> String) -> String {
        if let row = lock.withLock({ rows[id] }) { return row }
        var row = render()
        if row.hasSuffix("\n") { row.removeLast() }
        lock.withLock { rows[id] = row }
        return row
    }
}
