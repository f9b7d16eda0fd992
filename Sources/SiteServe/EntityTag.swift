import Foundation

/// Strong entity tags from the bytes a response sends, and `If-None-Match`.
///
/// The tag hashes the body itself (64-bit FNV-1a), not the file's date: every build writes every
/// file anew, so a date would change on each rebuild while the bytes mostly do not, and a page whose
/// bytes are the same answers `304 Not Modified` across rebuilds.
public enum EntityTag {
    /// `"9f86d081884c7d65"`, quotes included, as the `ETag` header carries it.
    public static func of(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { buffer in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// Whether an `If-None-Match` header names `tag`: `*`, or a comma-separated list of tags,
    /// compared weakly (a `W/` prefix is ignored), as RFC 9110 §13.1.2 asks for GET and HEAD.
    public static func matches(ifNoneMatch header: String, _ tag: String) -> Bool {
        let wanted = opaque(tag)
        for item in header.split(separator: ",") {
            let candidate = item.trimmingCharacters(in: .whitespaces)
            if candidate == "*" || opaque(candidate) == wanted { return true }
        }
        return false
    }

    private static func opaque(_ tag: String) -> String {
        tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
    }
}
