/// Output paths that generated pages and exports use, so content may not: documents may not live in
/// these top-level folders or take these top-level names, and catalog sections may not take these
/// ids (their pages sit beside the sections' pages under `/xxgk/`).
public enum ReservedPaths {
    /// `/xxgk/` (the catalog), `/assets/` (the theme), `/agencies/`, `/search/`, `/_report/`, and
    /// `/__site/`, where `site serve` answers live reload.
    public static let topLevelFolders: Set<String> = ["xxgk", "assets", "agencies", "search", "_report", "__site"]
    /// `/feed.xml`, `/feed.json`, `/catalog.json`, `/catalog.csv`, `/sitemap.xml`, `/robots.txt`,
    /// `/manifest.json`
    /// (`ExportPaths`): a document or published file of that name, or a folder of that name, would
    /// collide with them.
    public static let topLevelFiles: Set<String> = Set(ExportPaths.topLevel.map(\.rawValue))
    /// `/xxgk/years/`, `/xxgk/topics/`, `/xxgk/normative/`, `/xxgk/decisions/`.
    public static let sectionIDs: Set<String> = ["years", "topics", "normative", "decisions"]

    /// Whether a path of the output (a document's folder, a published file) starts with a reserved
    /// top-level name, or is one.
    public static func isReserved(topLevel path: String) -> Bool {
        let top = String(path.split(separator: "/", omittingEmptySubsequences: false).first ?? "")
        return topLevelFolders.contains(top) || topLevelFiles.contains(top)
    }
}
