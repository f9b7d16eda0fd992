import SiteCore

/// A document split into its YAML front matter and its Markdown body.
///
/// ```
/// ---            ← line 1
/// title: …       ← the YAML starts on line 2
/// ---
/// 正文…          ← bodyLine
/// ```
public struct FrontMatter: Sendable {
    /// The YAML between the two `---` lines.
    public let yaml: Substring
    /// The Markdown after the closing line.
    public let body: Substring
    /// The 1-based line of the file on which the body starts.
    public let bodyLine: Int

    /// The line of the file on which the YAML starts.
    public static let yamlLine = 2

    /// Splits a document. The first line must be `---`; the front matter ends at the next line
    /// that is `---` or `...` (trailing spaces allowed).
    public static func split(_ text: String) -> Result<FrontMatter, Problem> {
        var lines = text[...].split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        guard let first = lines.next(), isFence(first, allowDots: false) else {
            return .failure(.frontMatterMissing)
        }
        let yamlStart = first.endIndex < text.endIndex ? text.index(after: first.endIndex) : first.endIndex
        var number = 1
        while let line = lines.next() {
            number += 1
            if isFence(line, allowDots: true) {
                let bodyStart = line.endIndex < text.endIndex ? text.index(after: line.endIndex) : line.endIndex
                return .success(FrontMatter(yaml: text[yamlStart..<line.startIndex], body: text[bodyStart...], bodyLine: number + 1))
            }
        }
        return .failure(.frontMatterUnterminated)
    }

    private static func isFence(_ line: Substring, allowDots: Bool) -> Bool {
        var content = line
        while content.last == " " || content.last == "\t" { content = content.dropLast() }
        return content == "---" || (allowDots && content == "...")
    }
}
