/// How text becomes search terms. The index (here) and the query (Templates/assets/search.js) must
/// agree character for character, so the rules are few and both sides test the same vectors
/// (Tests/SiteSearchTests/vectors.json):
///
/// 1. **Normalise** each Unicode scalar: full-width forms U+FF01–FF5E become ASCII (`２０２１` →
///    `2021`, `ＡＢ` → `ab`), the ideographic space becomes a space, ASCII letters become lower case.
/// 2. **Classify**: a Han character (CJK Unified Ideographs and extensions, compatibility
///    ideographs, 〇), an ASCII letter or digit, or anything else, which separates.
/// 3. **Terms**: a run of Han characters gives every character and every pair of neighbours
///    (`政务公开` → 政 务 公 开 政务 务公 公开); a run of letters and digits is one word (`2021`,
///    `pdf`). No dictionary, so index and query can never segment differently.
///
/// A query asks for the pairs of each Han run of two or more characters (the single characters only
/// for a one-character run) and for each word, all of them. In a title each term also has its
/// **key position** (how many Han characters, letters and digits stand before it), so a query is a
/// phrase of a title whatever the punctuation of either. The **key** of a text — its Han
/// characters, letters and digits with everything else dropped — finds 文号 and 索引号 however they
/// are typed: `宁政办发2021 6号` and `宁政办发〔2021〕6号` have the same key.
public enum SearchText {
    /// The normalised scalars of a text, one for one (so positions carry over).
    public static func normalize(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.map(normalize)
    }

    static func normalize(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF01...0xFF5E: return lowercase(Unicode.Scalar(scalar.value - 0xFEE0)!)
        case 0x3000: return " "
        default: return lowercase(scalar)
        }
    }

    private static func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(scalar.value + 32)! : scalar
    }

    public static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF: true
        default: false
        }
    }

    /// ASCII letter or digit (after normalisation, so lower case).
    public static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }

    /// One term of a text and where its first character is (a scalar offset).
    public struct Occurrence: Equatable, Sendable {
        public let term: String
        public let position: Int
    }

    /// Every term of a text, in order: for a Han run each character then the pair it starts.
    public static func terms(_ text: String) -> [Occurrence] {
        var found: [Occurrence] = []
        scan(text) { term, position, _ in found.append(Occurrence(term: term.text, position: position)) }
        return found
    }

    /// Every term of a text with its **key position**: how many Han characters, letters and digits
    /// stand before it (what `key` keeps). Titles are indexed with these, so that a query is found
    /// as a phrase in a title however either is punctuated or spaced.
    public static func keyTerms(_ text: String) -> [Occurrence] {
        var found: [Occurrence] = []
        scan(text) { term, _, keyPosition in found.append(Occurrence(term: term.text, position: keyPosition)) }
        return found
    }

    /// A term without a String: Han characters and pairs packed into a number (the index has
    /// hundreds of thousands of them, and String hashing normalises Unicode), anything else as text.
    public enum Term: Hashable, Sendable {
        /// One Han character, or two: `first << 21 | second | 1 << 63`.
        case han(UInt64)
        case text(String)

        static func han(_ scalar: Unicode.Scalar) -> Term { .han(pack(scalar)) }
        static func han(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Term { .han(pack(a, b)) }
        static func pack(_ scalar: Unicode.Scalar) -> UInt64 { UInt64(scalar.value) }
        static func pack(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 { 1 << 63 | UInt64(a.value) << 21 | UInt64(b.value) }

        public var text: String {
            switch self {
            case .text(let text): return text
            case .han(let packed):
                var view = String.UnicodeScalarView()
                if packed >> 63 == 1 {
                    view.append(Unicode.Scalar(UInt32((packed >> 21) & 0x1F_FFFF))!)
                    view.append(Unicode.Scalar(UInt32(packed & 0x1F_FFFF))!)
                } else {
                    view.append(Unicode.Scalar(UInt32(packed))!)
                }
                return String(view)
            }
        }
    }

    /// Calls `visit` with every term of a text, its position and its key position, in order.
    public static func scan(_ text: String, _ visit: (Term, Int, Int) -> Void) {
        scan(text, han: { visit(.han($0), $1, $2) }, word: { visit(.text($0), $1, $2) })
    }

    /// `scan` with the Han terms as their packed numbers (`Term.han`) and the words as text: what
    /// the index counts, without making a `Term` of each of the millions of Han terms.
    static func scan(_ text: String, han: (UInt64, Int, Int) -> Void, word visitWord: (String, Int, Int) -> Void) {
        let scalars = normalize(text)
        var index = 0
        var kept = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isHan(scalar) {
                han(Term.pack(scalar), index, kept)
                if index + 1 < scalars.count, isHan(scalars[index + 1]) { han(Term.pack(scalar, scalars[index + 1]), index, kept) }
                index += 1
                kept += 1
            } else if isWord(scalar) {
                var word = String.UnicodeScalarView()
                let start = index
                let keptStart = kept
                while index < scalars.count, isWord(scalars[index]) {
                    word.append(scalars[index])
                    index += 1
                    kept += 1
                }
                visitWord(String(word), start, keptStart)
            } else {
                index += 1
            }
        }
    }

    /// The terms a query asks for, each once, in query order.
    public static func queryTerms(_ query: String) -> [String] {
        let scalars = normalize(query)
        var terms: [String] = []
        var index = 0
        func add(_ term: String) { if !terms.contains(term) { terms.append(term) } }
        while index < scalars.count {
            if isHan(scalars[index]) {
                let start = index
                while index < scalars.count, isHan(scalars[index]) { index += 1 }
                if index - start == 1 {
                    add(String(Character(scalars[start])))
                } else {
                    for k in start..<(index - 1) {
                        var pair = String.UnicodeScalarView()
                        pair.append(scalars[k])
                        pair.append(scalars[k + 1])
                        add(String(pair))
                    }
                }
            } else if isWord(scalars[index]) {
                var word = String.UnicodeScalarView()
                while index < scalars.count, isWord(scalars[index]) {
                    word.append(scalars[index])
                    index += 1
                }
                add(String(word))
            } else {
                index += 1
            }
        }
        return terms
    }

    /// Han characters, letters and digits only: what makes two spellings of a 文号 the same.
    public static func key(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in normalize(text) where isHan(scalar) || isWord(scalar) { kept.append(scalar) }
        return String(kept)
    }

    /// FNV-1a (32 bits) of a term's UTF-8 bytes: which shard of the index holds it.
    public static func hash(_ term: String) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in term.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }
}
