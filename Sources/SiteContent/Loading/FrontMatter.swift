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
        // Reads line by line only up to the closing fence: bodies can be long.
        var lineStart = text.startIndex
        var number = 0
        var yamlStart: String.Index?
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            let next = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
            number += 1
            let line = text[lineStart..<lineEnd]
            if let yamlStart {
                if isFence(line, allowDots: true) {
                    return .success(FrontMatter(yaml: text[yamlStart..<lineStart], body: text[next...], bodyLine: number + 1))
                }
            } else {
                guard isFence(line, allowDots: false) else { return .failure(.frontMatterMissing) }
                yamlStart = next
            }
            lineStart = next
        }
        return .failure(yamlStart == nil ? .frontMatterMissing : .frontMatterUnterminated)
    }

    private static func isFence(_ line: Substring, allowDots: Bool) -> Bool {
        var content = line
        while content.last == " " || content.last == "\t" { content = content.dropLast() }
        return content == "---" || (allowDots && content == "...")
    }
}
