import Foundation

/// Reads the tags of an HTML page, as written by this tool's templates and libcmark: start and end
/// tags with their attributes and byte offsets, the text of `<title>` and of headings. Comments,
/// doctype and the contents of `<script>` and `<style>` are skipped (a start tag gives the range
/// of its contents, where the audit reads the CSS of `<style>`). Not a general HTML parser: the
/// audit checks pages this tool wrote, and the Nu checker validates them in the browser tests.
struct HTMLScanner {
    struct Tag {
        let name: String
        let attributes: Attributes
        /// Byte offset of the `<`.
        let offset: Int
        let isEnd: Bool
        /// The raw text of a `<script>` or `<style>` element (start tags only): what lies between
        /// the start tag and its end tag, unscanned and not entity-decoded.
        var content: Range<Int>? = nil
    }

    /// A tag's attributes in the order written (a few: a list, where a dictionary per tag cost
    /// more than the scan). A name written twice has its last value, as in a dictionary. A value
    /// is read from the page's bytes (entity-decoded) when asked for: most (`class`, `aria-*`)
    /// never are.
    struct Attributes: Equatable, ExpressibleByDictionaryLiteral {
        /// The bytes the values' ranges are in: the page's, or the literal's values.
        private let bytes: [UInt8]
        /// A page's values are as written (entities decoded when read); a literal's as they are.
        private let isWritten: Bool
        private var pairs: [(name: String, value: Range<Int>)] = []

        init(bytes: [UInt8]) {
            self.bytes = bytes
            isWritten = true
        }

        init(dictionaryLiteral elements: (String, String)...) {
            var bytes: [UInt8] = []
            var pairs: [(name: String, value: Range<Int>)] = []
            for (name, value) in elements {
                let start = bytes.count
                bytes += value.utf8
                pairs.removeAll { $0.name == name }
                pairs.append((name, start..<bytes.count))
            }
            self.bytes = bytes
            self.pairs = pairs
            isWritten = false
        }

        var isEmpty: Bool { pairs.isEmpty }
        var count: Int { pairs.count }

        /// Adds a name and where its value is (after any earlier value of that name is dropped).
        mutating func set(_ name: String, _ value: Range<Int>) {
            if pairs.contains(where: { $0.name == name }) { pairs.removeAll { $0.name == name } }
            pairs.append((name, value))
        }

        func name(at index: Int) -> String { pairs[index].name }

        /// The value of the attribute at `index`, entity-decoded.
        func value(at index: Int) -> String {
            isWritten ? HTMLScanner.decode(bytes, pairs[index].value) : String(decoding: bytes[pairs[index].value], as: UTF8.self)
        }

        subscript(name: String) -> String? {
            pairs.lastIndex { $0.name == name }.map(value(at:))
        }

        static func == (a: Attributes, b: Attributes) -> Bool {
            a.count == b.count && a.pairs.indices.allSatisfy { b[a.name(at: $0)] == a.value(at: $0) }
        }
    }

    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Every tag, in order. The text between tags goes to `text` with the tag before it
    /// (entity-decoded for &amp;, &lt;, &gt;, &quot;, &#39;).
    func scan(text: (String, Tag?) -> Void = { _, _ in }) -> [Tag] {
        scan(textRanges: { range, tag in text(decode(range), tag) })
    }

    /// Every tag, in order. Where each text between tags is goes to `textRanges` with the tag
    /// before it, undecoded (`appendText` decodes it): most pages' text is only searched.
    func scan(textRanges text: (Range<Int>, Tag?) -> Void) -> [Tag] {
        var tags: [Tag] = []
        scan(tags: { tags.append($0) }, textRanges: text)
        return tags
    }

