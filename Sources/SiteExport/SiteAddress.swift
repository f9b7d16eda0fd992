import Foundation
import SiteContent
import SiteCore

/// The portal's public address, for what exports carry: absolute URLs (a feed reader or another
/// system has no page to resolve a relative link against), entry ids and dates.
struct SiteAddress: Sendable {
    /// `https://www.ningyang.gov.cn/` from site.yaml's `base_url`, always ending in `/`.
    let baseURL: String
    /// `www.ningyang.gov.cn`, lowercased: the authority of entry ids.
    let host: String

    init(_ configuration: SiteConfiguration) {
        baseURL = configuration.baseURL.hasSuffix("/") ? configuration.baseURL : configuration.baseURL + "/"
        host = URLComponents(string: baseURL)?.host?.lowercased() ?? ""
    }

    /// The absolute, percent-encoded URL of a place in the site: `https://www.ningyang.gov.cn/policies/2021-6/`.
    func url(_ path: SitePath) -> String { baseURL + SitePath.percentEncode(path.rawValue) }

    /// A document's permanent id in feeds, a tag URI (RFC 4151). With a 索引号, which never changes
    /// (DISCLOSURE.md §2.3), the id is built from it alone, dated with its year:
    /// `tag:www.ningyang.gov.cn,2021:11370921004336564T/2021-00006`. Without one (pages, decision
    /// entries) it is the page's path from the site root, dated with the year of 发布日期:
    /// `tag:www.ningyang.gov.cn,2022:/guide/xxgkzn/`. A 索引号 never starts with `/`, so the two
    /// forms cannot meet.
    func entryID(_ document: Document) -> String {
        if let number = document.indexNumber?.value {
            return "tag:\(host),\(number.year):\(number.text)"
        }
        let year = document.published?.value.year ?? 1970
        return "tag:\(host),\(year):/\(SitePath.percentEncode(document.id.page.rawValue))"
    }

    /// A date as an RFC 3339 timestamp: the start of the day in China Standard Time, where every
    /// 发布日期 is a date (`2021-05-21T00:00:00+08:00`).
    static func timestamp(_ date: CalendarDate) -> String { "\(date.description)T00:00:00+08:00" }
}
