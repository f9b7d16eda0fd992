/// Bytes as lowercase hexadecimal (digests in the manifest, the catalog and the cache), without
/// `String(format:)`, which cost 3% of a build when it formatted every byte of 24,000 digests.
public enum Hexadecimal {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func lowercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
