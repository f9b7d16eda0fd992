import Foundation

/// Notices changes in the source folders by polling: every file's path, size and modification
/// time, compared with the previous look. Hidden files are left out, as the loaders leave them out.
public struct FolderWatcher: Sendable {
    /// The folders, each with the name diagnostics give it (`Content`).
    public let folders: [(display: String, url: URL)]

    public init(folders: [(display: String, url: URL)]) {
        self.folders = folders
    }

    public struct Stamp: Equatable, Sendable {
        public var size: Int
        public var modified: Double
    }

    /// Every file under the folders by display path (`Content/policies/a.md`).
    public typealias Snapshot = [String: Stamp]

    public struct Change: Equatable, Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable { case added, changed, removed }
        public var path: String
        public var kind: Kind

        public init(_ path: String, _ kind: Kind) {
            self.path = path
            self.kind = kind
        }

        public var description: String { "\(path) \(kind.rawValue)" }
    }

    public func snapshot() -> Snapshot {
        var result: Snapshot = [:]
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        for (display, url) in folders {
            let base = url.standardizedFileURL.path + "/"
            guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else { continue }
            for case let file as URL in enumerator {
                guard let values = try? file.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                let path = file.standardizedFileURL.path
                guard path.hasPrefix(base) else { continue }
                result[display + "/" + path.dropFirst(base.count)] = Stamp(
                    size: values.fileSize ?? 0, modified: values.contentModificationDate?.timeIntervalSinceReferenceDate ?? 0)
            }
        }
        return result
    }

    /// What differs between two snapshots, sorted by path.
    public static func changes(from old: Snapshot, to new: Snapshot) -> [Change] {
        var changes: [Change] = []
        for (path, stamp) in new {
            if let before = old[path] {
                if before != stamp { changes.append(Change(path, .changed)) }
            } else {
                changes.append(Change(path, .added))
            }
        }
        for path in old.keys where new[path] == nil { changes.append(Change(path, .removed)) }
        return changes.sorted { $0.path < $1.path }
    }

    /// Calls `onChange` with what changed, each time the folders change and then stay still for
    /// `quiet` (an editor's save may be several writes), until the task is cancelled. A build in
    /// `onChange` is awaited; what changes meanwhile is seen by the next look.
    /// `from` is the look to compare the first with: taken before the first build, so that
    /// what changes while it runs is rebuilt too.
    public func watch(
        from baseline: Snapshot? = nil, every interval: Duration = .milliseconds(400), quiet: Duration = .milliseconds(200),
        longest: Duration = .seconds(3), onChange: @Sendable ([Change]) async -> Void
    ) async {
        var last: Snapshot
        if let baseline { last = baseline } else { last = await Background.run { snapshot() } }
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            guard !Task.isCancelled else { return }
            var current = await Background.run { snapshot() }
            guard current != last else { continue }
            let clock = ContinuousClock()
            let deadline = clock.now + longest
            while clock.now < deadline, !Task.isCancelled {
                try? await Task.sleep(for: quiet)
                let next = await Background.run { snapshot() }
                if next == current { break }
                current = next
            }
            let changes = Self.changes(from: last, to: current)
            last = current
            if !changes.isEmpty { await onChange(changes) }
        }
    }
}
