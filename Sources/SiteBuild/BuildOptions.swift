import Foundation
import SiteCore

/// What `site build` was asked to do. Paths are resolved against the current folder; the display
/// forms are how diagnostics name files (`Content/policies/x.md`).
public struct BuildOptions: Sendable {
    public var source: URL
    public var sourceDisplay: String
    public var templates: URL
    public var templatesDisplay: String
    public var output: URL
    public var outputDisplay: String
    /// Overrides `base_url` of site.yaml (`--base-url`).
    public var baseURL: String?
    /// Warnings fail the build too (`--strict`).
    public var strict: Bool
    /// Check everything, write nothing (`site check`).
    public var writeOutput: Bool
    /// The one "today" of the run: `--as-of`, else `SOURCE_DATE_EPOCH`, else today in Asia/Shanghai.
    public var asOf: CalendarDate
    /// Where the incremental build keeps what it knows of the last build (`.site-cache/`).
    public var cacheFolder: URL
    /// Reuse what the last build wrote where its inputs have not changed; false (`--clean`)
    /// renders everything. Either way the output is the same, byte for byte.
    public var incremental: Bool
    /// Told the phase and the count as the build goes, for a progress line; nil: nobody asks.
    public var progress: BuildProgress?
    /// Read Templates/; false for what needs the content only (`site graph`).
    public var loadsTheme = true
    /// A preview (`--drafts`): drafts and documents published after `asOf` are rendered too, with
    /// a banner, and every page asks search engines not to index it.
    public var preview = false
    /// Write `.gz` and `.br` copies beside every text file (`--precompress`, `Precompression`).
    public var precompress = false
    /// The process ends after this one build (`site build`, `site check`): what the build holds
    /// at the end is left to the system rather than freed piece by piece, as clang's
    /// `-disable-free` does (a few tenths of a second at 10,000 documents). `site serve`, which
    /// builds again and again, frees it.
    public var endsProcess = false
    /// Whether an edit to bodies alone may patch the last site (`BodyPatch`); false makes every
    /// incremental build a full one (the tests of the full build's reuse set it).
    public var patching = true
    /// Rendered bodies go to a spill file (`TextSpill`) when the documents' Markdown bodies are more
    /// than this many bytes in all, or when the last build's cache keeps bodies for this one; below,
    /// they stay in memory. The tests set 0 to spill every body.
    public var spilledBodyBytes = 64 << 20

    public init(
        source: String = "Content", templates: String = "Templates", output: String = "Public",
        baseURL: String? = nil, strict: Bool = false, writeOutput: Bool = true, asOf: CalendarDate? = nil,
        incremental: Bool = true, currentFolder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : currentFolder.appendingPathComponent(path)
        }
        func display(_ path: String) -> String {
            var trimmed = path
            while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
            if trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
            return trimmed
        }
        self.source = resolve(source).standardizedFileURL
        self.sourceDisplay = display(source)
        self.templates = resolve(templates).standardizedFileURL
        self.templatesDisplay = display(templates)
        self.output = resolve(output).standardizedFileURL
        self.outputDisplay = display(output)
        self.baseURL = baseURL
        self.strict = strict
        self.writeOutput = writeOutput
        self.asOf = asOf ?? AsOfDate.resolve(explicit: nil) ?? CalendarDate(daysSinceEpoch: 0)
        self.cacheFolder = currentFolder.appendingPathComponent(".site-cache").standardizedFileURL
        self.incremental = incremental
    }
}
