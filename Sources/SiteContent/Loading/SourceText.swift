import SiteCore

/// The text of a source file as the rest of the build sees it: valid UTF-8, without a byte-order
/// mark, with `\n` line endings (CR LF and a lone CR are accepted and converted).
public struct SourceText: Sendable {
    public let text: String

    /// Decodes file bytes, or explains why they are not UTF-8.
    public static func decode(_ bytes: [UInt8]) -> Result<SourceText, Problem> {
        var slice = bytes[...]
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        guard let text = String(validating: slice, as: UTF8.self) else {
            let bad = firstInvalidByte(slice)
            return .failure(.notUTF8(byte: bad.byte, gbkLikely: looksLikeGBK(slice)))
        }
        if slice.contains(UInt8(ascii: "\r")) {
            return .success(SourceText(text: String(decoding: unixLineEndings(slice), as: UTF8.self)))
        }
        return .success(SourceText(text: text))
    }

    /// CR LF (Windows) and a lone CR (classic Mac OS, some older editors) each become LF; the
    /// line numbers of diagnostics then match what an editor shows.
    static func unixLineEndings(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let byte = bytes[i]
            i += 1
            guard byte == UInt8(ascii: "\r") else {
                result.append(byte)
                continue
            }
            result.append(UInt8(ascii: "\n"))
            if i < bytes.endIndex, bytes[i] == UInt8(ascii: "\n") { i += 1 }
        }
        return result
    }

    /// The line and column (Unicode scalars, 1-based) of the first byte that is not UTF-8.
    public static func invalidPosition(_ bytes: [UInt8]) -> (line: Int, column: Int) {
        var slice = bytes[...]
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        let bad = firstInvalidByte(slice)
        let before = slice[slice.startIndex..<bad.index]
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? before.startIndex
        let prefix = String(decoding: slice[lineStart..<bad.index], as: UTF8.self)
        return (line, prefix.unicodeScalars.count + 1)
    }

    private static func firstInvalidByte(_ bytes: ArraySlice<UInt8>) -> (index: Int, byte: UInt8) {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (i, b)
            }
            guard i + length <= bytes.endIndex else { return (i, b) }
            for k in 1..<length where !(0x80...0xBF).contains(bytes[i + k]) {
                return (i, b)
            }
            // Overlong and surrogate forms.
            if length == 3 {
                let b1 = bytes[i + 1]
                if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) { return (i, b) }
            }
            if length == 4 {
                let b1 = bytes[i + 1]
                if (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F) { return (i, b) }
            }
            i += length
        }
        return (bytes.endIndex, 0)
    }

    /// True when every non-ASCII byte is part of a GBK/GB18030 two-byte character (lead byte
    /// 0x81–0xFE, trail byte 0x40–0xFE but not 0x7F) or a GB18030 four-byte one, and there is at
    /// least one such character. Text from Windows editors in China is usually GBK.
    static func looksLikeGBK(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex
        var found = false
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            guard (0x81...0xFE).contains(b), i + 1 < bytes.endIndex else { return false }
            let t = bytes[i + 1]
            if (0x40...0xFE).contains(t), t != 0x7F {
                i += 2
            } else if (0x30...0x39).contains(t), i + 3 < bytes.endIndex,
                (0x81...0xFE).contains(bytes[i + 2]), (0x30...0x39).contains(bytes[i + 3])
            {
                i += 4
            } else {
                return false
            }
            found = true
        }
        return found
    }
}
