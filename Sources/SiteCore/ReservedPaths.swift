/// Output paths that generated pages use, so content may not: documents may not live in these
/// top-level folders, and catalog sections may not take these ids (their pages sit beside the
/// sections' pages under `/xxgk/`).
public enum ReservedPaths {
    /// `/xxgk/` (the catalog), `/assets/` (the theme), `/agencies/`, `/search/`, `/_report/`.
    public static let topLevelFolders: Set<String> = ["xxgk", "assets", "agencies", "search", "_report"]
    /// `/xxgk/years/`, `/xxgk/topics/`, `/xxgk/normative/`, `/xxgk/decisions/`.
    public static let sectionIDs: Set<String> = ["years", "topics", "normative", "decisions"]
}
