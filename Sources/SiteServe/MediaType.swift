/// The `Content-Type` of a file of the output folder, from its extension.
public enum MediaType {
    /// Types by lowercased extension. Text types get `; charset=utf-8` (every text file the build
    /// writes is UTF-8); anything not listed is `application/octet-stream`.
    static let types: [String: String] = [
        "html": "text/html", "htm": "text/html",
        "css": "text/css",
        "js": "text/javascript", "mjs": "text/javascript",
        "json": "application/json", "map": "application/json",
        "xml": "application/xml", "atom": "application/atom+xml", "rss": "application/rss+xml",
        "txt": "text/plain", "md": "text/markdown", "csv": "text/csv",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon", "bmp": "image/bmp",
        "tif": "image/tiff", "tiff": "image/tiff",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "pdf": "application/pdf", "ofd": "application/ofd",
        "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt": "application/vnd.ms-powerpoint",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "wps": "application/vnd.ms-works", "et": "application/vnd.ms-excel",
        "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "rtf": "application/rtf",
        "zip": "application/zip", "rar": "application/vnd.rar", "7z": "application/x-7z-compressed",
        "gz": "application/gzip", "tar": "application/x-tar",
        "mp4": "video/mp4", "webm": "video/webm", "mp3": "audio/mpeg", "wav": "audio/wav", "m4a": "audio/mp4",
        "wasm": "application/wasm", "webmanifest": "application/manifest+json",
    ]

    /// Types that are text although not `text/…`.
    static let textual: Set<String> = [
        "application/json", "application/xml", "application/atom+xml", "application/rss+xml", "image/svg+xml",
        "application/manifest+json",
    ]

    /// `text/html; charset=utf-8` for `index.html`, `application/octet-stream` for `x.bin`.
    public static func forFile(named name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "application/octet-stream" }
        let type = types[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
        return isText(type) ? type + "; charset=utf-8" : type
    }

    public static func isText(_ type: String) -> Bool {
        type.hasPrefix("text/") || textual.contains(type)
    }

    /// Whether a `Content-Type` is HTML, where the live-reload script goes.
    public static func isHTML(_ contentType: String) -> Bool {
        contentType.hasPrefix("text/html")
    }
}
