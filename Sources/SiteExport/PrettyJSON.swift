/// Writes JSON in exactly the bytes `ExportJSON.encoder` gives (pretty-printed with two spaces per
/// level and ` : ` after keys, slashes as they are, `"`, `\` and control characters escaped), for
/// values written field by field in sorted-key order: catalog.json's entries, where JSONEncoder's
/// tree of boxed values cost more than the rest of the export. `CatalogJSONLayoutTests` holds
/// the two to the same bytes.
struct PrettyJSON {
    private(set) var bytes: [UInt8] = []
    /// Spaces before the current level's lines.
    private var indent: Int
    /// Whether the current object or array has a member yet.
    private var hasMember: [Bool] = []

    init(indent: Int) {
        self.indent = indent
        bytes.reserveCapacity(1024)
        spaces(indent)
    }

    private mutating func spaces(_ count: Int) { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count)) }

    private mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Starts the next member of the object or array being written: a comma after the one before,
    /// a line break and the indentation.
    private mutating func member() {
        if hasMember[hasMember.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasMember[hasMember.count - 1] = true
        bytes.append(UInt8(ascii: "\n"))
        spaces(indent)
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        hasMember.append(false)
        indent += 2
    }

    private mutating func close(_ bracket: UInt8) {
        indent -= 2
        // An empty array or object is written with an empty line inside, as JSONEncoder does.
        bytes.append(UInt8(ascii: "\n"))
        if hasMember.removeLast() { spaces(indent) } else { bytes.append(UInt8(ascii: "\n")); spaces(indent) }
        bytes.append(bracket)
    }

    // MARK: Values

    mutating func object(_ fields: (inout PrettyJSON) -> Void) {
        open(UInt8(ascii: "{"))
        fields(&self)
        close(UInt8(ascii: "}"))
    }

    /// A key of the object being written; its value follows.
    mutating func key(_ name: String) {
        member()
        string(name)
        raw(" : ")
    }

    mutating func array<Element>(_ elements: [Element], _ write: (inout PrettyJSON, Element) -> Void) {
        open(UInt8(ascii: "["))
        for element in elements {
            member()
            write(&self, element)
        }
        close(UInt8(ascii: "]"))
    }

    mutating func null() { raw("null") }

    mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

    mutating func int(_ value: Int) { raw(String(value)) }

    mutating func string(_ value: String?) {
        guard let value else { return null() }
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x00..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                raw("\\u00")
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
