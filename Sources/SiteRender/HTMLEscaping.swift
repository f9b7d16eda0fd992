import Mustache

/// How the templates escape a `{{variable}}`: `<`, `>`, `&`, `"` and `'` become `&lt;`, `&gt;`,
/// `&amp;`, `&quot;` and `&#39;`, as swift-mustache's own HTML content type does. That one walks
/// the text a `Character` at a time (grapheme breaking, a dictionary lookup each), which cost about
/// a fifth of the time of rendering a page; this walks the UTF-8 bytes, and returns the text as it
/// is when there is nothing to escape (most values). It also escapes a `<` that a combining mark
/// follows, which the Character walk leaves as it is.
///
/// Every template gets it through swift-mustache's content-type pragma (`TemplateLibrary.pragma`).
struct EscapedHTML: MustacheContentType {
    static let name = "SITE_HTML"

    /// Registers this content type with swift-mustache, once.
    static let registered: Void = MustacheContentTypes.register(EscapedHTML(), named: name)

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        var text = text
        // Nothing to escape: the text itself, not a copy of its bytes (an allocation each).
        guard let first = text.withUTF8({ $0.firstIndex(where: needsEscape) }) else { return text }
        return text.withUTF8 { bytes -> String in
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            escaped.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
                default: escaped.append(byte)
                }
            }
            return String(decoding: escaped, as: UTF8.self)
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
