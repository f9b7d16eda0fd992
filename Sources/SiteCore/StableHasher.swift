/// A 128-bit digest that is the same in every run, on every machine — unlike Swift's `Hasher`,
/// which is seeded per process. The incremental build keys its cache with it: same digest, same
/// inputs (with a chance of a false match of about 2⁻¹²⁸ per pair). Not cryptographic.
///
/// Two 64-bit lanes read the input eight bytes at a time and are mixed at the end (the
/// finalisation of MurmurHash3's fmix64). Every value is fed with its length or a tag first, so
/// `["ab", "c"]` and `["a", "bc"]` differ.
public struct StableHasher: Sendable {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var count: UInt64 = 0

    public init() {}

    private mutating func word(_ w: UInt64) {
        a = (a ^ w) &* 0x0000_0100_0000_01B3
        a ^= a >> 29
        b = (b ^ (w << 31 | w >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        b ^= b >> 32
        count &+= 1
    }

    public mutating func combine(bytes: UnsafeRawBufferPointer) {
        word(UInt64(bytes.count))
        var index = 0
        while index + 8 <= bytes.count {
            word(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
            index += 8
        }
        if index < bytes.count {
            var tail: UInt64 = 0
            for (shift, byte) in bytes[index...].enumerated() { tail |= UInt64(byte) << (8 * shift) }
            word(tail)
        }
    }

    public mutating func combine(_ value: UInt64) { word(value) }

    public mutating func combine(_ string: String) {
        var string = string
        string.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine(bytes: $0) }
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k = k &* 0xFF51_AFD7_ED55_8CCD
        k ^= k >> 33
        k = k &* 0xC4CE_B9FE_1A85_EC53
        k ^= k >> 33
        return k
    }

    /// 32 hexadecimal digits: the two 64-bit halves, most significant byte first.
    public var digest: String {
        let first = Self.mix(a ^ count)
        var halves = (first.bigEndian, Self.mix(b &+ first).bigEndian)
        return withUnsafeBytes(of: &halves) { Hexadecimal.lowercase($0) }
    }

    /// The digest of some bytes.
    public static func digest(of bytes: [UInt8]) -> String {
        var hasher = StableHasher()
        hasher.combine(bytes)
        return hasher.digest
    }
}

/// A value that feeds itself to a `StableHasher`, in a fixed order.
public protocol StableDigestible {
    func feed(into hasher: inout StableHasher)
}

extension String: StableDigestible {
    public func feed(into hasher: inout StableHasher) { hasher.combine(self) }
}

extension Int: StableDigestible {
    public func feed(into hasher: inout StableHasher) { hasher.combine(UInt64(bitPattern: Int64(self))) }
}

extension Bool: StableDigestible {
    public func feed(into hasher: inout StableHasher) { hasher.combine(self ? 1 : 2) }
}

extension Optional: StableDigestible where Wrapped: StableDigestible {
    public func feed(into hasher: inout StableHasher) {
        switch self {
        case .none: hasher.combine(0x6E6F_6E65)
        case .some(let value):
            hasher.combine(0x736F_6D65)
            value.feed(into: &hasher)
        }
    }
}

extension Array: StableDigestible where Element: StableDigestible {
    public func feed(into hasher: inout StableHasher) {
        hasher.combine(UInt64(count))
        for element in self { element.feed(into: &hasher) }
    }
}
