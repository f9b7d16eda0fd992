import Foundation

/// `catalog.csv`: the entries of `catalog.json`, one row per document, for spreadsheets. UTF-8 with
/// a byte-order mark (without it, Excel on a Chinese Windows reads the file as GBK), lines ending in
/// CRLF, fields quoted as RFC 4180 says: only when they hold a comma, a double quote or a line
/// break, with a double quote written twice. A field with several values joins them with `;`
/// (U+003B) and nothing else; the attachment columns list their values in the same order.
/// `catalog.json` keeps every value apart, for software that must not split text.
enum CatalogCSV {
    /// The separator of several values in one field.
    static let separator = ";"

    /// The columns, in order: the header and how an entry fills it.
    static let columns: [(header: String, value: @Sendable (CatalogEntry) -> String)] = [
        ("索引号", { $0.indexNumber ?? "" }),
        ("标题", { $0.title }),
        ("文号", { $0.documentNumber ?? "" }),
        ("发布机构", { join($0.issuers.map(\.name)) }),
        ("发布机构ID", { join($0.issuers.map(\.id)) }),
        ("成文日期", { $0.written ?? "" }),
        ("发布日期", { $0.published ?? "" }),
        ("有效性", { $0.validity ?? "" }),
        ("行政规范性文件", { $0.normative.map { $0 ? "是" : "否" } ?? "" }),
        ("主题分类", { join($0.topics) }),
        ("目录栏目", { join($0.sections.map(\.title)) }),
        ("目录栏目ID", { join($0.sections.map(\.id)) }),
        ("类别", { $0.kindName }),
        ("类别代码", { $0.kind }),
        ("网址", { $0.url }),
        ("内容概述", { $0.summary ?? "" }),
        ("替代文件", { $0.supersededBy ?? "" }),
        ("解读对象", { $0.interprets ?? "" }),
        ("文档ID", { $0.id }),
        ("附件名称", { join($0.attachments.map(\.title)) }),
        ("附件文件名", { join($0.attachments.map(\.fileName)) }),
        ("附件网址", { join($0.attachments.map(\.url)) }),
        ("附件大小（字节）", { join($0.attachments.map { String($0.size) }) }),
        ("附件SHA-256", { join($0.attachments.map(\.sha256)) }),
    ]

    static func join(_ values: [String]) -> String { values.joined(separator: separator) }

    static func render(_ entries: [CatalogEntry]) -> Data {
        var out = Data([0xEF, 0xBB, 0xBF])
        out.append(contentsOf: row(columns.map(\.header)).utf8)
        for (index, entry) in entries.enumerated() {
            out.append(contentsOf: row(columns.map { $0.value(entry) }).utf8)
            // Room for the whole file, judged from the first rows (see CatalogJSON).
            if index == 255, entries.count > 256 { out.reserveCapacity(out.count / 256 * entries.count * 5 / 4) }
        }
        return out
    }

    static func row(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }

    /// A field as RFC 4180 writes it.
    static func quote(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
