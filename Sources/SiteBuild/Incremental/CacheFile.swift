import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A cache file of the last build, open for reading: the document cache's record lines (and the
/// build cache's first lines) are read in passing, and each coded value (a document, a body, a
/// search batch) is read (`pread`) only when it is decoded or copied into the next cache. At 100,000 documents the document cache is 870 MB;
/// read whole, it sat in memory beside everything the build holds (it made an edit rebuild's
/// peak). The descriptor keeps the file readable after the next cache is renamed over it, until
/// the last record goes.
final class CacheFile: @unchecked Sendable {
    /// Where a coded value is in the file.
    struct Region: Sendable {
        let file: CacheFile
        let offset: Int
        let count: Int

        var bytes: Data? { file.read(offset: offset, count: count) }
    }

    let descriptor: Int32
    let size: Int

    init?(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes from `offset` (fewer at the end of the file); nil if reading fails.
    func read(offset: Int, count: Int) -> Data? {
        guard offset >= 0, count >= 0 else { return nil }
        var data = Data(count: min(count, max(0, size - offset)))
        var done = 0
        let failed = data.withUnsafeMutableBytes { buffer -> Bool in
            while done < buffer.count {
                let got = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
                if got < 0, errno == EINTR { continue }
                if got <= 0 { return got < 0 }
                done += got
            }
            return false
        }
        guard !failed else { return nil }
        return done == data.count ? data : data.prefix(done)
    }

    /// Reads the file's lines one after another, skipping the bytes between them, a quarter of a
    /// megabyte at a time (a few dozen records).
    struct Lines {
        let file: CacheFile
        /// The offset of the next byte not read.
        private(set) var position = 0
        private var buffer: [UInt8] = []
        private var bufferStart = 0

        init(_ file: CacheFile) { self.file = file }

        var atEnd: Bool { position >= file.size }

        /// The next line, without its line break; nil at the end or if it has no line break.
        mutating func next() -> Substring? {
            while true {
                let offset = position - bufferStart
                if offset >= 0, offset <= buffer.count, let end = buffer[offset...].firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[offset..<end], as: UTF8.self)
                    position = bufferStart + end + 1
                    return Substring(line)
                }
                let have = offset >= 0 && offset <= buffer.count ? buffer.count - offset : 0
                guard let more = file.read(offset: position, count: max(1 << 18, have * 2)), more.count > have else { return nil }
                buffer = [UInt8](more)
                bufferStart = position
            }
        }

        /// Skips `count` bytes, returning where they are.
        mutating func skip(_ count: Int) -> Region {
            defer { position += count }
            return Region(file: file, offset: position, count: count)
        }
    }
}
