/// The findings of a build, in the order they are printed.
public struct Diagnostics: Sendable, Sequence {
    public private(set) var all: [Diagnostic] = []

    public init(_ diagnostics: [Diagnostic] = []) {
        all = diagnostics
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    public mutating func append(contentsOf other: some Sequence<Diagnostic>) {
        all.append(contentsOf: other)
    }

    public func makeIterator() -> IndexingIterator<[Diagnostic]> { sorted.makeIterator() }

    /// Sorted by path, line and column, without exact duplicates.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.sorted().filter { seen.insert($0).inserted }
    }

    public var errorCount: Int { sorted.count { $0.severity == .error } }
    public var warningCount: Int { sorted.count { $0.severity == .warning } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var isEmpty: Bool { all.isEmpty }

    /// `2 errors, 3 warnings in 4 files`.
    public var summary: String {
        let list = sorted
        let errors = list.count { $0.severity == .error }
        let warnings = list.count { $0.severity == .warning }
        let files = Set(list.compactMap { $0.location?.path }).count
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var text = "\(plural(errors, "error")), \(plural(warnings, "warning"))"
        if files > 0 { text += " in \(plural(files, "file"))" }
        return text
    }
}
