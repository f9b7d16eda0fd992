import SiteContent
import SiteCore

/// What a build did and found.
public struct BuildReport: Sendable {
    public var diagnostics: Diagnostics
    /// Whether `Public/` was replaced by the new site.
    public var published: Bool
    /// The path the site is published under (`base_url`'s path, after `--base-url`): `/` or
    /// `/portal/`. Nil when site.yaml could not be used.
    public var basePath: String?
    /// Documents loaded, and how many of them are 主动公开.
    public var documentCount: Int
    public var publicDocumentCount: Int
    /// Files written to the output folder.
    public var fileCount: Int
    /// Of those, how many the incremental build took over from the previous output unchanged.
    public var reusedFileCount = 0
    /// Whether the build patched the last build's site (`BodyPatch`) instead of building it, and
    /// how many documents' bodies it changed there.
    public var patched = false
    public var patchedDocumentCount = 0
    /// Why the build was not a patch of the last one, when it was not (`--verbose` shows it).
    public var patchDeclined: String?
    /// Pages whose view was built; the others' views were known to be the last build's.
    public var viewCount = 0
    /// Pages and style sheets whose links the audit checked; the others' checks were the last build's.
    public var linksCheckedCount = 0
    /// Whether the findings of the rules that read the whole graph were the last build's, kept
    /// because nothing they read changed.
    public var ruleFindingsKept = false
    /// site.yaml's rule settings, each with the number of findings it changed.
    public var ruleSettings: [(setting: RuleSetting, findings: Int)] = []
    /// External links in the written pages and how many pages have each; not checked offline.
    public var externalLinks: [String: Int] = [:]
    /// Public documents by the state of their review records (complete, incomplete, missing); empty
    /// when the site neither asks for records nor has any.
    public var reviewCounts: [(state: String, count: Int)] = []
    /// Seconds per phase, in the order they ran.
    /// A phase's wall-clock time, and the process's peak resident memory so far and its resident
    /// memory (bytes; 0 where unknown) when it ended.
    public typealias Lap = (phase: String, seconds: Double, peakBytes: Int, residentBytes: Int)
    public var timings: [Lap]

    /// The build fails on any error, and under `--strict` on any warning too.
    public func failed(strict: Bool) -> Bool {
        diagnostics.hasErrors || (strict && diagnostics.warningCount > 0)
    }
}
