import Testing

@testable import SiteMarkdown

/// `HeadingIDs.commonSlug`, the quick path for headings of ASCII, Han and Chinese punctuation,
/// must give what `slug` gives, which asks each character's Unicode properties.
struct HeadingIDTests {
    /// Every character the quick path handles: all of ASCII, the CJK Unified Ideographs, the
    /// ideographic space and the punctuation it drops.
    static let handled: [UInt32] = Array(0x00...0x7F) + Array(0x4E00...0x9FFF) + [0x3000]
        + HeadingIDs.droppedPunctuation.flatMap { Array($0) }

    @Test func agreesOnEveryCharacter() {
        var disagreements: [String] = []
        for value in Self.handled {
            let character = String(Unicode.Scalar(value)!)
            // Alone, between kept characters, and between white space and a kept character.
            for text in [character, "a\(character)b", "一 \(character)二", "\(character) x"] {
                let quick = HeadingIDs.commonSlug(text)
                if quick != HeadingIDs.slug(text) {
                    disagreements.append("U+\(String(value, radix: 16, uppercase: true)) in \(text.debugDescription): \(quick.debugDescription) vs \(HeadingIDs.slug(text).debugDescription)")
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }

    @Test func leavesOtherTextsToTheFullRules() {
        // A full-width letter lowercases, an accented letter and Greek are letters: not handled.
        #expect(HeadingIDs.commonSlug("ＡＢ") == nil)
        #expect(HeadingIDs.commonSlug("Café") == nil)
        #expect(HeadingIDs.commonSlug("ΣΑΣ") == nil)
        var ids = HeadingIDs()
        #expect(ids.make(for: "ＡＢ") == "ａｂ")
        #expect(ids.make(for: "Café au lait") == "café-au-lait")
    }

    @Test func headings() {
        var ids = HeadingIDs()
        #expect(ids.make(for: "一、总体要求") == "一总体要求")
        #expect(ids.make(for: "Data  sources") == "data-sources")
        #expect(ids.make(for: "（三）加强“互联网+政务服务”") == "三加强互联网政务服务")
        #expect(ids.make(for: "一、总体要求") == "一总体要求-1")
        #expect(ids.make(for: "！？") == "section")
        #expect(ids.make(for: " 2023 年\t工作要点 ") == "2023-年-工作要点")
    }
}
