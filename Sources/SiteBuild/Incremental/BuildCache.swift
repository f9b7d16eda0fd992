import Foundation
import SiteAudit
import SiteContent
import SiteCore
import SiteOutput

/// What a build remembers of the output it wrote, so the next build can reuse what did not change:
/// for every file the key of its inputs, the stamp it was written with and the SHA-256 of its bytes
/// (for the manifest), and for every page the summary the output audit took of it.
///
/// The rule that makes reuse safe: a file is reused only if its key is the same (same inputs: a
/// page's view and template, a data file's bytes, an attachment's source file) *and* the previous
/// output's copy still has the stamp it was written with. Anything the key does not cover is in
/// `context`: the tool, the theme and the audit settings; when that differs, nothing is reused.
/// So an incremental build's output is byte for byte a clean build's.
struct BuildCache {
    struct File {
        var key: String
        var stamp: FileStamp
        /// Of the file's bytes, lowercase hexadecimal (`manifest.json`).
        var sha256: String
    }

    static let formatVersion = 3

    var format: Int
    /// Digest of what every file depends on: the tool, the theme, the audit settings.
    var context: String
    var files: [String: File]
    var summaries: [String: OutputAudit.PageSummary]
    /// The digest of every input of the build (`UnchangedBuild.inputs`) and its report: when the
    /// inputs are the same next time, the build is skipped and the report repeated.
    var inputs = ""
    /// The racy cutoff `inputs` was taken with (`UnchangedBuild.racyCutoff`).
    var racy: Int64 = 0
    var report: UnchangedBuild.Report?

    /// The digest of the files the build wrote, as `UnchangedBuild.digest` takes it of a folder.
    var outputs: String {
        UnchangedBuild.digest(files.sorted { $0.key < $1.key }.map { ($0.key, $0.value.stamp) })
    }

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

    /// The cache of the last build into `output`, if it was made in the same context (nil: any).
    static func load(folder: URL, output: URL, context: String?) -> BuildCache? {
        guard let data = FileManager.default.contents(atPath: url(folder: folder, output: output).path),
            let cache = decode(String(decoding: data, as: UTF8.self), readingReport: false), cache.format == formatVersion,
            context == nil || cache.context == context
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
        let target = Self.url(folder: folder, output: output)
        let temporary = target.appendingPathExtension("tmp-\(getpid())")
        // A build killed while saving left its temporary file behind.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix(target.lastPathComponent + ".tmp-") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        // Written a line at a time through a buffer: at 100,000 documents the text is 140 MB.
        let written = BufferedOutput.write(temporary.path) { output in encode { output.append($0) } }
        guard written else {
            try? FileManager.default.removeItem(at: temporary)
            return
        }
        if rename(temporary.path, target.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }

    /// What the shortcut of an unchanged build needs, read from the first lines of the cache file
    /// only: the inputs digest, the outputs digest and the report (as JSON: decoded only when the
    /// shortcut is taken, since it holds every finding of the build).
    static func summary(folder: URL, output: URL) -> (inputs: String, outputs: String, racy: Int64, report: Data)? {
        guard let handle = FileHandle(forReadingAtPath: url(folder: folder, output: output).path) else { return nil }
        defer { try? handle.close() }
        var data = Data()
        var lines: [Substring] = []
        var start = 0
        while lines.count < 3 {
            if let end = data[start...].firstIndex(of: 0x0A) {
                lines.append(Substring(String(decoding: data[start..<end], as: UTF8.self)))
                start = end + 1
            } else {
                guard let more = try? handle.read(upToCount: 1 << 20), !more.isEmpty else { return nil }
                data += more
            }
        }
        guard lines[0].hasPrefix("site-build-cache\t\(formatVersion)\t") else { return nil }
        let first = lines[1].split(separator: "\t", omittingEmptySubsequences: false)
        let second = lines[2].split(separator: "\t", omittingEmptySubsequences: false)
        guard first.count == 4, first[0] == "I", let racy = Int64(first[3]), second.count == 2, second[0] == "R",
            let json = Data(base64Encoded: String(second[1]))
        else { return nil }
        return (String(first[1]), String(first[2]), racy, json)
    }

    // MARK: The file

    // One record per line, fields separated by tabs, lists inside a field by U+001F and the parts
    // of a link by U+001E; those characters, tabs, newlines and backslashes in values are escaped.
    // Plain text, because JSON coding of 25,000 records cost a second here. The links' URLs are
    // written once each, as `U` lines before the summaries, which name them by number: most links
    // are the same few on every page (navigation), over a million at 10,000 documents.

    func encoded() -> String {
        var out = ""
        encode { out += $0 }
        return out
    }

    /// The cache's text, a line at a time.
    func encode(_ line: (String) -> Void) {
        line("site-build-cache\t\(format)\t\(context)\n")
        if !inputs.isEmpty { line("I\t\(inputs)\t\(outputs)\t\(racy)\n") }
        if let report, let json = try? JSONEncoder().encode(report) { line("R\t\(json.base64EncodedString())\n") }
        for (path, file) in files.sorted(by: { $0.key < $1.key }) {
            line("F\t\(Self.escape(path))\t\(Self.escape(file.key))\t\(file.stamp.size)\t\(file.stamp.modified)\t\(file.sha256)\n")
        }
        let sorted = summaries.sorted(by: { $0.key < $1.key })
        var numbers: [String: Int] = [:]
        for (_, summary) in sorted {
            for link in summary.links where numbers[link.url] == nil {
                numbers[link.url] = numbers.count
                line("U\t\(Self.escape(link.url))\n")
            }
        }
        for (path, summary) in sorted {
            let links = summary.links.map { "\(numbers[$0.url]!)\u{1E}\($0.line)\u{1E}\($0.column)" }.joined(separator: "\u{1F}")
            line(
                "S\t\(Self.escape(path))\t\(summary.ids.map(Self.escape).joined(separator: "\u{1F}"))\t\(links)\t"
                    + summary.external.map(Self.escape).joined(separator: "\u{1F}") + "\n")
        }
    }

    /// The cache a text holds; its report only when `readingReport` (a build that loads the cache
    /// makes its own).
    static func decode(_ text: String, readingReport: Bool = true) -> BuildCache? {
        // Split as bytes (tabs and newlines are ASCII, and escaped in values): splitting 50,000
        // lines by Characters cost half a second.
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: true)[...]
        guard let header = lines.popFirst().map(fields), header.count == 3,
            header[0] == "site-build-cache", let format = Int(header[1])
        else { return nil }
        var cache = BuildCache(context: String(header[2]))
        cache.format = format
        // The links' URLs first (`U` lines, numbered in order), then the other records a chunk at a
        // time on all cores (the page summaries hold every link of every page).
        var urls: [String] = []
        var rest: [Substring.UTF8View] = []
        rest.reserveCapacity(lines.count)
        for line in lines {
            if line.first == UInt8(ascii: "U") {
                let fields = fields(line)
                guard fields.count == 2 else { return nil }
                urls.append(unescape(fields[1]))
            } else {
                rest.append(line)
            }
        }
        let known = urls
        let chunks = stride(from: 0, to: rest.count, by: 2_048).map { rest[$0..<min($0 + 2_048, rest.count)] }
        let decoded = chunks.concurrentMap { chunk -> Records? in
            var records = Records(urls: known)
            for line in chunk where !records.add(fields(line), readingReport: readingReport) { return nil }
            return records
        }
        for records in decoded {
            guard let records else { return nil }
            cache.files.merge(records.files) { $1 }
            cache.summaries.merge(records.summaries) { $1 }
            if let inputs = records.inputs { (cache.inputs, cache.racy) = inputs }
            if let report = records.report { cache.report = report }
        }
        return cache
    }

