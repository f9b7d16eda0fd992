/// Where the machine-readable files of the site are written (docs/exports.md): feeds, the catalog
/// exports, the sitemap, robots.txt and the manifest. The files at the top are reserved (`ReservedPaths`), so no
/// document or published file can take their names; a section's feeds sit in the section's own
/// folder beside its `index.html`.
public enum ExportPaths {
    /// `/feed.xml`: Atom (RFC 4287), the latest public documents of the whole portal.
    public static let atomFeed = SitePath(file: "feed.xml")
    /// `/feed.json`: JSON Feed 1.1, the same entries.
    public static let jsonFeed = SitePath(file: "feed.json")
    /// `/catalog.json`: every public catalog entry with its metadata (docs/catalog.schema.json).
    public static let catalogJSON = SitePath(file: "catalog.json")
    /// `/catalog.csv`: the same, one row per document, for spreadsheets.
    public static let catalogCSV = SitePath(file: "catalog.csv")
    /// `/sitemap.xml` (sitemaps.org 0.9).
    public static let sitemap = SitePath(file: "sitemap.xml")
    /// `/robots.txt`, naming the sitemap.
    public static let robots = SitePath(file: "robots.txt")
    /// `/manifest.json`: every other file of the output with its size and SHA-256 (docs/deploy.md).
    public static let manifest = SitePath(file: "manifest.json")

    /// `/xxgk/<section>/feed.xml`: a catalog section's Atom feed, its subsections included.
    public static func atomFeed(section id: String) -> SitePath { SitePath(file: "xxgk/\(id)/feed.xml") }
    /// `/xxgk/<section>/feed.json`
    public static func jsonFeed(section id: String) -> SitePath { SitePath(file: "xxgk/\(id)/feed.json") }

    /// The files written at the top of the site.
    public static let topLevel: [SitePath] = [atomFeed, jsonFeed, catalogJSON, catalogCSV, sitemap, robots, manifest]
}
