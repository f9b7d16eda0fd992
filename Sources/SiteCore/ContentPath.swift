/// Paths under Content/, always with `/` separators and no leading slash.
public enum ContentPath {
    /// Resolves `path` as written in a file in `folder` (a folder under Content/, empty at the top).
    /// `.` and `..` are resolved; a path that would leave Content/, an absolute path, or one with a
    /// backslash or NUL gives nil.
    public static func resolve(_ path: String, relativeTo folder: String) -> String? {
        guard !path.isEmpty, !path.hasPrefix("/") else { return nil }
        return normalize(folder.split(separator: "/").map(String.init), adding: path)
    }

    /// Resolves a root-relative link (`/policies/2021-6.md`) against Content/.
    public static func resolveFromRoot(_ path: String) -> String? {
        normalize([], adding: String(path.drop { $0 == "/" }))
    }

    private static func normalize(_ start: [String], adding path: String) -> String? {
        guard !path.contains("\\"), !path.contains("\0") else { return nil }
        var parts = start
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        guard !parts.isEmpty else { return nil }
        return parts.joined(separator: "/")
    }
}
