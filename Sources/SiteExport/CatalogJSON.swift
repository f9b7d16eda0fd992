import Foundation

/// `catalog.json`: every public catalog entry with its metadata, described by
/// docs/catalog.schema.json. It names no build time: two builds of the same content are the same
/// bytes.
struct CatalogJSON: Encodable {
    /// The version of this format; raised when a field changes meaning or goes away.
    let version = 1
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

    static func render(site: Site, entries: [CatalogEntry]) throws -> Data {
        try ExportJSON.encode(CatalogJSON(site: site, count: entries.count, entries: entries))
    }
}
