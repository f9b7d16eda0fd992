import CBrotli
import CZlib
import Foundation

/// The precompressed copies of text files that `site build --precompress` writes beside them
/// (`a.html.gz`, `a.html.br`), for servers that send them as they are (nginx `gzip_static`,
/// `brotli_static`), so no page is compressed per request.
///
/// The bytes depend on the input and the library versions alone: gzip at level 9 with no file name
/// and a modification time of 0 in its header (RFC 1952), Brotli at quality 9 in text mode with the
/// default window. Two builds on the same machine write the same bytes.
public enum Precompression {
    public enum Encoding: String, CaseIterable, Sendable {
        case gzip
        case brotli

        /// The extension added to the file's name: `gz`, `br`.
        public var fileExtension: String {
            switch self {
            case .gzip: "gz"
            case .brotli: "br"
            }
        }

        /// What the compressed bytes depend on besides the input: the method, its settings and the
        /// library's version. A copy made with another is made again, never reused.
        public var version: String {
            switch self {
            case .gzip: "gzip-9-zlib-\(String(cString: zlibVersion()))"
            case .brotli:
                "brotli-\(Precompression.brotliQuality)-text-\(BrotliEncoderVersion() >> 24).\((BrotliEncoderVersion() >> 12) & 0xFFF).\(BrotliEncoderVersion() & 0xFFF)"
            }
        }

        public func compress(_ data: Data) -> Data? {
            switch self {
            case .gzip: Precompression.gzip(data)
            case .brotli: Precompression.brotli(data)
            }
        }
    }

    /// Brotli's quality: 9 of 11. On the example portal's pages, 10 and 11 make the files 5 % and
    /// 8 % smaller but take 4 and 11 times as long, minutes for a large portal's clean build.
    static let brotliQuality: Int32 = 9

    /// The extensions of the text files that get compressed copies (lowercase): pages, style sheets,
    /// scripts, JSON, XML (feeds, the sitemap), CSV, plain text, SVG and source maps. Images, PDFs,
    /// Office files and archives are compressed already or gain little.
    public static let textExtensions: Set<String> = ["html", "css", "js", "json", "xml", "csv", "txt", "svg", "map"]

    /// Whether a file of the output gets compressed copies, by its name.
    public static func isText(_ path: String) -> Bool {
        let name = path.split(separator: "/").last ?? Substring(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return textExtensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// gzip (RFC 1952) through zlib at level 9: the header has no name and a time of 0, so the same
    /// input gives the same bytes. Nil if zlib fails (it only does when out of memory).
    public static func gzip(_ data: Data) -> Data? {
        var stream = z_stream()
        // 15 + 16: a window of 32 KiB with a gzip header and trailer instead of zlib's.
        guard deflateInit2_(&stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 32)
        var input = [UInt8](data)
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return Data(output[0..<Int(stream.total_out)])
    }

    /// Brotli (RFC 7932) at quality 9, text mode, the default window of 4 MiB.
    public static func brotli(_ data: Data) -> Data? {
        var size = BrotliEncoderMaxCompressedSize(data.count)
        if size == 0 { size = data.count + 1024 }
        var output = [UInt8](repeating: 0, count: size)
        let ok = data.withUnsafeBytes { source in
            BrotliEncoderCompress(
                Precompression.brotliQuality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.count,
                source.bindMemory(to: UInt8.self).baseAddress, &size, &output)
        }
        guard ok == BROTLI_TRUE else { return nil }
        return Data(output[0..<size])
    }
}
