import Foundation

/// A site written into a fresh temporary folder, for tests that build real files:
///
/// ```swift
/// let site = try TempSite(files: ["Content/site.yaml": "…", "Content/policies/a.md": "…"])
/// ```
/// Templates are copied from the repository's default theme unless the files provide their own.
/// The folder is removed when the value is no longer used.
public final class TempSite: @unchecked Sendable {
    public let root: URL

    public init(files: [String: String], defaultTheme: Bool = true) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("site-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if defaultTheme && !files.keys.contains(where: { $0.hasPrefix("Templates/") }) {
            try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        }
        for (path, text) in files {
            try write(path, text)
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    public func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    public func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    public func write(_ path: String, _ data: Data) throws {
        let url = self.url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: url(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    public func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

    public func remove(_ path: String) throws { try FileManager.default.removeItem(at: url(path)) }

    /// Every file under a folder of the site, relative to that folder, sorted.
    public func files(under folder: String) -> [String] { Tree.files(under: url(folder)) }
}

/// The repository, found from this file's location.
public enum Repository {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// Reading folder trees.
public enum Tree {
    /// Every regular file under `folder`, relative to it, sorted.
    public static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        let base = folder.standardizedFileURL.path + "/"
        var files: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            if path.hasPrefix(base) { files.append(String(path.dropFirst(base.count))) }
        }
        return files.sorted()
    }

    /// The bytes of every file under `folder`, by relative path.
    public static func contents(under folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        for file in files(under: folder) {
            result[file] = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path)
        }
        return result
    }
}
