/// 索引号: the permanent catalog identifier `<organisation code>/<YYYY>-<NNNNN>`
/// (`000014349/2017-00110`; with an 18-character 统一社会信用代码, `11370322004222241N/2021-00012`).
/// Once published it never changes (DISCLOSURE.md §2.3).
public struct IndexNumber: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public let text: String
    /// 前段码: the publishing organ's organisation code.
    public let prefix: String
    public let year: Int
    public let serial: Int

    public var description: String { text }

    /// Parses `prefix/YYYY-serial`: a 9- or 18-character code of digits and capital letters,
    /// a four-digit year, and a serial of 5 digits (up to 7 with an 18-character code, as some
    /// provincial profiles use).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let prefix = parts[0]
        guard prefix.count == 9 || prefix.count == 18,
            prefix.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("A"..."Z").contains($0) })
        else { return nil }
        let back = parts[1].split(separator: "-", omittingEmptySubsequences: false)
        let maxSerial = prefix.count == 18 ? 7 : 5
        guard back.count == 2, back[0].count == 4, (5...maxSerial).contains(back[1].count),
            back[0].allSatisfy(\.isASCII), back[1].allSatisfy(\.isASCII),
            let year = Int(back[0]), let serial = Int(back[1]), year > 0
        else { return nil }
        self.text = text
        self.prefix = String(prefix)
        self.year = year
        self.serial = serial
    }

    public static func < (a: IndexNumber, b: IndexNumber) -> Bool { a.text < b.text }
}
