import Foundation
import SiteCore

/// `catalog.json`: every public catalog entry with its metadata, described by
/// docs/catalog.schema.json. It names no build time: two builds of the same content are the same
/// bytes.
struct CatalogJSON: Encodable {
    /// The version of this format; raised when a field changes meaning or goes away.
    static let formatVersion = 1
    let version = CatalogJSON.formatVersion
    let site: Site
    let count: Int
    let entries: [CatalogEntry]

    struct Site: Encodable {
        /// 网站名称
        let name: String
        /// `base_url`
        let url: String
        /// 组织机构代码 or 统一社会信用代码 of site.yaml.
        let organizationCode: String

        enum CodingKeys: String, CodingKey {
            case name, url
            case organizationCode = "organization_code"
        }
    }

    /// The same bytes as `ExportJSON.encode` of the whole catalog, but each entry written on its own
    /// (on all cores), in place: JSONEncoder holds a tree of the whole value while it encodes,
    /// several times the size of the file, which is 80 MB at 100,000 documents; and building its
    /// tree of boxed values cost more than the rest of the export (`PrettyJSON`).
    static func render(site: Site, entries: [CatalogEntry]) throws -> Data {
        guard !entries.isEmpty else { return try ExportJSON.encode(CatalogJSON(site: site, count: 0, entries: [])) }
        var out = Data("{\n  \"count\" : \(entries.count),\n  \"entries\" : [\n".utf8)
        // A batch at a time, so the pieces are never all in memory beside the file.
        for start in stride(from: 0, to: entries.count, by: 1024) {
            let chunks = stride(from: start, to: min(start + 1024, entries.count), by: 32).map { entries[$0..<min($0 + 32, entries.count)] }
            let encoded = chunks.concurrentMap { chunk in chunk.map { $0.prettyJSON(indent: 4) } }
            for pieces in encoded {
                for piece in pieces {
                    if out.last != UInt8(ascii: "\n") { out.append(contentsOf: ",\n".utf8) }
                    out.append(contentsOf: piece)
                }
            }
            // Room for the whole file, judged from the first batch: growing by doubling would
            // hold the old and the new buffer at once, 1.5 times the file, at the last step.
            if start == 0, entries.count > 1024 { out.reserveCapacity(out.count / 1024 * entries.count * 5 / 4) }
        }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: "  ],\n  \"site\" : ".utf8)
        out.append(indented(try ExportJSON.encoder.encode(site), by: 2, first: false))
        out.append(contentsOf: ",\n  \"version\" : \(formatVersion)\n}\n".utf8)
        return out
    }

    /// Pretty-printed JSON moved right: a string in JSON never holds a raw line break, so every
    /// line break is one of the layout's. Empty lines (JSONEncoder writes `[` and `]` of an empty
    /// array with one between them) stay empty.
    private static func indented(_ json: Data, by spaces: Int, first: Bool = true) -> Data {
        let pad = [UInt8](repeating: UInt8(ascii: " "), count: spaces)
        let newline = UInt8(ascii: "\n")
        var out = [UInt8]()
        out.reserveCapacity(json.count + json.count / 4)
        json.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var lineStart = first
            for byte in bytes {
                if lineStart, byte != newline { out.append(contentsOf: pad) }
                out.append(byte)
                lineStart = byte == newline
            }
        }
        return Data(out)
    }
}
