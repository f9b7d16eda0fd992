import Crypto
import Foundation
import SiteContent
import SiteCore
import SiteGraph

/// A public document the catalog lists (a policy, an interpretation, a plan, an annual report, or a
/// page or decision in a section) with all its metadata, as `catalog.json` and `catalog.csv` carry it (docs/exports.md). Absent values are
/// written as `null`, so every entry has every key.
struct CatalogEntry: Encodable, Sendable {
    /// The document's id: its path under Content/ without `.md`.
    let id: String
    /// 索引号
    let indexNumber: String?
    /// 标题
    let title: String
    /// 文号
    let documentNumber: String?
    /// 发布机构, the lead first.
    let issuers: [Issuer]
    /// 成文日期, `YYYY-MM-DD`.
    let written: String?
    /// 发布日期, `YYYY-MM-DD`.
    let published: String?
    /// 有效性 of a policy: 现行有效, 已修改, 已废止, 已失效; null for other kinds.
    let validity: String?
    /// 行政规范性文件: true or false for a policy, null for other kinds.
    let normative: Bool?
    /// 主题分类
    let topics: [String]
    /// 目录栏目 the document names.
    let sections: [Section]
    /// `policy`, `interpretation`, `plan`, `annual-report`, `decision`, `page`.
    let kind: String
    /// 政策文件, 政策解读, 规划计划, 政府信息公开工作年度报告, 重大行政决策, 页面.
    let kindName: String
    /// The page's absolute URL.
    let url: String
    /// 内容概述
    let summary: String?
    /// The URL of the document that replaces this policy (替代文件).
    let supersededBy: String?
    /// The URL of the policy this interpretation explains (解读对象).
    let interprets: String?
    /// 附件, in the order of the front matter.
    let attachments: [AttachmentEntry]

    struct Issuer: Encodable, Sendable, Equatable {
        /// The agency's id in agencies.yaml.
        let id: String
        /// Its full name.
        let name: String
    }

    struct Section: Encodable, Sendable, Equatable {
        let id: String
        let title: String
    }

    struct AttachmentEntry: Encodable, Sendable, Equatable {
        /// The published file's name.
        let fileName: String
        /// 附件名称
        let title: String
        let url: String
        /// In bytes.
        let size: Int
        /// SHA-256 of the file, 64 lowercase hexadecimal digits.
        let sha256: String

        enum CodingKeys: String, CodingKey {
            case title, url, size, sha256
            case fileName = "file_name"
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, title, issuers, written, published, validity, normative, topics, sections, kind, url, summary, interprets, attachments
        case indexNumber = "index_number"
        case documentNumber = "document_number"
        case kindName = "kind_name"
        case supersededBy = "superseded_by"
    }

    /// Every key, with `null` for an absent value (the synthesized encoding would leave it out).
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(indexNumber, forKey: .indexNumber)
        try c.encode(title, forKey: .title)
        try c.encode(documentNumber, forKey: .documentNumber)
        try c.encode(issuers, forKey: .issuers)
        try c.encode(written, forKey: .written)
        try c.encode(published, forKey: .published)
        try c.encode(validity, forKey: .validity)
        try c.encode(normative, forKey: .normative)
        try c.encode(topics, forKey: .topics)
        try c.encode(sections, forKey: .sections)
        try c.encode(kind, forKey: .kind)
        try c.encode(kindName, forKey: .kindName)
        try c.encode(url, forKey: .url)
        try c.encode(summary, forKey: .summary)
        try c.encode(supersededBy, forKey: .supersededBy)
        try c.encode(interprets, forKey: .interprets)
        try c.encode(attachments, forKey: .attachments)
    }
}

