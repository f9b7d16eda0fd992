import Crypto
import Foundation
import SiteCore

/// `manifest.json`: every file a build wrote to the output folder, with its size and SHA-256, so a
/// deployment can be checked against the build (`site verify`) or by any script. It lists only
/// files of the output folder, which are all published, and says nothing else: no time, no
/// machine, no source path. The same output gives the same bytes (docs/deploy.md).
///
/// ```json
/// {
///   "format": 1,
///   "base_path": "/",
///   "files": [
///     {"path": "404.html", "size": 5120, "sha256": "9f86d0…"},
///     …
///   ]
/// }
/// ```
/// Paths are relative to the output folder, `/`-separated, sorted by their UTF-8 bytes. The
/// manifest does not list itself.
public struct Manifest: Equatable, Sendable {
    /// Its path in the output folder.
    public static let path = ExportPaths.manifest.rawValue
    public static let format = 1

    public struct File: Equatable, Sendable {
        public var path: String
        public var size: Int64
        /// Lowercase hexadecimal.
        public var sha256: String

        public init(path: String, size: Int64, sha256: String) {
            self.path = path
            self.size = size
            self.sha256 = sha256
        }
    }

    /// Where the site is served (`/`, `/portal/`).
    public var basePath: String
    public var files: [File]

    public init(basePath: String, files: [File]) {
        self.basePath = basePath
        self.files = files.filter { $0.path != Self.path }.sorted { ByteSearch.precedes($0.path, $1.path) }
    }

    /// The JSON text: one file per line, keys in a fixed order.
    public var json: String { String(decoding: data, as: UTF8.self) }

    /// The JSON text's bytes, put together as bytes (a manifest lists every file of the site,
    /// 24,000 lines at 10,000 documents).
    public var data: Data {
        var out: [UInt8] = []
        out.reserveCapacity(64 + files.count * 140)
        func add(_ text: String) {
            var text = text
            text.withUTF8 { out.append(contentsOf: $0) }
        }
        add("{\n  \"format\": \(Self.format),\n  \"base_path\": \(Self.quoted(basePath)),\n  \"files\": [")
        for (index, file) in files.enumerated() {
            add(index == 0 ? "\n    {\"path\": " : ",\n    {\"path\": ")
            add(Self.quoted(file.path))
            add(", \"size\": ")
            add(String(file.size))
            add(", \"sha256\": \"")
            add(file.sha256)
            add("\"}")
        }
        add(files.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return Data(out)
    }

    /// `data` of this manifest's files with some sizes and digests changed, made from the
    /// manifest's bytes as `data` wrote them: each changed file's line found and rewritten, the
    /// rest copied. Nil when a file is not there once (one added or removed: make it anew).
    public static func patch(_ data: Data, changing files: [File]) -> Data? {
        var bytes = [UInt8](data)
        // From the last line up, so the offsets before each stay put.
        var edits: [(range: Range<Int>, line: [UInt8])] = []
        for file in files {
            let start = Array("    {\"path\": \(quoted(file.path)), \"size\": ".utf8)
            let places = ByteSearch.offsets(of: start, in: bytes, limit: 2)
            guard places.count == 1, let at = places.first, let end = bytes[(at + start.count)...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
            let line = Array("    {\"path\": \(quoted(file.path)), \"size\": \(file.size), \"sha256\": \"\(file.sha256)\"}".utf8)
            edits.append((at..<end + 1, line))
        }
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) { bytes.replaceSubrange(edit.range, with: edit.line) }
        return Data(bytes)
    }

    /// Reads a manifest; nil with the reason when it is not one.
    public static func decode(_ data: Data) -> Result<Manifest, DecodeError> {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return .failure(DecodeError(reason: "it is not a JSON object"))
        }
        guard let format = object["format"] as? Int, format == Self.format else {
            return .failure(DecodeError(reason: "its format is not \(Self.format)"))
        }
        guard let basePath = object["base_path"] as? String, basePath.hasPrefix("/"), basePath.hasSuffix("/") else {
            return .failure(DecodeError(reason: "'base_path' is not a path that starts and ends with '/'"))
        }
        guard let list = object["files"] as? [[String: Any]] else {
            return .failure(DecodeError(reason: "'files' is not a list of objects"))
        }
        var files: [File] = []
        for (index, entry) in list.enumerated() {
            guard let path = entry["path"] as? String, !path.isEmpty, !path.hasPrefix("/"),
                !path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }),
                let size = (entry["size"] as? NSNumber)?.int64Value,
                let sha256 = entry["sha256"] as? String, sha256.count == 64, sha256.allSatisfy({ $0.isHexDigit && !$0.isUppercase })
            else {
                return .failure(DecodeError(reason: "entry \(index + 1) of 'files' is not a relative path, a size and a SHA-256"))
            }
            files.append(File(path: path, size: size, sha256: sha256))
        }
        return .success(Manifest(basePath: basePath, files: files))
    }

    public struct DecodeError: Error, Equatable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// The SHA-256 of bytes, in lowercase hexadecimal.
    public static func sha256(_ data: Data) -> String {
        Hexadecimal.lowercase(SHA256.hash(data: data))
    }

    /// The SHA-256 of a file, read in pieces; nil if it cannot be read.
    public static func sha256(of url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            // nil or empty at the end of the file; an error only if it cannot be read.
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch { return nil }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return Hexadecimal.lowercase(hasher.finalize())
    }

    /// A JSON string: `"`, `\` and control characters escaped, the rest as it is (UTF-8).
    static func quoted(_ text: String) -> String {
        // Most paths need no escape (U+2028 and U+2029 start with the byte E2).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
