import Foundation

/// A compact binary form of `Codable` values, for the document cache: decoding 10,000 documents
/// from JSON took longer than decoding their YAML, while this form takes a fraction of it.
///
/// Values are written in the order they are encoded and read back in the same order, as the
/// synthesised `Codable` code does, so keys are not written — with one exception: a nested
/// container writes its key first, which is how a synthesised enum names its case (read back with
/// `allKeys`). An optional in a keyed container has a presence byte; an unkeyed container starts
/// with its count. Integers are 8 bytes, strings their UTF-8 bytes after their length — except a
/// string of more than 15 bytes (one Swift keeps on the heap) that the value had before: that is
/// written as -1 - its number among the value's long strings, and read back as the same `String`.
/// A document names its file in every `SourceLocation`; decoded one by one, 100,000 documents held
/// a million copies of their paths.
///
/// Equal values give the same bytes: a `Set<String>` is written in order.
///
/// What it cannot code, it refuses with an error rather than coding wrongly: dictionaries (their
/// decoding needs every key up front), optionals inside lists, numbers other than `Int`, `superEncoder`. The cache then keeps
/// nothing for that document and decodes it again next time.
enum CompactCoder {
    struct Unsupported: Error {
        let what: String
    }

    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = CompactEncoder()
        try encoder.encodeValue(value)
        return Data(encoder.buffer.bytes)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let reader = Reader(data)
        let value = try CompactDecoder(reader).decodeValue(type)
        guard reader.position == reader.bytes.count else { throw Unsupported(what: "bytes left over") }
        return value
    }

    /// Strings of up to this many UTF-8 bytes are kept inside a `String`, not on the heap.
    static let shortString = 15

    /// Marks what the coder refuses.
    fileprivate protocol Refused {}
}

extension Dictionary: CompactCoder.Refused {}

// MARK: Writing

private final class Buffer {
    var bytes: [UInt8] = []
    /// The long strings written so far, numbered in the order they came.
    private var longStrings: [ExactString: Int] = [:]

    /// A string compared and hashed by its UTF-8 bytes. `String`'s own equality is canonical
    /// equivalence: two spellings of 'é' would be one string, and the second would come back as
    /// the first; and hashing it normalises the text, which cost a tenth of coding a document.
    private struct ExactString: Hashable {
        let value: String

        static func == (a: ExactString, b: ExactString) -> Bool { a.value.utf8.elementsEqual(b.value.utf8) }

        func hash(into hasher: inout Hasher) {
            var value = value
            value.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    init() { bytes.reserveCapacity(4096) }

    func int(_ value: Int) {
        var rest = UInt64(bitPattern: Int64(value))
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: rest))
            rest >>= 8
        }
    }

    func string(_ value: String) {
        if value.utf8.count > CompactCoder.shortString {
            let key = ExactString(value: value)
            if let number = longStrings[key] {
                int(-1 - number)
                return
            }
            longStrings[key] = longStrings.count
        }
        inFull(value)
    }

    /// A nested container's key, always in full: the reader may read it twice (`allKeys`).
    func key(_ value: String) { inFull(value) }

    private func inFull(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    func byte(_ value: UInt8) { bytes.append(value) }

    /// Adds one to the count an unkeyed container wrote at `offset`.
    func increment(at offset: Int) {
        var carry = true
        for index in offset..<(offset + 8) where carry {
            bytes[index] &+= 1
            carry = bytes[index] == 0
        }
    }
}

private final class CompactEncoder: Encoder {
    let buffer: Buffer
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    init(buffer: Buffer = Buffer()) { self.buffer = buffer }

