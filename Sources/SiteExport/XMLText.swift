/// Text for XML 1.0 documents (Atom, the sitemap), which are short and fixed in shape, so they are
/// written as text rather than through an XML library.
enum XMLText {
    /// Escapes `&`, `<`, `>` and `"` (text and double-quoted attribute values alike) and drops the
    /// characters XML 1.0 does not allow at all (C0 controls other than tab, line feed and carriage
    /// return; U+FFFE, U+FFFF), which no escape can carry.
    ///
    /// Works on the UTF-8 bytes in one pass into one buffer: time is linear in the text, whatever
    /// its size (a body of many megabytes goes into a feed as it is).
    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            func isNonCharacter(at i: Int) -> Bool {
                bytes[i] == 0xEF && i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF)
            }
            func needsWork(_ byte: UInt8) -> Bool {
                byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
                    || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0xEF
            }
            guard let first = bytes.firstIndex(where: needsWork) else { return String(decoding: bytes, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8)
            out.append(contentsOf: bytes[..<first])
            var i = first
            while i < bytes.count {
                let byte = bytes[i]
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case 0x09, 0x0A, 0x0D: out.append(byte)
                case ..<0x20: break
                case 0xEF where isNonCharacter(at: i): i += 2
                default: out.append(byte)
                }
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
