/// One finding about the editor's content: collected, never thrown.
///
/// `excerpt` is the source line the location points into, captured where the text was at hand,
/// so the printer can show it with a caret without reading the disk again.
public struct Diagnostic: Hashable, Sendable, Codable {
    public var problem: Problem
    public var severity: Severity
    public var location: SourceLocation?
    public var excerpt: String?
    /// Other places involved, e.g. the first file that used a duplicated 索引号.
    public var related: [Related]

    public struct Related: Hashable, Sendable, Codable {
        public var location: SourceLocation
        public var note: String

        public init(_ location: SourceLocation, note: String) {
            self.location = location
            self.note = note
        }
    }

    public init(
        _ problem: Problem,
        at location: SourceLocation?,
        excerpt: String? = nil,
        severity: Severity? = nil,
        related: [Related] = []
    ) {
        self.problem = problem
        self.severity = severity ?? problem.defaultSeverity
        self.location = location
        self.excerpt = excerpt
        self.related = related
    }

    public var code: String { problem.code }
    public var message: String { problem.message }
    public var hint: String? { problem.hint }
}

extension Diagnostic: Comparable {
    /// Sorted by file, line and column; problems without a location come first.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case (nil, nil): break
        case (nil, _): return true
        case (_, nil): return false
        case (let la?, let lb?): if la != lb { return la < lb }
        }
        if a.severity != b.severity { return a.severity < b.severity }
        return (a.code, a.message) < (b.code, b.message)
    }
}

// A problem or a diagnostic can travel in a `Result`; neither is ever thrown past a stage.
extension Problem: Error {}
extension Diagnostic: Error {}
