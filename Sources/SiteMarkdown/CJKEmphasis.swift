import SiteCore

/// Makes `**` next to full-width punctuation work as editors expect.
///
/// CommonMark decides whether `**` may open or close emphasis from the characters beside it. In
/// `这是**《通知》**的内容` the opening `**` is preceded by a letter and followed by punctuation, so
/// it cannot open; the closing one cannot close for the mirror reason, and plain cmark prints the
/// asterisks. `**真，**她` fails the same way. Chinese puts no space around emphasis, so this is the
/// common case, not an edge case.
///
/// Before parsing, this pass inserts an invisible marker (U+FDD0, a noncharacter that CommonMark
/// treats as a letter) between such a delimiter run and the punctuation beside it. cmark then sees
/// a letter there and matches the delimiters; the renderer removes every marker afterwards.
/// Runs next to spaces, at line starts (list bullets, `***` rules) and escaped runs are untouched.
enum CJKEmphasis {
    static let marker = Unicode.Scalar(0xFDD0)!
    private static let markerBytes = Array(String(marker).utf8)

    /// The text with markers inserted, or nil when nothing needed one (the common case).
    static func insertMarkers(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "*")) else { return nil }
        var output: [UInt8] = []
        var copied = 0
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "*") else {
                i += 1
                continue
            }
            var end = i
            while end < bytes.count, bytes[end] == UInt8(ascii: "*") { end += 1 }
            let escaped = i > 0 && bytes[i - 1] == UInt8(ascii: "\\")
            let before = scalar(endingAt: i, in: bytes)
            let after = scalar(startingAt: end, in: bytes)
            if !escaped, let before, let after {
                if needsMarkerAfter(before: before, after: after) {
                    output += bytes[copied..<end] + markerBytes
                    copied = end
                } else if needsMarkerBefore(before: before, after: after) {
                    output += bytes[copied..<i] + markerBytes
                    copied = i
                }
            }
            i = end
        }
        guard copied > 0 else { return nil }
        output += bytes[copied...]
        return output
    }

    /// `是**《`: letter, run, punctuation; the run should be able to open.
    private static func needsMarkerAfter(before: Unicode.Scalar, after: Unicode.Scalar) -> Bool {
        isPunctuation(after) && (!after.isASCII || isCJK(before))
            && !isWhitespace(before) && !isPunctuation(before)
    }

    /// `》**的`, `，**她`: punctuation, run, letter; the run should be able to close.
    private static func needsMarkerBefore(before: Unicode.Scalar, after: Unicode.Scalar) -> Bool {
        isPunctuation(before) && (!before.isASCII || isCJK(after))
            && !isWhitespace(after) && !isPunctuation(after)
    }

    private static func scalar(endingAt index: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        var start = index - 1
        while start >= 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard start >= 0 else { return nil }
        return decode(bytes[start..<index])
    }

    private static func scalar(startingAt index: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return decode(bytes[index..<end])
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> Unicode.Scalar? {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.first
    }

    /// CommonMark's "Unicode punctuation": ASCII punctuation and general categories P*.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return asciiPunctuation.contains(scalar)
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    private static let asciiPunctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\n" || scalar == "\r"
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        EastAsianWidth.isWide(scalar) && !EastAsianWidth.isHangul(scalar)
    }

    /// The first or last scalar of UTF-8 `bytes` that is not an emphasis marker, decoded alone
    /// (a soft break is between two texts, and decoding both whole for it cost more than the walk).
    static func edgeScalar(of bytes: UnsafeBufferPointer<UInt8>, last: Bool) -> Unicode.Scalar? {
        var end = bytes.count
        var start = 0
        while start < end {
            var at = last ? end - 1 : start
            if last {
                while at > start, bytes[at] & 0xC0 == 0x80 { at -= 1 }  // back to the scalar's first byte
            }
            var iterator = bytes[at..<end].makeIterator()
            var decoder = UTF8()
            var scalar: Unicode.Scalar
            var width = 1
            switch decoder.decode(&iterator) {
            case .scalarValue(let decoded):
                scalar = decoded
                width = UTF8.width(decoded)
            case .emptyInput: return nil
            case .error: scalar = Unicode.Scalar(0xFFFD)!  // as String(cString:) repairs it
            }
            if last, at + width < end { scalar = Unicode.Scalar(0xFFFD)! }  // a stray continuation byte
            if scalar != CJKEmphasis.marker { return scalar }
            if last { end = at } else { start = at + width }
        }
        return nil
    }
}