    /// Every tag in order to `visit` as it is read, and each text between tags to `text` as
    /// `scan(textRanges:)` hands it: nothing is kept.
    func scan(tags visit: (Tag) -> Void, textRanges text: (Range<Int>, Tag?) -> Void) {
        var last: Tag?
        var i = 0
        var textStart = 0
        let count = bytes.count
        func flushText(_ end: Int) {
            if end > textStart { text(textStart..<end, last) }
        }
        while i < count {
            guard bytes[i] == UInt8(ascii: "<") else {
                i = nextTagOpening(from: i + 1)
                continue
            }
            if i + 1 < count, bytes[i + 1] == UInt8(ascii: "!") || bytes[i + 1] == UInt8(ascii: "?") {
                flushText(i)
                if starts(with: "<!--", at: i) {
                    i = find("-->", from: i + 4).map { $0 + 3 } ?? count
                } else {
                    i = (find(">", from: i) ?? count) + 1
                }
                textStart = i
                continue
            }
            let tagStart = i
            var j = i + 1
            let isEnd = j < count && bytes[j] == UInt8(ascii: "/")
            if isEnd { j += 1 }
            let nameStart = j
            while j < count, isNameByte(bytes[j]) { j += 1 }
            guard j > nameStart else {  // a lone '<' in text: stays in the text
                i += 1
                continue
            }
            flushText(tagStart)
            let name = lowercased(nameStart..<j)
            var attributes = Attributes(bytes: bytes)
            // Attributes until '>'.
            while j < count, bytes[j] != UInt8(ascii: ">") {
                if isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "/") {
                    j += 1
                    continue
                }
                let attributeStart = j
                while j < count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "="), bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "/") { j += 1 }
                let key = lowercased(attributeStart..<j)
                var value = j..<j
                if j < count, bytes[j] == UInt8(ascii: "=") {
                    j += 1
                    if j < count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                        let quote = bytes[j]
                        let valueStart = j + 1
                        j = valueStart
                        while j < count, bytes[j] != quote { j += 1 }
                        value = valueStart..<min(j, count)
                        j += 1
                    } else {
                        let valueStart = j
                        while j < count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">") { j += 1 }
                        value = valueStart..<j
                    }
                }
                if !key.isEmpty { attributes.set(key, value) }
            }
            i = min(j + 1, count)
            var tag = Tag(name: name, attributes: attributes, offset: tagStart, isEnd: isEnd)
            if !isEnd, name == "script" || name == "style" {
                let contentStart = i
                i = findIgnoringCase("</\(name)", from: i) ?? count
                tag.content = contentStart..<i
            }
            visit(tag)
            last = tag
            textStart = i
        }
        flushText(count)
    }

    /// The positions of many offsets in one pass (in the order given): newlines found by memchr,
    /// scalars counted only on the line of an offset.
    func positions(of offsets: [Int]) -> [(line: Int, column: Int)] {
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var result = [(line: Int, column: Int)](repeating: (1, 1), count: offsets.count)
        var line = 1
        var column = 1
        var at = 0
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in order {
                let target = min(offsets[index], buffer.count)
                while at < target, let newline = memchr(base + at, 0x0A, target - at) {
                    line += 1
                    column = 1
                    at = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                }
                while at < target {
                    if buffer[at] & 0xC0 != 0x80 { column += 1 }  // a scalar starts at every byte that is not a continuation byte
                    at += 1
                }
                result[index] = (line, column)
            }
        }
        return result
    }

    /// The 1-based line and column (Unicode scalars) of a byte offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for k in 0..<min(offset, bytes.count) where bytes[k] == UInt8(ascii: "\n") {
            line += 1
            lineStart = k + 1
        }
        let column = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).unicodeScalars.count + 1
        return (line, column)
    }

    // MARK: Bytes

    /// A tag's or attribute's name, in lowercase: ASCII letters lowered on the bytes (most names
    /// are lowercase already), anything else as `String.lowercased` lowers it.
    private func lowercased(_ range: Range<Int>) -> String {
        var hasUpper = false
        for index in range {
            let byte = bytes[index]
            if byte >= 0x80 { return String(decoding: bytes[range], as: UTF8.self).lowercased() }
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { hasUpper = true }
        }
        guard hasUpper else { return String(decoding: bytes[range], as: UTF8.self) }
        return String(decoding: bytes[range].map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// The offset of the next `<` at or after `start` (memchr: most of a page is text), or the end.
    private func nextTagOpening(from start: Int) -> Int {
        guard start < bytes.count else { return bytes.count }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let found = memchr(buffer.baseAddress! + start, Int32(UInt8(ascii: "<")), buffer.count - start) else { return buffer.count }
            return buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-")
    }

    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C }

    private func starts(with text: StaticString, at index: Int) -> Bool {
        let pattern = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        return index + pattern.count <= bytes.count && bytes[index..<index + pattern.count].elementsEqual(pattern)
    }

    private func find(_ text: StaticString, from start: Int) -> Int? {
        let pattern = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        var k = start
        while k + pattern.count <= bytes.count {
            if bytes[k] == pattern[0], bytes[k..<k + pattern.count].elementsEqual(pattern) { return k }
            k += 1
        }
        return nil
    }

    /// `find` for a lowercase ASCII pattern, matching `</SCRIPT` as `</script` (tag names are case-insensitive).
    private func findIgnoringCase(_ text: String, from start: Int) -> Int? {
        let pattern = Array(text.utf8)
        var k = start
        while k + pattern.count <= bytes.count {
            var matched = true
            for (offset, expected) in pattern.enumerated() {
                var byte = bytes[k + offset]
                if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 32 }
                if byte != expected { matched = false; break }
            }
            if matched { return k }
            k += 1
        }
        return nil
    }

    /// The five entities our pages use (`&lt; &gt; &quot; &#39; &amp;`), decoded once, on the bytes:
    /// Foundation's string search cost more than the whole scan.
    private static let entities: [(name: [UInt8], byte: UInt8)] = [
        (Array("&lt;".utf8), UInt8(ascii: "<")), (Array("&gt;".utf8), UInt8(ascii: ">")),
        (Array("&quot;".utf8), UInt8(ascii: "\"")), (Array("&#39;".utf8), UInt8(ascii: "'")), (Array("&amp;".utf8), UInt8(ascii: "&")),
    ]

    private func decode(_ range: Range<Int>) -> String { Self.decode(bytes, range) }

    static func decode(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        let slice = bytes[range]
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        appendText(bytes, range, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The text at `range`, entity-decoded as `decode` does, appended to `out` as bytes.
    func appendText(_ range: Range<Int>, to out: inout [UInt8]) { Self.appendText(bytes, range, to: &out) }

    static func appendText(_ bytes: [UInt8], _ range: Range<Int>, to out: inout [UInt8]) {
        let slice = bytes[range]
        guard slice.contains(UInt8(ascii: "&")) else { return out.append(contentsOf: slice) }
        out.reserveCapacity(out.count + slice.count)
        var index = range.lowerBound
        next: while index < range.upperBound {
            if bytes[index] == UInt8(ascii: "&") {
                for entity in entities where index + entity.name.count <= range.upperBound
                    && bytes[index..<index + entity.name.count].elementsEqual(entity.name) {
                    out.append(entity.byte)
                    index += entity.name.count
                    continue next
                }
            }
            out.append(bytes[index])
            index += 1
        }
    }
}
