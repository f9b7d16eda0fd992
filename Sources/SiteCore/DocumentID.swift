/// A document's identity: its path under Content/ without `.md`, with `/` separators
/// (`policies/2021-6`, `政策文件/宁政办发〔2021〕6号`). Stable as long as the file is not moved.
public struct DocumentID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral, Codable {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    /// The folder the document's file sits in, relative to Content/ (`policies`; empty at the top).
    public var folder: String {
        guard let slash = rawValue.lastIndex(of: "/") else { return "" }
        return String(rawValue[..<slash])
    }

    /// The page of the document: `policies/2021-6/`.
    public var page: SitePath { SitePath(directory: rawValue) }

    public static func < (a: DocumentID, b: DocumentID) -> Bool { a.rawValue < b.rawValue }
}
