import Foundation
import SiteTestSupport
import Testing

@Suite("site init")
struct InitCommandTests {
    /// Every file under a folder with its bytes, hidden ones included.
    static func snapshot(_ folder: URL) -> [String: Data] { Tree.contents(under: folder) }

    @Test("writes a portal that passes check --strict and builds, and prints the next steps")
    func initCheckBuild() throws {
        let site = try TempSite(files: [:], defaultTheme: false)
        let created = try SiteBinary.run(["init", "portal", "--as-of", "2026-11-22"], in: site.root)
        #expect(created.status == 0)
        #expect(created.stderr == "")
        #expect(created.stdout.hasPrefix("Created a new portal in portal/:\n"))
        #expect(created.stdout.contains("  1. cd portal\n"))
        #expect(created.stdout.contains("Edit Content/site.yaml"))
        #expect(created.stdout.contains("site build "))

        let files = site.files(under: "portal").filter { !$0.hasPrefix("Templates/") }
        #expect(files == [
            ".gitignore", "Content/agencies.yaml", "Content/catalog.yaml", "Content/guide/xxgkzn.md",
            "Content/index-numbers.lock", "Content/site.yaml",
        ])
        #expect(site.read("portal/.gitignore") == "Public/\n.site-cache/\n")
        #expect(site.read("portal/Content/guide/xxgkzn.md")?.contains("\nwritten: 2026-11-22\npublished: 2026-11-22\n") == true)
        #expect(site.read("portal/Content/site.yaml")?.contains("organization_code: 11000000000000000U ") == true)
        // The theme is the repository's Templates/, byte for byte, though it comes from the binary.
        let theme = Tree.contents(under: site.url("portal/Templates"))
        #expect(theme == Tree.contents(under: Repository.root.appendingPathComponent("Templates")))
        #expect(theme.count > 20)

        let portal = site.url("portal")
        let check = try SiteBinary.run(["check", "--strict", "--as-of", "2026-11-22"], in: portal)
        #expect(check.status == 0)
        #expect(check.stderr == "")
        #expect(check.stdout.hasPrefix("Checked 1 document (1 public) as of 2026-11-22 in "))
        let build = try SiteBinary.run(["build", "--strict", "--as-of", "2026-11-22"], in: portal)
        #expect(build.status == 0)
        #expect(build.stderr == "")
        #expect(build.stdout.hasPrefix("Built "))
        #expect(site.exists("portal/Public/index.html"))
        #expect(site.exists("portal/Public/guide/xxgkzn/index.html"))
        #expect(site.exists("portal/Public/xxgk/gfxwj/index.html"))
        let home = try #require(site.read("portal/Public/index.html"))
        #expect(home.contains("示例县人民政府") && home.contains("site init"))
    }

    @Test("as of today, the new portal has no error and no warning")
    func today() throws {
        let site = try TempSite(files: [:], defaultTheme: false)
        let created = try SiteBinary.run(["init", "."], in: site.root)
        #expect(created.status == 0)
        #expect(created.stdout.hasPrefix("Created a new portal in the current folder:\n"))
        #expect(!created.stdout.contains("cd ."))
        let check = try SiteBinary.run(["check", "--strict", "--format", "json"], in: site.root)
        #expect(check.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        #expect(report?["errors"] as? Int == 0)
        #expect(report?["warnings"] as? Int == 0)
    }

    @Test("refuses a folder that is not empty with exit 2, and leaves it as it was")
    func nonEmptyFolder() throws {
        let site = try TempSite(files: ["portal/README.md": "自述\n", "portal/.gitignore": "*.swp\n"], defaultTheme: false)
        let before = Self.snapshot(site.root)
        let result = try SiteBinary.run(["init", "portal"], in: site.root)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            error: 'portal' is not empty (it holds '.gitignore', 'README.md'); nothing was written
              hint: name a new or empty folder, or pass --force to add the portal next to what is there (no existing file is ever overwritten)

            """)
        #expect(Self.snapshot(site.root) == before)
    }

    @Test("with --force, still refuses a folder holding Content or Templates, and leaves it as it was")
    func existingPortal() throws {
        let site = try TempSite(files: [:], defaultTheme: false)
        #expect(try SiteBinary.run(["init", "portal", "--as-of", "2026-11-22"], in: site.root).status == 0)
        try site.write("portal/Content/site.yaml", "name: 已修改\n")
        let before = Self.snapshot(site.root)
        let result = try SiteBinary.run(["init", "portal", "--force"], in: site.root)
        #expect(result.status == 2)
        #expect(result.stderr == """
            error: 'portal/Content' and 'portal/Templates' already exist: site init creates a new portal and never overwrites one; nothing was written

            """)
        #expect(Self.snapshot(site.root) == before)
    }

    @Test("with --force, writes next to other files, keeps them, and completes .gitignore")
    func force() throws {
        let site = try TempSite(files: ["portal/README.md": "自述\n", "portal/.gitignore": "*.swp\nPublic/\n"], defaultTheme: false)
        let result = try SiteBinary.run(["init", "portal", "--force", "--as-of", "2026-11-22"], in: site.root)
        #expect(result.status == 0)
        #expect(result.stdout.contains(" existing; added .site-cache/\n"))
        #expect(site.read("portal/README.md") == "自述\n")
        #expect(site.read("portal/.gitignore") == "*.swp\nPublic/\n.site-cache/\n")
        let check = try SiteBinary.run(["check", "--strict", "--as-of", "2026-11-22"], in: site.url("portal"))
        #expect(check.status == 0)
    }

    @Test("a path that is a file exits 2")
    func file() throws {
        let site = try TempSite(files: ["portal": "x"], defaultTheme: false)
        let result = try SiteBinary.run(["init", "portal"], in: site.root)
        #expect(result.status == 2)
        #expect(result.stderr == "error: 'portal' exists and is not a folder\n")
        #expect(site.read("portal") == "x")
    }
}
