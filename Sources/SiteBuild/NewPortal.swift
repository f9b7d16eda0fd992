import Foundation
import SiteContent
import SiteCore
import SiteTheme

/// `site init <folder>`: a new portal that builds at once, with no diagnostic at all — `Content/`
/// with placeholders marked 请修改 (`PortalStarter`), a sample document and an empty 索引号 ledger;
/// `Templates/`, the default theme compiled into the binary (`DefaultTheme`); and a `.gitignore`.
///
/// It never overwrites a file: the folder must be empty or new, or with `force`, hold neither
/// `Content` nor `Templates` (a `.git`, a README are fine; an existing `.gitignore` gets the lines it
/// lacks appended). Everything is checked before the first file is written.
public struct NewPortal: Sendable {
    /// The folder of the new portal.
    public let folder: URL
    /// How messages name the folder (`portal`, `.`).
    public let display: String
    /// The day the sample document is written and published.
    public let asOf: CalendarDate

    public init(
        folder: String, asOf: CalendarDate, currentFolder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        let url = folder.hasPrefix("/") ? URL(fileURLWithPath: folder) : currentFolder.appendingPathComponent(folder)
        self.folder = url.standardizedFileURL
        var display = folder
        while display.count > 1 && display.hasSuffix("/") { display.removeLast() }
        self.display = display
        self.asOf = asOf
    }

    /// The organisation code site.yaml starts with, a placeholder.
    public static var placeholderOrganizationCode: String { PortalStarter.organizationCode }

    /// The sample document, under Content/.
    public static var samplePath: String { PortalStarter.samplePath }

    /// The lines of `.gitignore`.
    public static var gitignoreLines: [String] { PortalStarter.gitignoreLines }

    /// Every file of the new portal but `.gitignore`, by path under the folder: Content/, then Templates/.
    public var files: [(path: String, data: Data)] {
        let content: [(String, String)] = [
            ("site.yaml", PortalStarter.siteYAML),
            ("agencies.yaml", PortalStarter.agenciesYAML),
            ("catalog.yaml", PortalStarter.catalogYAML),
            (IndexNumberLedger.fileName, IndexNumberLedger().text),
            (PortalStarter.samplePath, PortalStarter.guide(date: asOf)),
        ]
        return content.map { ("Content/\($0.0)", Data($0.1.utf8)) }
            + DefaultTheme.files.map { ("Templates/\($0.path)", $0.data) }
    }

    public enum InitError: Error, Equatable, CustomStringConvertible {
        /// The path exists and is not a folder.
        case notAFolder(String)
        /// The folder holds files, and `force` was not given.
        case notEmpty(String, entries: [String])
        /// `Content` or `Templates` exists in the folder.
        case exists([String])
        case write(String)

        public var description: String {
            switch self {
            case .notAFolder(let path):
                "error: '\(path)' exists and is not a folder"
            case .notEmpty(let path, let entries):
                "error: '\(path)' is not empty (it holds \(Self.list(entries))); nothing was written\n"
                    + "  hint: name a new or empty folder, or pass --force to add the portal next to what is there "
                    + "(no existing file is ever overwritten)"
            case .exists(let paths):
                "error: \(paths.map { "'\($0)'" }.joined(separator: " and ")) already exist\(paths.count == 1 ? "s" : ""): "
                    + "site init creates a new portal and never overwrites one; nothing was written"
            case .write(let why):
                "error: \(why)"
            }
        }

        private static func list(_ entries: [String]) -> String {
            let shown = entries.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
            return entries.count > 3 ? "\(shown) and \(entries.count - 3) more" : shown
        }
    }

    /// What `create` did.
    public struct Report: Sendable, Equatable {
        /// The files written, by path under the folder.
        public let written: [String]
        /// The lines appended to an existing `.gitignore` (nil when `.gitignore` was written anew).
        public let gitignoreAppended: [String]?
    }

    /// Writes the portal. With `force`, the folder may hold other files; `Content` and `Templates`
    /// are refused even then.
    public func create(force: Bool) throws(InitError) -> Report {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        var entries: [String] = []
        if manager.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw .notAFolder(display) }
            do {
                entries = try manager.contentsOfDirectory(atPath: folder.path).sorted()
            } catch {
                throw .write("cannot list '\(display)': \(error.localizedDescription)")
            }
        }
        if !entries.isEmpty && !force { throw .notEmpty(display, entries: entries) }
        let taken = ["Content", "Templates"].filter(entries.contains)
        if !taken.isEmpty { throw .exists(taken.map { path($0) }) }

        let gitignore = folder.appendingPathComponent(".gitignore")
        var appended: [String]?
        var written: [String] = []
        do {
            for (relative, data) in files {
                let url = folder.appendingPathComponent(relative)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .withoutOverwriting)
                written.append(relative)
            }
            if let existing = manager.contents(atPath: gitignore.path) {
                var text = String(decoding: existing, as: UTF8.self)
                let present = Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) })
                let missing = Self.gitignoreLines.filter { !present.contains($0) && !present.contains("/" + $0) }
                if !missing.isEmpty {
                    if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
                    text += missing.map { $0 + "\n" }.joined()
                    try Data(text.utf8).write(to: gitignore, options: .atomic)
                }
                appended = missing
            } else {
                try Data(Self.gitignoreLines.map { $0 + "\n" }.joined().utf8).write(to: gitignore, options: .withoutOverwriting)
                written.append(".gitignore")
            }
        } catch {
            throw .write("cannot write the portal into '\(display)': \(error.localizedDescription)")
        }
        return Report(written: written, gitignoreAppended: appended)
    }

    /// A path under the folder as messages show it.
    public func path(_ relative: String) -> String {
        display == "." ? relative : "\(display)/\(relative)"
    }
}
