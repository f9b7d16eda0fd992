import Foundation
import SiteCore
import SiteSearch

/// The search index's batches between builds (`SearchBatchMemo`): a batch of documents that are
/// all as the last build indexed them is not read again (at 10,000 documents, reading every text
/// was the longest part of a one-document edit).
///
/// Stored in `.site-cache/search-<digest of the output folder>.bin`: a header line naming the
/// format and the tool, then per batch its key (32 ASCII characters), the length of its data (8
/// bytes, little-endian) and the data. The last build's file is mapped, not read; this build's
/// batches, reused or new, go to a temporary file as they come (at 100,000 documents they are as
/// big as the index), which `commit` puts in place once the build has succeeded.
final class SearchCache: SearchBatchMemo, @unchecked Sendable {
    static let formatVersion = 1

    private let lock = NSLock()
    private let file: URL
    private let temporary: URL
    private let tool: String
    private let previousData: Data
    private let previous: [String: Range<Int>]
    private var output: BufferedOutput?
    /// Whether `remember` made the cache folder, which an uncommitted build then removes.
    private var createdFolder = false

    /// The cache kept for the output folder `output`; the last build's batches only when `readingPrevious`.
    init(folder: URL, output: URL, tool: String, readingPrevious: Bool) {
        file = folder.appendingPathComponent("search-\(String(StableHasher.digest(of: Array(output.standardizedFileURL.path.utf8)).prefix(16))).bin")
        // Unique within the process too: `site serve` builds again and again.
        temporary = file.appendingPathExtension("tmp-\(getpid())-\(UUID().uuidString.prefix(8))")
        self.tool = tool
        if readingPrevious, let data = try? Data(contentsOf: file, options: .alwaysMapped), let index = Self.index(data, tool: tool) {
            previousData = data
            previous = index
        } else {
            previousData = Data()
            previous = [:]
        }
    }

    private var header: Data { Data("site-search-cache\t\(Self.formatVersion)\t\(BuildCache.escape(tool))\n".utf8) }

    /// Where each batch's data is in a cache file; nil when it is not one of this tool's.
    private static func index(_ data: Data, tool: String) -> [String: Range<Int>]? {
        let bytes = [UInt8](data.prefix(4096))
        guard let newline = bytes.firstIndex(of: 0x0A),
            String(decoding: bytes[..<newline], as: UTF8.self) == "site-search-cache\t\(formatVersion)\t\(BuildCache.escape(tool))"
        else { return nil }
        var index: [String: Range<Int>] = [:]
        var at = data.startIndex + newline + 1
        while at < data.endIndex {
            guard at + 40 <= data.endIndex else { return nil }
            let key = String(decoding: data[at..<at + 32], as: UTF8.self)
            var length = 0
            for (shift, byte) in data[at + 32..<at + 40].enumerated() { length |= Int(byte) << (8 * shift) }
            at += 40
            guard length >= 0, length <= data.endIndex - at else { return nil }
            index[key] = at..<at + length
            at += length
        }
        return index
    }

    func batch(_ key: String) -> Data? {
        previous[key].map { previousData.subdata(in: $0) }
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
