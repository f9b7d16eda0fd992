import Foundation
import SiteAudit
import SiteContent
import SiteCore
import SiteOutput

/// What a build remembers of the output it wrote, so the next build can reuse what did not change:
/// for every file the key of its inputs and the stamp it was written with, and for every page the
/// summary the output audit took of it.
///
/// The rule that makes reuse safe: a file is reused only if its key is the same (same inputs: a
/// page's view and template, a data file's bytes, an attachment's source file) *and* the previous
/// output's copy still has the stamp it was written with. Anything the key does not cover is in
/// `context`: the tool, the theme and the audit settings; when that differs, nothing is reused.
/// So an incremental build's output is byte for byte a clean build's.
struct BuildCache: Codable {
    struct File: Codable {
        var key: String
        var stamp: FileStamp
    }

    static let formatVersion = 1

    var format: Int
    /// Digest of what every file depends on: the tool, the theme, the audit settings.
    var context: String
    var files: [String: File]
    var summaries: [String: OutputAudit.PageSummary]

    init(context: String) {
        format = Self.formatVersion
        self.context = context
        files = [:]
        summaries = [:]
    }

    /// `.site-cache/build-<digest of the output folder>.json`: one per output folder.
    static func url(folder: URL, output: URL) -> URL {
        folder.appendingPathComponent("build-\(String(StableHasher.digest(of: Array(output.path.utf8)).prefix(16))).json")
    }

    /// The cache of the last build into `output`, if it was made in the same context.
    static func load(folder: URL, output: URL, context: String) -> BuildCache? {
        guard let data = FileManager.default.contents(atPath: url(folder: folder, output: output).path),
            let cache = try? JSONDecoder().decode(BuildCache.self, from: data),
            cache.format == formatVersion, cache.context == context
        else { return nil }
        return cache
    }

    /// Written after the new output is in place; a cache that cannot be written only costs speed.
    func save(folder: URL, output: URL) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ignore = folder.appendingPathComponent(".gitignore")
        if !FileManager.default.fileExists(atPath: ignore.path) {
            try? Data("# Written by site build: what the last build wrote, to rebuild only what changed.\n*\n".utf8).write(to: ignore)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return }
        let target = Self.url(folder: folder, output: output)
        let temporary = target.appendingPathExtension("tmp-\(getpid())")
        do {
            try data.write(to: temporary)
        } catch {
            return
        }
        if rename(temporary.path, target.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }

    /// Forgets a build: after a failed build the output is the previous one, which this cache no
    /// longer describes if it was rewritten meanwhile.
    static func remove(folder: URL, output: URL) {
        try? FileManager.default.removeItem(at: url(folder: folder, output: output))
    }

    /// The context digest: the tool (its version and its executable's stamp, so a rebuilt `site`
    /// never reuses pages of another build of the code), the theme's every file, and the settings
    /// of the output audit.
    static func context(theme: Theme, audit: [String]) -> String {
        var hasher = StableHasher()
        hasher.combine("site-build-cache")
        hasher.combine(SiteVersion.current)
        if let executable = Bundle.main.executableURL, let stamp = FileStamp(of: executable) {
            hasher.combine(UInt64(bitPattern: stamp.size))
            hasher.combine(UInt64(bitPattern: stamp.modified))
        }
        for template in theme.templates.sorted(by: { $0.name < $1.name }) {
            hasher.combine(template.name)
            hasher.combine(template.text)
        }
        for asset in theme.assets.sorted(by: { $0.path < $1.path }) {
            hasher.combine(asset.path)
            hasher.combine(FileManager.default.contents(atPath: asset.url.path).map { [UInt8]($0) } ?? [])
        }
        for setting in audit { hasher.combine(setting) }
        return hasher.digest
    }
}