extension CatalogEntry {
    /// The entry as `ExportJSON.encoder` encodes it (keys sorted), every line moved right by
    /// `indent` spaces: catalog.json writes its entries this way (`PrettyJSON`).
    func prettyJSON(indent: Int) -> [UInt8] {
        var json = PrettyJSON(indent: indent)
        json.object { json in
            json.key("attachments")
            json.array(attachments) { json, attachment in
                json.object { json in
                    json.key("file_name")
                    json.string(attachment.fileName)
                    json.key("sha256")
                    json.string(attachment.sha256)
                    json.key("size")
                    json.int(attachment.size)
                    json.key("title")
                    json.string(attachment.title)
                    json.key("url")
                    json.string(attachment.url)
                }
            }
            json.key("document_number")
            json.string(documentNumber)
            json.key("id")
            json.string(id)
            json.key("index_number")
            json.string(indexNumber)
            json.key("interprets")
            json.string(interprets)
            json.key("issuers")
            json.array(issuers) { json, issuer in
                json.object { json in
                    json.key("id")
                    json.string(issuer.id)
                    json.key("name")
                    json.string(issuer.name)
                }
            }
            json.key("kind")
            json.string(kind)
            json.key("kind_name")
            json.string(kindName)
            json.key("normative")
            if let normative { json.bool(normative) } else { json.null() }
            json.key("published")
            json.string(published)
            json.key("sections")
            json.array(sections) { json, section in
                json.object { json in
                    json.key("id")
                    json.string(section.id)
                    json.key("title")
                    json.string(section.title)
                }
            }
            json.key("summary")
            json.string(summary)
            json.key("superseded_by")
            json.string(supersededBy)
            json.key("title")
            json.string(title)
            json.key("topics")
            json.array(topics) { json, topic in json.string(topic) }
            json.key("url")
            json.string(url)
            json.key("validity")
            json.string(validity)
            json.key("written")
            json.string(written)
        }
        return json.bytes
    }
}

/// Makes the catalog entries of a site.
struct CatalogBuilder: Sendable {
    let graph: ContentGraph
    let address: SiteAddress
    /// The bytes of a file under Content/, by its content path; nil when it cannot be read.
    let fileData: @Sendable (String) -> Data?

    /// Every public document the catalog lists, newest first (the order of the catalog's lists):
    /// the catalog entries, and the pages and decisions that name a section.
    func entries() throws(SiteError) -> [CatalogEntry] {
        var entries: [CatalogEntry] = []
        for id in graph.publicDocuments {
            guard let document = graph[id], document.isPublic, document.isListed else { continue }
            entries.append(try entry(document))
        }
        return entries
    }

    func entry(_ document: Document) throws(SiteError) -> CatalogEntry {
        var issuerIDs: [String] = []
        for id in document.issuers.map(\.value) where !issuerIDs.contains(id) { issuerIDs.append(id) }
        var sections: [CatalogEntry.Section] = []
        for id in document.catalog.map(\.value) where !sections.contains(where: { $0.id == id }) {
            guard let section = graph.section(id) else { continue }
            sections.append(.init(id: id, title: section.title))
        }
        var topics: [String] = []
        for topic in document.topics.map(\.value) where !topics.contains(topic) { topics.append(topic) }
        /// A related document's URL, only when it is public (the checks refuse anything else).
        func publicURL(_ id: DocumentID?) -> String? {
            guard let id, let target = graph[id], target.isPublic else { return nil }
            return address.url(target.id.page)
        }
        var attachments: [CatalogEntry.AttachmentEntry] = []
        for attachment in document.attachments {
            guard let data = fileData(attachment.contentPath) else {
                throw .unreadable(path: attachment.contentPath, reason: "the attachment cannot be read to compute its SHA-256")
            }
            attachments.append(.init(
                fileName: attachment.fileName, title: attachment.title, url: address.url(SitePath(file: attachment.contentPath)),
                size: data.count, sha256: Hexadecimal.lowercase(SHA256.hash(data: data))))
        }
        return CatalogEntry(
            id: document.id.rawValue, indexNumber: document.indexNumber?.value.text, title: document.title.value,
            documentNumber: document.documentNumber?.value.text,
            issuers: issuerIDs.map { .init(id: $0, name: graph.agency($0)?.name ?? $0) },
            written: document.written?.value.description, published: document.published?.value.description,
            validity: document.policy.map { $0.validity?.value.chinese } ?? nil,
            normative: document.policy?.normative, topics: topics, sections: sections,
            kind: document.kind.rawValue, kindName: document.kind.chineseName, url: address.url(document.id.page),
            summary: document.summary, supersededBy: publicURL(document.policy?.supersededBy?.value),
            interprets: publicURL(document.interpretation?.interprets?.value), attachments: attachments)
    }
}
