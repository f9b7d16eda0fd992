import Foundation
import SiteCore

/// The build cache's file records as the file holds them, each decoded only when asked for: a
/// patch build (`BodyPatch`) looks up a few dozen of 24,000 and checks the stamps of the rest, and
/// writes them back as they were. Decoding them all (three strings each) and sorting them again
/// to save them was a fifth of a patch build.
///
/// The records are in the order `BuildCache.encode` writes them, by path bytes
/// (`ByteSearch.precedes`), so a path is found by binary search.
struct FileRecords: Sendable {
    /// The records, without their count.
    let bytes: [UInt8]
    /// Where each record starts, and `bytes.count` after the last.
    private let starts: [Int]
    private let paths: SortedPaths

    /// Reads the count and the records from `reader`, checking each and their order, decoding none.
    init?(_ reader: inout BinaryReader) {
        guard let count = reader.count() else { return nil }
        let first = reader.position
        var starts: [Int] = []
        var paths: [Range<Int>] = []
        starts.reserveCapacity(count + 1)
        paths.reserveCapacity(count)
        for _ in 0..<count {
            starts.append(reader.position - first)
            guard let path = reader.stringRange() else { return nil }
            paths.append(path.lowerBound - first..<path.upperBound - first)
            guard reader.skipString(), reader.signed() != nil, reader.signed() != nil, reader.skipString(), let body = reader.signed() else { return nil }
            if body > 0 { guard reader.signed() != nil else { return nil } }
        }
        starts.append(reader.position - first)
        bytes = Array(reader.bytes[first..<reader.position])
        self.starts = starts
        self.paths = SortedPaths(paths)
        guard self.paths.isSorted(in: bytes) else { return nil }
    }

    var count: Int { paths.count }

    /// The path of the `index`th record.
    func path(at index: Int) -> String { paths.path(at: index, in: bytes) }

    /// The `index`th record's bytes, as `BuildCache.encode` writes a record.
    func record(at index: Int) -> ArraySlice<UInt8> { bytes[starts[index]..<starts[index + 1]] }

    /// The `index`th record, decoded.
    func file(at index: Int) -> BuildCache.File? {
        bytes.withUnsafeBytes { all -> BuildCache.File? in
            var reader = BinaryReader(UnsafeRawBufferPointer(rebasing: all[paths.ranges[index].upperBound..<starts[index + 1]]))
            return BuildCache.decodeFile(&reader)
        }
    }

    /// The `index`th record's stamp alone.
    func stamp(at index: Int) -> FileStamp? {
        bytes.withUnsafeBytes { all -> FileStamp? in
            var reader = BinaryReader(UnsafeRawBufferPointer(rebasing: all[paths.ranges[index].upperBound..<starts[index + 1]]))
            guard reader.skipString(), let size = reader.signed(), let modified = reader.signed() else { return nil }
            return FileStamp(size: size, modified: modified)
        }
    }

    /// Calls `body` with the `index`th record's path bytes.
    func withPath<R>(at index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[paths.ranges[index]])) }
    }

    /// The number of the record of `path`, if there is one.
    func index(of path: String) -> Int? { paths.index(of: path, in: bytes) }

    /// The record of `path`, decoded.
    func file(_ path: String) -> BuildCache.File? { index(of: path).flatMap(file(at:)) }
}

/// Where each record's path is in a run of records sorted by their paths' bytes (the order of
/// `ByteSearch.precedes`), to find a record by binary search without making a string of each path.
struct SortedPaths: Sendable {
    let ranges: [Range<Int>]

    init(_ ranges: [Range<Int>]) { self.ranges = ranges }

    var count: Int { ranges.count }

    /// Whether the paths are in order, each after the one before.
    func isSorted(in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { all in
            ranges.indices.dropFirst().allSatisfy {
                Self.compare(UnsafeRawBufferPointer(rebasing: all[ranges[$0 - 1]]), UnsafeRawBufferPointer(rebasing: all[ranges[$0]])) < 0
            }
        }
    }

    func path(at index: Int, in bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { String(decoding: UnsafeRawBufferPointer(rebasing: $0[ranges[index]]), as: UTF8.self) }
    }

    /// The number of the record of `path`, if there is one.
    func index(of path: String, in bytes: [UInt8]) -> Int? {
        var path = path
        return path.withUTF8 { wanted in
            bytes.withUnsafeBytes { all -> Int? in
                var (low, high) = (0, ranges.count)
                while low < high {
                    let middle = (low + high) / 2
                    let order = Self.compare(UnsafeRawBufferPointer(rebasing: all[ranges[middle]]), UnsafeRawBufferPointer(wanted))
                    if order == 0 { return middle }
                    if order < 0 { low = middle + 1 } else { high = middle }
                }
                return nil
            }
        }
    }

    /// The order of `ByteSearch.precedes`: negative when `a` comes first.
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
        return order != 0 ? Int(order) : a.count - b.count
    }
}
