/// Stable `id`s for headings, derived from their text so deep links survive edits elsewhere:
/// `## 一、总体要求` → `一总体要求`, `## Data sources` → `data-sources`. Repeats get `-1`, `-2`.
struct HeadingIDs {
    private var used: [String: Int] = [:]

    mutating func make(for text: String) -> String {
        var slug = Self.commonSlug(text) ?? Self.slug(text)
        if slug.isEmpty { slug = "section" }
        if let count = used[slug] {
            used[slug] = count + 1
            var candidate = "\(slug)-\(count)"
            while used[candidate] != nil { candidate += "-1" }
            used[candidate] = 1
            return candidate
        }
        used[slug] = 1
        return slug
    }

    /// The text lowercased, with letters, numbers, `-` and `_` kept, runs of white space made one
    /// `-` between kept characters, and everything else dropped (empty if nothing is kept).
    static func slug(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingDash = !slug.isEmpty
            } else if scalar == "-" || scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingDash { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            }
        }
        return slug
    }

    /// `slug(text)` for the texts of nearly every heading: ASCII, common Han characters and Chinese
    /// punctuation, told apart by their values rather than by looking up each one's Unicode
    /// properties (which were most of a body's heading work). Nil for a text with any other
    /// character: `slug` answers for it. `HeadingIDTests` checks that both agree on every character
    /// this handles.
    static func commonSlug(_ text: String) -> String? {
        var slug: [UInt8] = []
        var pendingDash = false
        func keep(_ scalar: Unicode.Scalar) {
            if pendingDash { slug.append(UInt8(ascii: "-")) }
            pendingDash = false
            slug.append(contentsOf: UTF8.encode(scalar)!)
        }
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09...0x0D, 0x20, 0x3000:  // white space, the ideographic space among it
                pendingDash = !slug.isEmpty
            case 0x41...0x5A:  // A–Z, lowercased
                keep(Unicode.Scalar(scalar.value + 0x20)!)
            case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F:  // a–z, 0–9, '-', '_'
                keep(scalar)
            case 0x00...0x7F:  // the rest of ASCII: punctuation and controls, dropped
                break
            case 0x4E00...0x9FFF:  // CJK Unified Ideographs: letters without case
                keep(scalar)
            default:
                guard droppedPunctuation.contains(where: { $0.contains(scalar.value) }) else { return nil }
            }
        }
        return String(decoding: slug, as: UTF8.self)
    }

    /// Punctuation of Chinese text, none of it a letter, a number or white space: 、。〃, the CJK
    /// brackets 〈〉《》「」『』【】〔〕…, dashes, quotation marks and the ellipsis (U+2010–2027), the middle dot,
    /// and the full-width forms of ASCII punctuation (！，：；？（）… but not the full-width letters and digits).
    static let droppedPunctuation: [ClosedRange<UInt32>] = [
        0xB7...0xB7, 0x2010...0x2027, 0x3001...0x3003, 0x3008...0x3011, 0x3014...0x301F,
        0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65,
    ]
}
