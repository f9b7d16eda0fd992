/// Finds what CSS loads: every `url(…)`, quoted or not, the string of `@import "…"` and the strings
/// of `image-set(…)`, with escapes decoded (`url(http\3A //…)` is `http://…`). Comments are skipped,
/// and so is `@namespace`, whose URL names a namespace and is never fetched. One pass over the
/// bytes, as the HTML scanner: it reads theme stylesheets, `<style>` elements and `style` attributes.
struct CSSScanner {
    /// What makes the CSS load a URL, for the message.
    enum Rule: String, Sendable {
        case importRule = "@import"
        case fontFace = "@font-face"
        case url = "url()"
        case imageSet = "image-set()"
    }

    struct Reference: Equatable {
        /// As the browser reads it: escapes decoded, spaces around an unquoted URL trimmed.
        let url: String
        /// Byte offset of `url(`, or of the string's quote.
        let offset: Int
        let rule: Rule
    }

    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The references in `range` of the bytes (all of them by default), in order.
    func references(in range: Range<Int>? = nil) -> [Reference] {
        let end = min(range?.upperBound ?? bytes.count, bytes.count)
        var i = range?.lowerBound ?? 0
        var references: [Reference] = []
        var braces = 0
        var fontFaceBraces: Int?  // the brace depth of the @font-face block we are in
        var awaitingFontFaceBlock = false
        var awaitingImport = false
        var inNamespace = false
        var imageSets: [Bool] = []  // per open parenthesis: whether it opened image-set(

        func record(_ url: String, at offset: Int, _ rule: Rule) {
            if inNamespace { return }
            var rule = rule
            if awaitingImport {
                rule = .importRule
                awaitingImport = false
            } else if fontFaceBraces != nil, rule == .url {
                rule = .fontFace
            }
            references.append(Reference(url: url, offset: offset, rule: rule))
        }

        while i < end {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "/") where i + 1 < end && bytes[i + 1] == UInt8(ascii: "*"):
                i = commentEnd(from: i + 2, end: end)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let start = i
                let (text, next) = string(from: i, end: end)
                i = next
                if awaitingImport {
                    record(text, at: start, .importRule)
                } else if imageSets.last == true {
                    record(text, at: start, .imageSet)
                }
            case UInt8(ascii: "@"):
                let (name, next) = identifier(from: i + 1, end: end)
                i = next
                switch name.lowercased() {
                case "import": awaitingImport = true
                case "font-face": awaitingFontFaceBlock = true
                case "namespace": inNamespace = true
                default: break
                }
            case UInt8(ascii: "{"):
                braces += 1
                if awaitingFontFaceBlock, fontFaceBraces == nil { fontFaceBraces = braces }
                awaitingFontFaceBlock = false
                awaitingImport = false
                inNamespace = false
                i += 1
            case UInt8(ascii: "}"):
                if fontFaceBraces == braces { fontFaceBraces = nil }
                braces = max(0, braces - 1)
                i += 1
            case UInt8(ascii: ";"):
                awaitingImport = false
                awaitingFontFaceBlock = false
                inNamespace = false
                i += 1
            case UInt8(ascii: "("):
                imageSets.append(false)
                i += 1
            case UInt8(ascii: ")"):
                _ = imageSets.popLast()
                i += 1
            case UInt8(ascii: "\\"):
                i += 2
            default:
                guard isNameStart(byte) else {
                    i += 1
                    continue
                }
                let start = i
                let (name, next) = identifier(from: i, end: end)
                i = next
                guard i < end, bytes[i] == UInt8(ascii: "(") else { continue }
                let lower = name.lowercased()
                if lower == "url" {
                    var k = i + 1
                    while k < end, isSpace(bytes[k]) { k += 1 }
                    if k < end, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'") {
                        // url("…"): a function with a string; its ')' closes the parenthesis.
                        let (text, next) = string(from: k, end: end)
                        record(text, at: start, .url)
                        imageSets.append(false)
                        i = next
                    } else {
                        let (text, next) = unquotedURL(from: k, end: end)
                        record(text, at: start, .url)
                        i = next
                    }
                } else {
                    imageSets.append(lower.hasSuffix("image-set"))
                    i += 1
                }
            }
        }
        return references
    }

    // MARK: Tokens

    /// An identifier (or at-keyword name) from `start`: letters, digits, `-`, `_`, any non-ASCII
    /// byte and escapes.
    private func identifier(from start: Int, end: Int) -> (String, Int) {
        var k = start
        var out: [UInt8] = []
        while k < end {
            let byte = bytes[k]
            if byte == UInt8(ascii: "\\"), k + 1 < end, bytes[k + 1] != UInt8(ascii: "\n") {
                k = escape(from: k, end: end, into: &out)
            } else if isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                out.append(byte)
                k += 1
            } else {
                break
            }
        }
        return (String(decoding: out, as: UTF8.self), k)
    }

    /// A string from its opening quote: its text and the index after its closing quote. An
    /// unescaped newline ends it (a bad string, which the browser drops).
    private func string(from start: Int, end: Int) -> (String, Int) {
        let quote = bytes[start]
        var k = start + 1
        var out: [UInt8] = []
        while k < end {
            let byte = bytes[k]
            if byte == quote { return (String(decoding: out, as: UTF8.self), k + 1) }
            if byte == UInt8(ascii: "\n") { break }
            if byte == UInt8(ascii: "\\") {
                if k + 1 < end, bytes[k + 1] == UInt8(ascii: "\n") {
                    k += 2  // an escaped newline continues the string
                } else {
                    k = escape(from: k, end: end, into: &out)
                }
                continue
            }
            out.append(byte)
            k += 1
        }
        return (String(decoding: out, as: UTF8.self), k)
    }

    /// An unquoted `url(…)` from after its spaces: the text up to `)` without the spaces around it,
    /// and the index after the `)`.
    private func unquotedURL(from start: Int, end: Int) -> (String, Int) {
        var k = start
        var out: [UInt8] = []
        while k < end, bytes[k] != UInt8(ascii: ")") {
            if bytes[k] == UInt8(ascii: "\\"), k + 1 < end {
                k = escape(from: k, end: end, into: &out)
            } else {
                out.append(bytes[k])
                k += 1
            }
        }
        while let last = out.last, isSpace(last) { out.removeLast() }
        return (String(decoding: out, as: UTF8.self), min(k + 1, end))
    }

    /// Decodes the escape at `start` (a backslash): up to six hex digits and one space after them,
    /// or the next character as itself. Returns the index after it.
    private func escape(from start: Int, end: Int, into out: inout [UInt8]) -> Int {
        var k = start + 1
        guard k < end else { return k }
        var value: UInt32 = 0
        var digits = 0
        while k < end, digits < 6, let digit = hexValue(bytes[k]) {
            value = value * 16 + digit
            digits += 1
            k += 1
        }
        if digits == 0 {
            out.append(bytes[k])  // a UTF-8 lead byte is followed by its continuation bytes, copied as they come
            return k + 1
        }
        if k < end, isSpace(bytes[k]) { k += 1 }
        let scalar = Unicode.Scalar(value).flatMap { value == 0 ? nil : $0 } ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
        return k
    }

    /// The index after the `*/` that ends a comment, or `end`.
    private func commentEnd(from start: Int, end: Int) -> Int {
        var k = start
        while k + 1 < end {
            if bytes[k] == UInt8(ascii: "*"), bytes[k + 1] == UInt8(ascii: "/") { return k + 2 }
            k += 1
        }
        return end
    }

    private func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b >= 0x80
    }

    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C }

    private func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