    func encodeValue<T: Encodable>(_ value: T) throws {
        // Types compared, not cast: a cast per value was a good part of coding a document.
        if T.self == String.self { return buffer.string(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return buffer.int(unsafeBitCast(value, to: Int.self)) }
        if T.self == Bool.self { return buffer.byte(unsafeBitCast(value, to: Bool.self) ? 1 : 0) }
        // In order, so that equal values code to the same bytes in every process (a set's own
        // order follows Swift's per-process hash seed): the build compares documents by them.
        if T.self == Set<String>.self { return try unsafeBitCast(value, to: Set<String>.self).sorted().encode(to: self) }
        if value is any CompactCoder.Refused { throw CompactCoder.Unsupported(what: "\(T.self)") }
        // Other numbers come back through `SingleWriter`, which refuses them.
        try value.encode(to: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedWriter<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { UnkeyedWriter(encoder: self) }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleWriter(encoder: self) }
}

private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: CompactEncoder
    var codingPath: [any CodingKey] { [] }

    func encodeNil(forKey key: Key) throws { throw CompactCoder.Unsupported(what: "nil for \(key.stringValue)") }
    func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encoder.encodeValue(value) }
    func encode(_ value: String, forKey key: Key) throws { encoder.buffer.string(value) }
    func encode(_ value: Int, forKey key: Key) throws { encoder.buffer.int(value) }
    func encode(_ value: Bool, forKey key: Key) throws { encoder.buffer.byte(value ? 1 : 0) }
    func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        guard let value else { return encoder.buffer.byte(0) }
        encoder.buffer.byte(1)
        try encoder.encodeValue(value)
    }
    func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeIfPresent(value as String?, key) }
    func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeIfPresent(value as Int?, key) }
    func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeIfPresent(value as Bool?, key) }
    func encodeIfPresent(_ value: Double?, forKey key: Key) throws { throw CompactCoder.Unsupported(what: "Double") }
    func encodeIfPresent(_ value: Float?, forKey key: Key) throws { throw CompactCoder.Unsupported(what: "Float") }
    func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { throw CompactCoder.Unsupported(what: "Int8") }
    func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { throw CompactCoder.Unsupported(what: "Int16") }
    func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { throw CompactCoder.Unsupported(what: "Int32") }
    func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { throw CompactCoder.Unsupported(what: "Int64") }
    func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { throw CompactCoder.Unsupported(what: "UInt") }
    func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { throw CompactCoder.Unsupported(what: "UInt8") }
    func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { throw CompactCoder.Unsupported(what: "UInt16") }
    func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { throw CompactCoder.Unsupported(what: "UInt32") }
    func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { throw CompactCoder.Unsupported(what: "UInt64") }

    private func encodeIfPresent<T: Encodable>(_ value: T?, _ key: Key) throws {
        guard let value else { return encoder.buffer.byte(0) }
        encoder.buffer.byte(1)
        try encoder.encodeValue(value)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        encoder.buffer.key(key.stringValue)
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(encoder: encoder))
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.buffer.key(key.stringValue)
        return UnkeyedWriter(encoder: encoder)
    }

    func superEncoder() -> any Encoder { RefusingEncoder() }
    func superEncoder(forKey key: Key) -> any Encoder { RefusingEncoder() }
}

private struct UnkeyedWriter: UnkeyedEncodingContainer {
    let encoder: CompactEncoder
    /// Where the count is, in the buffer.
    let offset: Int
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    init(encoder: CompactEncoder) {
        self.encoder = encoder
        offset = encoder.buffer.bytes.count
        encoder.buffer.int(0)
    }

    mutating func encodeNil() throws { throw CompactCoder.Unsupported(what: "nil in a list") }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.encodeValue(value)
        encoder.buffer.increment(at: offset)
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        encoder.buffer.increment(at: offset)
        count += 1
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(encoder: encoder))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        encoder.buffer.increment(at: offset)
        count += 1
        return UnkeyedWriter(encoder: encoder)
    }

    mutating func superEncoder() -> any Encoder { RefusingEncoder() }
}

private struct SingleWriter: SingleValueEncodingContainer {
    let encoder: CompactEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { throw CompactCoder.Unsupported(what: "nil") }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value) }
    mutating func encode(_ value: String) throws { encoder.buffer.string(value) }
    mutating func encode(_ value: Int) throws { encoder.buffer.int(value) }
    mutating func encode(_ value: Bool) throws { encoder.buffer.byte(value ? 1 : 0) }

    // Numbers other than `Int` are not coded. Their `encode(to:)` hands them here; the generic
    // `encode` would hand them back to `encode(to:)`, for ever.
    mutating func encode(_ value: Double) throws { throw refused(value) }
    mutating func encode(_ value: Float) throws { throw refused(value) }
    mutating func encode(_ value: Int8) throws { throw refused(value) }
    mutating func encode(_ value: Int16) throws { throw refused(value) }
    mutating func encode(_ value: Int32) throws { throw refused(value) }
    mutating func encode(_ value: Int64) throws { throw refused(value) }
    mutating func encode(_ value: UInt) throws { throw refused(value) }
    mutating func encode(_ value: UInt8) throws { throw refused(value) }
    mutating func encode(_ value: UInt16) throws { throw refused(value) }
    mutating func encode(_ value: UInt32) throws { throw refused(value) }
    mutating func encode(_ value: UInt64) throws { throw refused(value) }

    private func refused(_ value: Any) -> CompactCoder.Unsupported { CompactCoder.Unsupported(what: "\(type(of: value))") }
}

/// What `superEncoder` gives: every use fails.
private struct RefusingEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedWriter<Key>(encoder: CompactEncoder()))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { RefusingUnkeyed() }
    func singleValueContainer() -> any SingleValueEncodingContainer { RefusingSingle() }
}

private struct RefusingUnkeyed: UnkeyedEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int { 0 }
    mutating func encodeNil() throws { throw CompactCoder.Unsupported(what: "superEncoder") }
    mutating func encode<T: Encodable>(_ value: T) throws { throw CompactCoder.Unsupported(what: "superEncoder") }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedWriter<NestedKey>(encoder: CompactEncoder()))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
    mutating func superEncoder() -> any Encoder { RefusingEncoder() }
}

private struct RefusingSingle: SingleValueEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil() throws { throw CompactCoder.Unsupported(what: "superEncoder") }
    mutating func encode<T: Encodable>(_ value: T) throws { throw CompactCoder.Unsupported(what: "superEncoder") }
}

// MARK: Reading

private final class Reader {
    let bytes: [UInt8]
    var position = 0
    /// The long strings read so far, in the order they came (`Buffer.string`).
    private var longStrings: [String] = []

