import Foundation
import SiteCore

/// Reads a theme folder (Templates/): every `*.mustache` file, and the files under `assets/`, which
/// are published as they are under `/assets/`.
public struct ThemeLoader: Sendable {
    public let folder: URL
    public let displayPrefix: String

    public init(folder: URL, displayPrefix: String) {
        self.folder = folder.standardizedFileURL
        self.displayPrefix = displayPrefix.hasSuffix("/") ? String(displayPrefix.dropLast()) : displayPrefix
    }

    public func load() throws(SiteError) -> Theme {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingFolder(role: "templates", path: displayPrefix)
        }
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { throw .unreadable(path: displayPrefix, reason: "cannot list the folder") }
        let base = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        var templates: [Theme.Template] = []
        var assets: [Theme.Asset] = []
        var diagnostics: [Diagnostic] = []
        let root = folder.resolvingSymlinksInPath().path
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base) else { continue }
            let relative = String(path.dropFirst(base.count))
            if values?.isSymbolicLink == true {
                // Followed only to a file inside the folder, as in Content/; a link to a folder
                // or to nothing would otherwise drop templates without a word.
                let target = url.resolvingSymlinksInPath().path
                var isDirectory: ObjCBool = false
                guard target.hasPrefix(root + "/"), FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory),
                    !isDirectory.boolValue
                else {
                    diagnostics.append(Diagnostic(.symlinkRefused(target: target), at: .file("\(displayPrefix)/\(relative)")))
                    continue
                }
            } else if values?.isRegularFile != true {
                continue
            }
            if relative.hasPrefix("assets/") {
                assets.append(Theme.Asset(path: relative, url: url))
            } else if relative.hasSuffix(".mustache") {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw .unreadable(path: "\(displayPrefix)/\(relative)", reason: "cannot read the file")
                }
                switch SourceText.decode([UInt8](data)) {
                case .success(let source):
                    templates.append(Theme.Template(
                        name: String(relative.dropLast(".mustache".count)), path: "\(displayPrefix)/\(relative)", text: source.text))
                case .failure(let problem):
                    let position = SourceText.invalidPosition([UInt8](data))
                    diagnostics.append(Diagnostic(problem, at: SourceLocation(path: "\(displayPrefix)/\(relative)", line: position.line, column: position.column)))
                }
            }
        }
        return Theme(
            templates: templates.sorted { $0.name < $1.name }, assets: assets.sorted { $0.path < $1.path },
            diagnostics: diagnostics)
    }
}

/// The templates and assets of a theme.
public struct Theme: Sendable {
    public struct Template: Sendable {
        /// The name partials use: the path under Templates/ without `.mustache` (`partials/footer`).
        public let name: String
        /// The file, for diagnostics (`Templates/partials/footer.mustache`).
        public let path: String
        public let text: String

        public init(name: String, path: String, text: String) {
            self.name = name
            self.path = path
            self.text = text
        }
    }

    public struct Asset: Sendable {
        /// The path under Templates/ (`assets/site.css`), which is also its path in the site.
        public let path: String
        public let url: URL
    }

    public let templates: [Template]
    public let assets: [Asset]
    public let diagnostics: [Diagnostic]

    public init(templates: [Template], assets: [Asset], diagnostics: [Diagnostic] = []) {
        self.templates = templates
        self.assets = assets
        self.diagnostics = diagnostics
    }
}
