import Foundation

/// The binary part of a cache file: unsigned integers as LEB128 varints (most are small: counts,
/// line numbers, indexes), signed ones zigzagged first, strings as their UTF-8 length and bytes.
/// Reading 25,000 records and a million links this way takes a small fraction of splitting and
/// parsing the same as text.
struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func count(_ value: Int) { unsigned(UInt64(max(0, value))) }

    mutating func signed(_ value: Int64) {
        unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }
}

/// Reads what `BinaryWriter` wrote; every read fails (nil) rather than read past the end or accept
/// a number that does not fit.
struct BinaryReader {
    let bytes: UnsafeRawBufferPointer
    var position: Int

    init(_ bytes: UnsafeRawBufferPointer, from position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var isAtEnd: Bool { position == bytes.count }

    mutating func unsigned() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count, shift < 64 {
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    /// A count or index: at most the bytes left, so a damaged file cannot ask for a huge array.
    mutating func count() -> Int? {
        guard let value = unsigned(), value <= UInt64(bytes.count) else { return nil }
        return Int(value)
    }

    mutating func signed() -> Int64? {
        guard let value = unsigned() else { return nil }
        return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    mutating func string() -> String? {
        guard let length = count(), length <= bytes.count - position else { return nil }
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<(position + length)]), as: UTF8.self)
        position += length
        return value
    }
}
