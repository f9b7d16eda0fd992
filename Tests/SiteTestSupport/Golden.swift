import Foundation

/// Golden files: expected output kept next to the tests. Run the tests with `SITE_RECORD_GOLDEN=1`
/// to rewrite them from the actual output; recording also fails the test, so a recorded golden is
/// always looked at before it is committed.
public enum Golden {
    public static var recording: Bool { ProcessInfo.processInfo.environment["SITE_RECORD_GOLDEN"] == "1" }

    /// Compares text with a golden file; returns a failure message, or nil when they match.
    public static func compare(_ actual: String, with golden: URL) -> String? {
        if recording {
            try? FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: golden)
            return "recorded \(golden.path); run again without SITE_RECORD_GOLDEN"
        }
        guard let data = FileManager.default.contents(atPath: golden.path) else {
            return "no golden file \(golden.path); run with SITE_RECORD_GOLDEN=1 to create it"
        }
        let expected = String(decoding: data, as: UTF8.self)
        return expected == actual ? nil : "\(golden.lastPathComponent) differs:\n" + lineDiff(expected: expected, actual: actual)
    }

    /// Compares every file under `actual` with the files under `golden`: a missing, unexpected or
    /// different file fails. Returns the failure messages.
    public static func compareTree(_ actual: URL, with golden: URL) -> [String] {
        if recording {
            try? FileManager.default.removeItem(at: golden)
            try? FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.copyItem(at: actual, to: golden)
            return ["recorded \(golden.path); run again without SITE_RECORD_GOLDEN"]
        }
        let have = Tree.contents(under: actual)
        let want = Tree.contents(under: golden)
        var failures: [String] = []
        for path in want.keys.sorted() where have[path] == nil {
            failures.append("missing file \(path)")
        }
        for path in have.keys.sorted() where want[path] == nil {
            failures.append("unexpected file \(path)")
        }
        for path in want.keys.sorted() {
            guard let a = have[path], let e = want[path], a != e else { continue }
            failures.append("\(path) differs:\n" + lineDiff(expected: String(decoding: e, as: UTF8.self), actual: String(decoding: a, as: UTF8.self)))
        }
        return failures
    }

    /// The first differing lines, with line numbers.
    public static func lineDiff(expected: String, actual: String, limit: Int = 8) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(e.count, a.count) where out.count < limit * 2 {
            let el = i < e.count ? String(e[i]) : nil
            let al = i < a.count ? String(a[i]) : nil
            if el != al {
                out.append("  \(i + 1) - \(el ?? "<none>")")
                out.append("  \(i + 1) + \(al ?? "<none>")")
            }
        }
        return out.joined(separator: "\n")
    }
}
