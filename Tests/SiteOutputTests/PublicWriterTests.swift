import Foundation
import SiteCore
import SiteTestSupport
import Testing

@testable import SiteOutput

@Suite("Writing the output folder")
struct PublicWriterTests {
    @Test("files go to a staging folder and appear in the output only on commit")
    func commit() throws {
        let site = try TempSite(files: ["Public/index.html": "old site", "Public/old.html": "old"], defaultTheme: false)
        let writer = try PublicWriter(output: site.url("Public"), protecting: [site.url("Content")])
        try writer.begin()
        try writer.write("政策/a/index.html", text: "新")
        #expect(site.read("Public/old.html") == "old")
        #expect(!site.exists("Public/政策/a/index.html"))
        try writer.commit()
        #expect(site.read("Public/政策/a/index.html") == "新")
        #expect(!site.exists("Public/old.html"))
        writer.waitForRemoval()
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path) == ["Public"])
    }

    @Test("abandoning leaves the output untouched and removes the staging folder")
    func abandon() throws {
        let site = try TempSite(files: ["Public/index.html": "old site", "Public/old.html": "old"], defaultTheme: false)
        let writer = try PublicWriter(output: site.url("Public"), protecting: [])
        try writer.begin()
        try writer.write("index.html", text: "new")
        writer.abandon()
        #expect(site.read("Public/old.html") == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path) == ["Public"])
    }

    @Test("an existing folder with files but no site in it, or a file, is refused as the output; an empty one is taken")
    func foreignFolder() throws {
        let site = try TempSite(files: ["Documents/notes.txt": "notes", "file.txt": "x"], defaultTheme: false)
        #expect(throws: SiteError.outputRefused(
            path: site.url("Documents").path, reason: "it holds 1 file and no site (no index.html), and each build replaces it whole")
        ) { try PublicWriter(output: site.url("Documents"), protecting: []) }
        #expect(site.read("Documents/notes.txt") == "notes")
        #expect(throws: SiteError.outputRefused(path: site.url("file.txt").path, reason: "it is a file, not a folder")) {
            try PublicWriter(output: site.url("file.txt"), protecting: [])
        }
        try FileManager.default.createDirectory(at: site.url("Empty"), withIntermediateDirectories: false)
        _ = try PublicWriter(output: site.url("Empty"), protecting: [])
        try site.write("Old/404.html", "a site without a home page")
        _ = try PublicWriter(output: site.url("Old"), protecting: [])
    }

    @Test("leftovers of a killed build are removed by the next one")
    func leftovers() throws {
        let site = try TempSite(files: [".Public.staging-99999/x.html": "half", ".Public.old-99998/y.html": "old"], defaultTheme: false)
        let writer = try PublicWriter(output: site.url("Public"), protecting: [])
        try writer.begin()
        try writer.commit()
        writer.waitForRemoval()
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path) == ["Public"])
    }

    @Test("paths that would leave the output folder are refused", arguments: ["../x.html", "/etc/x", "a/../../x", "a//b", "", "./a"])
    func escapingPaths(_ path: String) throws {
        let site = try TempSite(files: [:], defaultTheme: false)
        let writer = try PublicWriter(output: site.url("Public"), protecting: [])
        try writer.begin()
        #expect(throws: SiteError.self) { try writer.write(path, text: "x") }
        writer.abandon()
    }

    @Test("two outputs with one path are refused")
    func duplicatePath() throws {
        let site = try TempSite(files: [:], defaultTheme: false)
        let writer = try PublicWriter(output: site.url("Public"), protecting: [])
        try writer.begin()
        try writer.write("a.html", text: "1")
        #expect(throws: SiteError.writeFailed(path: "a.html", reason: "two outputs have this path")) { try writer.write("a.html", text: "2") }
        writer.abandon()
    }
}