    private static func fields(_ line: Substring.UTF8View) -> [Substring] {
        line.split(separator: 0x09, omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// What some lines of the file hold.
    private struct Records: Sendable {
        /// The links' URLs, by number.
        let urls: [String]
        var files: [String: File] = [:]
        var summaries: [String: OutputAudit.PageSummary] = [:]
        var inputs: (String, Int64)?
        var report: UnchangedBuild.Report?

        /// False when the line is not one of the cache's.
        mutating func add(_ fields: [Substring], readingReport: Bool) -> Bool {
            func list(_ field: Substring) -> [Substring] {
                field.isEmpty ? [] : field.utf8.split(separator: 0x1F, omittingEmptySubsequences: false).map { Substring($0) }
            }
            switch fields.first {
            case "I":
                guard fields.count == 4, let racy = Int64(fields[3]) else { return false }
                inputs = (String(fields[1]), racy)
            case "R":
                guard readingReport else { return fields.count == 2 }
                guard fields.count == 2, let json = Data(base64Encoded: String(fields[1])),
                    let report = try? JSONDecoder().decode(UnchangedBuild.Report.self, from: json)
                else { return false }
                self.report = report
            case "F":
                guard fields.count == 6, let size = Int64(fields[3]), let modified = Int64(fields[4]) else { return false }
                files[unescape(fields[1])] = File(
                    key: unescape(fields[2]), stamp: FileStamp(size: size, modified: modified), sha256: String(fields[5]))
            case "S":
                guard fields.count == 5 else { return false }
                var links: [OutputAudit.PageSummary.Link] = []
                for link in list(fields[3]) {
                    let parts = link.utf8.split(separator: 0x1E, omittingEmptySubsequences: false).map { Substring($0) }
                    guard parts.count == 3, let number = Int(parts[0]), urls.indices.contains(number), let line = Int(parts[1]),
                        let column = Int(parts[2])
                    else { return false }
                    links.append(OutputAudit.PageSummary.Link(url: urls[number], line: line, column: column))
                }
                summaries[unescape(fields[1])] = OutputAudit.PageSummary(
                    ids: list(fields[2]).map(unescape), links: links, external: list(fields[4]).map(unescape))
            default:
                return false
            }
            return true
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x1E || byte == 0x1F
    }

    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: needsEscape) else { return value }
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\u{1E}": out += "\\e"
            case "\u{1F}": out += "\\f"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func unescape(_ value: Substring) -> String {
        guard value.utf8.contains(0x5C) else { return String(value) }
        var out = ""
        var escaping = false
        for scalar in value.unicodeScalars {
            if escaping {
                switch scalar {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                case "e": out += "\u{1E}"
                case "f": out += "\u{1F}"
                default: out.unicodeScalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Forgets a build: after a failed build the output is the previous one, which this cache no
    /// longer describes if it was rewritten meanwhile.
    static func remove(folder: URL, output: URL) {
        try? FileManager.default.removeItem(at: url(folder: folder, output: output))
    }

    /// The context digest: the tool (its version and its executable's stamp, so a rebuilt `site`
    /// never reuses pages of another build of the code), the theme's every file, and the settings
    /// of the output audit.
    /// The version and the executable's size and time: another build of `site` may make other output.
    static var tool: String {
        var identity = SiteVersion.current
        if let executable = Bundle.main.executableURL, let stamp = FileStamp(of: executable) {
            identity += ":\(stamp.size):\(stamp.modified)"
        }
        return identity
    }

    static func context(theme: Theme, audit: [String]) -> String {
        var hasher = StableHasher()
        hasher.combine("site-build-cache")
        hasher.combine(tool)
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
