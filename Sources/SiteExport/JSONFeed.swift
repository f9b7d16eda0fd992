import Foundation

/// A feed as JSON Feed 1.1 (https://jsonfeed.org/version/1.1), through `Codable`: keys sorted, so
/// two builds give the same bytes.
struct JSONFeed: Encodable {
    let version = "https://jsonfeed.org/version/1.1"
    let title: String
    let homePageURL: String
    let feedURL: String
    let description: String?
    let language: String
    let authors: [Author]
    let items: [Item]

    struct Author: Encodable {
        let name: String
        let url: String
    }

    struct Item: Encodable {
        let id: String
        let url: String
        let title: String
        let summary: String?
        let contentHTML: String
        let datePublished: String
        let dateModified: String
        let authors: [Author]
        /// 目录栏目 titles, then 主题分类.
        let tags: [String]

        enum CodingKeys: String, CodingKey {
            case id, url, title, summary, authors, tags
            case contentHTML = "content_html"
            case datePublished = "date_published"
            case dateModified = "date_modified"
        }
    }

    enum CodingKeys: String, CodingKey {
        case version, title, description, language, authors, items
        case homePageURL = "home_page_url"
        case feedURL = "feed_url"
    }

    init(_ feed: Feed) {
        title = feed.title
        homePageURL = feed.pageURL
        feedURL = feed.jsonURL
        description = feed.subtitle
        language = feed.language
        authors = [Author(name: feed.author, url: feed.authorURL)]
        items = feed.entries.map { entry in
            var tags: [String] = []
            for label in entry.categories.map(\.label) where !tags.contains(label) { tags.append(label) }
            return Item(
                id: entry.id, url: entry.url, title: entry.title, summary: entry.summary, contentHTML: entry.contentHTML,
                datePublished: SiteAddress.timestamp(entry.published), dateModified: SiteAddress.timestamp(entry.updated),
                authors: entry.authors.map { Author(name: $0.name, url: $0.url) }, tags: tags)
        }
    }

    static func render(_ feed: Feed) throws -> Data {
        try ExportJSON.encode(JSONFeed(feed))
    }
}

/// JSON as every export writes it: keys sorted, pretty-printed, slashes unescaped, a final newline.
enum ExportJSON {
    static func encode(_ value: some Encodable) throws -> Data {
        try encoder.encode(value) + Data("\n".utf8)
    }

    /// Sorted keys, two spaces per level, slashes as they are; no line break at the end.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }
}
