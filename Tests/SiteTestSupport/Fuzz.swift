import Foundation

/// Seeded mutation fuzzing for the parsers: texts from the example portal, cut, repeated, spliced and
/// salted with the tokens that break front matter, YAML, Markdown and links. Deterministic for a
/// seed, so a failure in CI replays; `SITE_FUZZ_ITERATIONS` (default 2,000 per target) and
/// `SITE_FUZZ_SEED` (default 1) run it longer or elsewhere by hand.
public struct Fuzz {
    public static var iterations: Int { Int(ProcessInfo.processInfo.environment["SITE_FUZZ_ITERATIONS"] ?? "") ?? 2_000 }
    public static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["SITE_FUZZ_SEED"] ?? "") ?? 1 }

    /// Inserted whole: structure of front matter, YAML, Markdown, links, 文号; controls; odd Unicode.
    public static let tokens: [String] = [
        "---", "---\n", "\n", "\r\n", "\r", "\t", ": ", "- ", "? ", "[", "]", "(", ")", "](", "](../", "![", "*", "**", "_", "__", "`",
        "```", "~~~", "#", "## ", ">", "> ", "<", "</", "<div>", "<script>", "&", "&amp;", "&#0;", "&a ", "*a", "!!str ", "{", "}",
        "\"", "'", "|", "||", "\\", "\\\n", "%", "%2e%2e/", "%00", "../", "./", "/", "//", "#frag", "?q=1", "javascript:", "data:",
        "http://[::1]/", "mailto:", "[x](a.md)", "[x](../policies/a.md#h)", "![图](images/图1.png)", "<a href=\"../x\">", "〔", "〕",
        "号", "《", "》", "　", "，", "。", "\u{0}", "\u{7}", "\u{1B}", "\u{FEFF}", "\u{200B}", "\u{202E}", "\u{FFFE}", "\u{FFFF}",
        "e\u{301}", "😀", "👨‍👩‍👧", "title: ", "kind: policy", "disclosure: 不予公开", "published: 2021-02-30", "index_number: ",
        "document_number: ", "attachments:\n  - {file: ", "interprets: ", "tasks:\n  - ", "  ", "    ", "1. ", "* * *", "| a | b |",
    ]

    public var random: Generator
    let corpus: [[Unicode.Scalar]]

    public init(corpus: [String], seed: UInt64) {
        self.random = Generator(state: seed)
        self.corpus = corpus.map { Array($0.unicodeScalars) }
    }

    /// The next input: a text of the corpus with one to four mutations.
    public mutating func next() -> String {
        var text = corpus[pick(corpus.count)]
        for _ in 0...pick(4) { mutate(&text) }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text)
        return String(out)
    }

    mutating func pick(_ n: Int) -> Int { n <= 1 ? 0 : Int(random.next() % UInt64(n)) }

    mutating func mutate(_ text: inout [Unicode.Scalar]) {
        let at = pick(text.count + 1)
        switch pick(8) {
        case 0:  // delete a range
            let end = min(text.count, at + pick(40) + 1)
            if at < end { text.removeSubrange(at..<end) }
        case 1:  // repeat a range
            let end = min(text.count, at + pick(60) + 1)
            if at < end { text.insert(contentsOf: Array(repeating: Array(text[at..<end]), count: pick(4) + 2).joined(), at: at) }
        case 2, 3:  // a token
            text.insert(contentsOf: Self.tokens[pick(Self.tokens.count)].unicodeScalars, at: at)
        case 4:  // a token many times: deep nesting, long lines
            let token = Self.tokens[pick(Self.tokens.count)]
            text.insert(contentsOf: String(repeating: token, count: pick(2_000) + 10).unicodeScalars, at: at)
        case 5:  // a piece of another text
            let other = corpus[pick(corpus.count)]
            let start = pick(other.count)
            text.insert(contentsOf: other[start..<min(other.count, start + pick(200) + 1)], at: at)
        case 6:  // cut the end
            text.removeSubrange(at..<text.count)
        default:  // one character replaced by a random one from the whole range
            if at < text.count, let scalar = Unicode.Scalar(UInt32(random.next() % 0x10FFFF)) { text[at] = scalar }
        }
    }

    /// SplitMix64.
    public struct Generator: RandomNumberGenerator {
        public var state: UInt64
        public init(state: UInt64) { self.state = state }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The example portal's Markdown documents and configuration files, and the sample site's.
    public static func seeds(extension wanted: String) -> [String] {
        let content = Repository.root.appendingPathComponent("Content")
        var texts: [String] = []
        if let files = FileManager.default.enumerator(atPath: content.path) {
            for case let path as String in files where path.hasSuffix(wanted) {
                if let text = try? String(contentsOf: content.appendingPathComponent(path), encoding: .utf8) { texts.append(text) }
            }
        }
        texts += SampleSite.files.filter { $0.key.hasSuffix(wanted) }.map(\.value)
        return texts.sorted()
    }
}
