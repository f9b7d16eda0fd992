import Foundation
import SiteCore
import SiteSearch

/// The search index's batches between builds (`SearchBatchMemo`): a batch of documents that are
/// all as the last build indexed them is not read again (at 10,000 documents, reading every text
/// was the longest part of a one-document edit).
///
/// Stored in `.site-cache/search-<digest of the output folder>.bin`: a header line naming the
/// format and the tool, then per batch its key (32 ASCII characters), the length of its data (8
/// bytes, little-endian) and the data. Of the last build's file only the batch headers are read
/// at first, and each batch when it is asked for (`CacheFile`): mapped, the whole file (160 MB at
/// 100,000 documents) came to count in the build's memory. This build's batches, reused or new, go
/// to a temporary file as they come, which `commit` puts in place once the build has succeeded.
final class SearchCache: SearchBatchMemo, @unchecked Sendable {
    static let formatVersion = 1

    private let lock = NSLock()
    private let file: URL
    private let temporary: URL
    private let tool: String
    private let previous: [String: CacheFile.Region]
    private var output: BufferedOutput?
    /// Whether `remember` made the cache folder, which an uncommitted build then removes.
    private var createdFolder = false

    /// The cache kept for the output folder `output`; the last build's batches only when `readingPrevious`.
    init(folder: URL, output: URL, tool: String, readingPrevious: Bool) {
        file = folder.appendingPathComponent("search-\(String(StableHasher.digest(of: Array(output.standardizedFileURL.path.utf8)).prefix(16))).bin")
        // Unique within the process too: `site serve` builds again and again.
        temporary = file.appendingPathExtension("tmp-\(getpid())-\(UUID().uuidString.prefix(8))")
        self.tool = tool
        previous = readingPrevious ? CacheFile(file).flatMap { Self.index($0, tool: tool) } ?? [:] : [:]
    }

    private var header: Data { Data("site-search-cache\t\(Self.formatVersion)\t\(BuildCache.escape(tool))\n".utf8) }

    /// Where each batch's data is in a cache file; nil when it is not one of this tool's.
    private static func index(_ file: CacheFile, tool: String) -> [String: CacheFile.Region]? {
        guard let start = file.read(offset: 0, count: 4096), let newline = start.firstIndex(of: 0x0A),
            String(decoding: start[..<newline], as: UTF8.self) == "site-search-cache\t\(formatVersion)\t\(BuildCache.escape(tool))"
        else { return nil }
        var index: [String: CacheFile.Region] = [:]
        var at = newline - start.startIndex + 1
        while at < file.size {
            guard at + 40 <= file.size, let header = file.read(offset: at, count: 40).map({ [UInt8]($0) }), header.count == 40 else { return nil }
            let key = String(decoding: header[..<32], as: UTF8.self)
            var length = 0
            for (shift, byte) in header[32...].enumerated() { length |= Int(byte) << (8 * shift) }
            at += 40
            guard length >= 0, length <= file.size - at else { return nil }
            index[key] = CacheFile.Region(file: file, offset: at, count: length)
            at += length
        }
        return index
    }

    /// The batch's data; nil if the last build did not keep it, or it cannot be read.
    func batch(_ key: String) -> Data? {
        guard let region = previous[key], let data = region.bytes, data.count == region.count else { return nil }
        return data
    }

    /// Writes the batch to the temporary file; a cache that cannot be written only costs speed.
    func remember(_ key: String, _ data: Data) {
        guard key.utf8.count == 32 else { return }
        lock.withLock {
            if output == nil {
                let folder = file.deletingLastPathComponent()
                if !FileManager.default.fileExists(atPath: folder.path) {
                    createdFolder = (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil
                }
                let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard descriptor >= 0 else { return }
                output = BufferedOutput(descriptor: descriptor)
                output?.append(header)
            }
            output?.append(Data(key.utf8))
            output?.append(Data((0..<8).map { UInt8(truncatingIfNeeded: data.count >> (8 * $0)) }))
            output?.append(data)
        }
    }

    /// Puts this build's batches in place of the last build's, and removes temporary files that
    /// killed builds left.
    func commit() {
        lock.withLock {
            guard var output else { return }
            let written = output.flush()
            self.output = nil
            createdFolder = false
            if close(output.descriptor) != 0 || !written || rename(temporary.path, file.path) != 0 { unlink(temporary.path) }
        }
        BufferedOutput.removeStrayTemporaries(of: file)
    }

    deinit {
        // Not committed (a failed build): the temporary file goes, and a folder made for it.
        if let output {
            close(output.descriptor)
            unlink(temporary.path)
        }
        if createdFolder { rmdir(file.deletingLastPathComponent().path) }  // only if still empty
    }
}
