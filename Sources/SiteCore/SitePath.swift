import Foundation

/// A place in the published site, relative to its root and without a leading slash:
/// a folder page (`policies/2021-6/`, written as `policies/2021-6/index.html`) or a file (`assets/site.css`).
/// The root page is the empty path.
public struct SitePath: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Without leading slash; folders end in `/`.
    public let rawValue: String

    public init(directory: String) {
        var trimmed = Substring(directory)
        while trimmed.first == "/" { trimmed.removeFirst() }
        while trimmed.last == "/" { trimmed.removeLast() }
        rawValue = trimmed.isEmpty ? "" : trimmed + "/"
    }

    public init(file: String) {
        rawValue = String(file.drop { $0 == "/" })
    }

    public static let root = SitePath(directory: "")

    public var isDirectory: Bool { rawValue.isEmpty || rawValue.hasSuffix("/") }

    /// The file written for this path, relative to the output folder.
    public var outputFile: String { isDirectory ? rawValue + "index.html" : rawValue }

    public func appending(directory: String) -> SitePath { SitePath(directory: rawValue + directory) }
    public func appending(file: String) -> SitePath { SitePath(file: rawValue + file) }

    /// The path as it appears in an `href`: under `basePath` (`/` or `/portal/`), percent-encoded.
    public func href(basePath: String) -> String {
        basePath + SitePath.percentEncode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (a: SitePath, b: SitePath) -> Bool { a.rawValue < b.rawValue }

    /// Percent-encodes everything but unreserved characters, sub-delimiters that are safe in a path,
    /// and `/`; Chinese file names become `%E6%94%BF…`, which every browser shows decoded.
    public static func percentEncode(_ path: String) -> String {
        // Most paths are plain ASCII that needs no escaping: checked on the bytes first.
        if path.utf8.allSatisfy({ $0 < 128 && asciiAllowed[Int($0)] }) { return path }
        return path.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? path
    }

    private static let asciiAllowed: [Bool] = (0..<128).map { byte in
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/!$&'()*+,;=:@".utf8.contains(UInt8(byte))
    }

    private static let pathAllowed: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/!$&'()*+,;=:@")
        set.remove(charactersIn: "'")  // keeps hrefs safe inside single-quoted attributes too
        return set
    }()
}