    init(_ data: Data) { bytes = [UInt8](data) }

    func need(_ count: Int) throws {
        guard count >= 0, position + count <= bytes.count else { throw CompactCoder.Unsupported(what: "the data ends early") }
    }

    func int() throws -> Int {
        try need(8)
        var value: UInt64 = 0
        for index in (position..<(position + 8)).reversed() { value = value << 8 | UInt64(bytes[index]) }
        position += 8
        return Int(Int64(bitPattern: value))
    }

    func string() throws -> String {
        let count = try int()
        if count < 0 {
            guard -1 - count < longStrings.count else { throw CompactCoder.Unsupported(what: "a string that was not read before") }
            return longStrings[-1 - count]
        }
        let value = try text(count)
        if count > CompactCoder.shortString { longStrings.append(value) }
        return value
    }

    /// A nested container's key (`Buffer.key`).
    func key() throws -> String { try text(try int()) }

    /// The next `count` bytes as text.
    private func text(_ count: Int) throws -> String {
        try need(count)
        let value = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[position..<(position + count)]), as: UTF8.self) }
        position += count
        return value
    }

    func byte() throws -> UInt8 {
        try need(1)
        position += 1
        return bytes[position - 1]
    }
}

private struct CompactDecoder: Decoder {
    let reader: Reader
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ reader: Reader) { self.reader = reader }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return try reader.string() as! T }
        if T.self == Int.self { return try reader.int() as! T }
        if T.self == Bool.self { return try (reader.byte() != 0) as! T }
        // Other numbers come back through `SingleReader`, which refuses them. (Asking here whether
        // `T` is `Numeric` was a conformance lookup per value: a tenth of decoding a document.)
        return try T(from: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedReader<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try UnkeyedReader(decoder: self) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleReader(decoder: self) }
}

private struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: CompactDecoder
    var codingPath: [any CodingKey] { [] }

    /// The key a nested container wrote first: how an enum names its case.
    var allKeys: [Key] {
        let start = decoder.reader.position
        defer { decoder.reader.position = start }
        guard let name = try? decoder.reader.key(), let key = Key(stringValue: name) else { return [] }
        return [key]
    }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { throw CompactCoder.Unsupported(what: "nil for \(key.stringValue)") }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoder.decodeValue(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.reader.string() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.reader.int() }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.reader.byte() != 0 }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try decoder.reader.byte() == 0 ? nil : decoder.decodeValue(type)
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(type) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(type) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(type) }

    private func present<T: Decodable>(_ type: T.Type) throws -> T? {
        try decoder.reader.byte() == 0 ? nil : decoder.decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        guard try decoder.reader.key() == key.stringValue else { throw CompactCoder.Unsupported(what: "another key than \(key.stringValue)") }
        return KeyedDecodingContainer(KeyedReader<NestedKey>(decoder: decoder))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        guard try decoder.reader.key() == key.stringValue else { throw CompactCoder.Unsupported(what: "another key than \(key.stringValue)") }
        return try UnkeyedReader(decoder: decoder)
    }

    func superDecoder() throws -> any Decoder { throw CompactCoder.Unsupported(what: "superDecoder") }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw CompactCoder.Unsupported(what: "superDecoder") }
}

private struct UnkeyedReader: UnkeyedDecodingContainer {
    let decoder: CompactDecoder
    var codingPath: [any CodingKey] { [] }
    let count: Int?
    private(set) var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= count ?? 0 }

    init(decoder: CompactDecoder) throws {
        self.decoder = decoder
        count = try decoder.reader.int()
    }

    mutating func next() throws {
        guard !isAtEnd else { throw CompactCoder.Unsupported(what: "past the end of a list") }
        currentIndex += 1
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next()
        return try decoder.decodeValue(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next()
        return KeyedDecodingContainer(KeyedReader<NestedKey>(decoder: decoder))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next()
        return try UnkeyedReader(decoder: decoder)
    }

    mutating func superDecoder() throws -> any Decoder { throw CompactCoder.Unsupported(what: "superDecoder") }
}

private struct SingleReader: SingleValueDecodingContainer {
    let decoder: CompactDecoder
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
    func decode(_ type: String.Type) throws -> String { try decoder.reader.string() }
    func decode(_ type: Int.Type) throws -> Int { try decoder.reader.int() }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.reader.byte() != 0 }

    // Numbers other than `Int` are not coded (the encoder refuses them). Their `init(from:)` asks
    // for them here; the generic `decode` would hand them back to `init(from:)`, for ever.
    func decode(_ type: Double.Type) throws -> Double { throw refused(type) }
    func decode(_ type: Float.Type) throws -> Float { throw refused(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { throw refused(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { throw refused(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { throw refused(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { throw refused(type) }
    func decode(_ type: UInt.Type) throws -> UInt { throw refused(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { throw refused(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { throw refused(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { throw refused(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { throw refused(type) }

    private func refused(_ type: Any.Type) -> CompactCoder.Unsupported { CompactCoder.Unsupported(what: "\(type)") }
}
