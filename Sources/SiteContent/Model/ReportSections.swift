/// The body of an annual report cut at the headings of the national format's six sections, so the
/// page can put each table under its section.
public struct ReportSections: Sendable {
    public struct Part: Sendable {
        /// The section, or nil for the text before the first section heading.
        public let section: ReportSectionFormat?
        /// The Markdown of the part, without its heading line.
        public let markdown: String
        /// The file line the part's Markdown starts on.
        public let firstLine: Int
    }

    public let parts: [Part]

    /// Splits at ATX headings (`#` or `##`) whose text, spaces removed, is a section heading.
    public init(body: String, bodyLine: Int, format: AnnualReportFormat) {
        var parts: [Part] = []
        var current: ReportSectionFormat?
        var buffer: [Substring] = []
        var start = bodyLine
        for (index, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let heading = ReportSections.heading(line), let section = format.sections.first(where: { $0.heading == heading }) {
                parts.append(Part(section: current, markdown: buffer.joined(separator: "\n"), firstLine: start))
                current = section
                buffer = []
                start = bodyLine + index + 1
            } else {
                buffer.append(line)
            }
        }
        parts.append(Part(section: current, markdown: buffer.joined(separator: "\n"), firstLine: start))
        self.parts = parts.filter { $0.section != nil || !$0.markdown.allSatisfy(\.isWhitespace) }
    }

    /// The texts of the ATX headings of level 1 or 2 in a body, spaces removed.
    public static func headings(in body: String) -> [String] {
        body.split(separator: "\n").compactMap(heading)
    }

    private static func heading(_ line: Substring) -> String? {
        let hashes = line.prefix { $0 == "#" }
        guard (1...2).contains(hashes.count), line.dropFirst(hashes.count).first == " " else { return nil }
        var text = line.dropFirst(hashes.count)
        while text.last == "#" || text.last == " " { text = text.dropLast() }
        return String(text.filter { !$0.isWhitespace })
    }
}
