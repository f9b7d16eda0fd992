import SiteCore

/// What a build did and found.
public struct BuildReport: Sendable {
    public var diagnostics: Diagnostics
    /// Whether `Public/` was replaced by the new site.
    public var published: Bool
    /// Documents loaded, and how many of them are 主动公开.
    public var documentCount: Int
    public var publicDocumentCount: Int
    /// Files written to the output folder.
    public var fileCount: Int
    /// Seconds per phase, in the order they ran.
    public var timings: [(phase: String, seconds: Double)]

    /// The build fails on any error, and under `--strict` on any warning too.
    public func failed(strict: Bool) -> Bool {
        diagnostics.hasErrors || (strict && diagnostics.warningCount > 0)
    }
}
