import Testing

@testable import SiteCore

@Suite("Paths")
struct PathTests {
    @Test("content paths resolve . and .. and never leave Content/", arguments: [
        ("a.md", "policies", "policies/a.md"),
        ("../plans/b.md", "policies", "plans/b.md"),
        ("./x/../y.md", "", "y.md"),
        ("../../etc/passwd", "policies", nil),
        ("/etc/passwd", "policies", nil),
        ("a\\b.md", "", nil),
        ("..", "", nil),
    ] as [(String, String, String?)])
    func resolve(_ path: String, _ folder: String, _ expected: String?) {
        #expect(ContentPath.resolve(path, relativeTo: folder) == expected)
    }

    @Test("a document's page and its href, percent-encoded under the base path")
    func pages() {
        let id = DocumentID("政策文件/宁政办发〔2021〕6号")
        #expect(id.page.outputFile == "政策文件/宁政办发〔2021〕6号/index.html")
        #expect(id.folder == "政策文件")
        #expect(SitePath(directory: "a b/c#d").href(basePath: "/portal/") == "/portal/a%20b/c%23d/")
        #expect(SitePath.root.outputFile == "index.html")
        #expect(SitePath(file: "404.html").href(basePath: "/") == "/404.html")
    }

    @Test("did you mean: close typos only")
    func suggestions() {
        #expect(Suggestion.closest(to: "publshed", among: ["published", "written", "title"]) == "published")
        #expect(Suggestion.closest(to: "zcwjj", among: ["zcwj", "zcjd"]) == "zcwj")
        #expect(Suggestion.closest(to: "completely-different", among: ["title", "kind"]) == nil)
        #expect(Suggestion.closest(to: "title", among: ["title"]) == nil)
    }

    @Test("concurrentMap keeps the order of its input")
    func concurrentMapOrder() {
        let input = Array(0..<10_000)
        #expect(input.concurrentMap { $0 * 2 } == input.map { $0 * 2 })
        #expect([Int]().concurrentMap { $0 } == [])
    }

    @Test("concurrentUpdate changes every element once, in place, and returns the results in order")
    func concurrentUpdate() {
        var items = Array(0..<10_000).map { [$0] }
        let results = items.concurrentUpdate { item -> Int in
            item.append(item[0] * 3)
            return item[0] + 1
        }
        #expect(results == Array(1...10_000))
        #expect(items == Array(0..<10_000).map { [$0, $0 * 3] })
        var one = [5]
        #expect(one.concurrentUpdate { value -> Int in value = -value; return 0 } == [0])
        #expect(one == [-5])
    }
}
