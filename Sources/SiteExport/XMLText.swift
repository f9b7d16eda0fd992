/// Text for XML 1.0 documents (Atom, the sitemap), which are short and fixed in shape, so they are
/// written as text rather than through an XML library.
enum XMLText {
    /// Escapes `&`, `<`, `>` and `"` (text and double-quoted attribute values alike) and drops the
    /// characters XML 1.0 does not allow at all (C0 controls other than tab, line feed and carriage
    /// return; U+FFFE, U+FFFF), which no escape can carry.
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "\t", "\n", "\r": out.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }
}
