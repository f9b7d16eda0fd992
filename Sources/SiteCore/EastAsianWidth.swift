/// Which characters Chinese text treats as wide (full-width): CJK ideographs, kana, CJK and
/// full-width punctuation, and the quotation marks, dashes and ellipsis that Chinese fonts draw
/// full-width (East Asian Width "Ambiguous", which is wide in a Chinese context).
public enum EastAsianWidth {
    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F,  // Hangul Jamo initials
            0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
            0x3041...0x33FF,  // kana, Bopomofo, Hangul compatibility, CJK compatibility
            0x3400...0x4DBF,  // CJK extension A
            0x4E00...0x9FFF,  // CJK unified ideographs
            0xA000...0xA4CF,  // Yi
            0xAC00...0xD7A3,  // Hangul syllables
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFE10...0xFE19, 0xFE30...0xFE6F,  // vertical and small forms
            0xFF00...0xFF60, 0xFFE0...0xFFE6,  // full-width forms
            0x20000...0x3FFFD:  // CJK extensions B…
            return true
        case 0x2018, 0x2019, 0x201C, 0x201D, 0x2014, 0x2026, 0x00B7:
            return true
        default:
            return false
        }
    }

    /// Hangul is wide but, unlike Chinese, separates words with spaces.
    public static func isHangul(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7A3: true
        default: false
        }
    }
}
