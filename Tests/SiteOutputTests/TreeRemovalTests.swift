import Foundation
import Testing

@testable import SiteOutput

@Suite("Removing the previous site")
struct TreeRemovalTests {
    @Test("every file and folder goes, however deep; a symbolic link goes without what it names")
    func removesTheTree() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("TreeRemovalTests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let tree = base.appendingPathComponent("Public")
        let outside = base.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("keep.txt"))
        for path in ["index.html", "a/index.html", "a/b/c/d/e.html", "search/index/000.bin", "search/docs/1.json", "x/y/z.txt", "empty/"] {
            let url = tree.appendingPathComponent(path)
            if path.hasSuffix("/") {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } else {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(path.utf8).write(to: url)
            }
        }
        try FileManager.default.createSymbolicLink(at: tree.appendingPathComponent("a/b/link"), withDestinationURL: outside)
        try FileManager.default.createSymbolicLink(at: tree.appendingPathComponent("top-link"), withDestinationURL: outside)
        TreeRemoval.remove(tree.path)
        #expect(!FileManager.default.fileExists(atPath: tree.path))
        #expect(FileManager.default.contents(atPath: outside.appendingPathComponent("keep.txt").path) == Data("keep".utf8))
        // A path that is a file, or nothing, is handled too.
        let file = base.appendingPathComponent("file.txt")
        try Data("x".utf8).write(to: file)
        TreeRemoval.remove(file.path)
        TreeRemoval.remove(base.appendingPathComponent("nothing").path)
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }
}
