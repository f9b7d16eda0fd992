import Foundation
import SiteBuild
import SiteCore
import SiteTestSupport
import Testing

/// The feeds checked against the structure their specifications require, on whole built sites:
/// Atom as RFC 4287 section 4 lists it, JSON Feed as version 1.1 lists it.
@Suite("Feed structure")
struct FeedValidationTests {
    /// What RFC 4287 requires of a feed and of each entry that a parser can see; returns the
    /// problems found, empty when the feed is valid.
    static func atomProblems(_ data: Data) -> [String] {
        let feed: ParsedXML
        do { feed = try ParsedXML.parse(data) } catch { return ["\(error)"] }
        var problems: [String] = []
        func require(_ condition: Bool, _ problem: String) { if !condition { problems.append(problem) } }
        require(feed.name == "feed" && feed.namespace == "http://www.w3.org/2005/Atom", "the root is not atom:feed")
        for name in ["id", "title", "updated"] {
            require(feed.all(name).count == 1, "the feed has \(feed.all(name).count) atom:\(name)")
        }
        require(feed.first("updated").map { isRFC3339($0.text) } == true, "the feed's updated is not an RFC 3339 date")
        require(feed.all("link").contains { $0.attributes["rel"] == "self" && $0.attributes["href"]?.hasPrefix("https://") == true }, "no absolute link rel=self")
        require(feed.first("id").map { URL(string: $0.text)?.scheme != nil } == true, "the feed's id is not an IRI")
        let alternates = feed.all("link").filter { ($0.attributes["rel"] ?? "alternate") == "alternate" }.map { [$0.attributes["type"], $0.attributes["hreflang"]] }
        require(Set(alternates).count == alternates.count, "two alternate links of the same type")
        let feedHasAuthor = !feed.all("author").isEmpty
        var ids = Set<String>()
        var previous: String?
        for (index, entry) in feed.all("entry").enumerated() {
            let at = "entry \(index + 1)"
            for name in ["id", "title", "updated"] {
                require(entry.all(name).count == 1, "\(at) has \(entry.all(name).count) atom:\(name)")
            }
            let id = entry.first("id")?.text ?? ""
            require(id.hasPrefix("tag:") && id.contains(","), "\(at): id \(id) is not a tag URI")
            require(ids.insert(id).inserted, "\(at): id \(id) repeats")
            for name in ["updated", "published"] {
                require(entry.all(name).allSatisfy { isRFC3339($0.text) }, "\(at): \(name) is not an RFC 3339 date")
            }
            require(entry.all("link").contains { ($0.attributes["rel"] ?? "alternate") == "alternate" && $0.attributes["href"]?.hasPrefix("https://") == true },
                "\(at) has no absolute alternate link")
            require(feedHasAuthor || !entry.all("author").isEmpty, "\(at) has no author, nor has the feed")
            require(entry.all("author").allSatisfy { $0.all("name").count == 1 }, "\(at): an author without exactly one name")
            require(entry.all("category").allSatisfy { $0.attributes["term"]?.isEmpty == false }, "\(at): a category without term")
            require(entry.all("content").allSatisfy { ["text", "html", "xhtml", nil].contains($0.attributes["type"]) }, "\(at): content of an unknown type")
            // Newest first by 发布日期, as the catalog lists them; a later change only moves `updated`.
            let updated = entry.first("published")?.text ?? entry.first("updated")?.text ?? ""
            if let previous { require(updated <= previous, "\(at) was published after the entry before it") }
            previous = updated
        }
        if let newest = feed.all("entry").compactMap({ $0.first("updated")?.text }).max() {
            require(feed.first("updated")?.text == newest, "the feed's updated is not its newest entry's")
        }
        return problems
    }

    /// What JSON Feed 1.1 requires: version, title, items; each item an id and content_html or
    /// content_text; dates in RFC 3339.
    static func jsonFeedProblems(_ data: Data) -> [String] {
        guard let feed = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return ["not a JSON object"] }
        var problems: [String] = []
        func require(_ condition: Bool, _ problem: String) { if !condition { problems.append(problem) } }
        require(feed["version"] as? String == "https://jsonfeed.org/version/1.1", "version is not the 1.1 URL")
        require((feed["title"] as? String)?.isEmpty == false, "no title")
        require((feed["feed_url"] as? String)?.hasPrefix("https://") == true, "no absolute feed_url")
        require((feed["home_page_url"] as? String)?.hasPrefix("https://") == true, "no absolute home_page_url")
        guard let items = feed["items"] as? [[String: Any]] else { return problems + ["items is not an array of objects"] }
        for (index, item) in items.enumerated() {
            let at = "item \(index + 1)"
            require((item["id"] as? String)?.isEmpty == false, "\(at) has no id")
            require(item["content_html"] is String || item["content_text"] is String, "\(at) has neither content_html nor content_text")
            for key in ["date_published", "date_modified"] {
                require((item[key] as? String).map(isRFC3339) ?? true, "\(at): \(key) is not an RFC 3339 date")
            }
            require((item["url"] as? String)?.hasPrefix("https://") ?? true, "\(at): url is not absolute")
            require((item["authors"] as? [[String: Any]])?.allSatisfy { $0["name"] is String } ?? true, "\(at): an author without name")
        }
        return problems
    }

    /// The example portal and the sample site, built.
    static func builtSites() throws -> [(String, TempSite)] {
        let sample = try TempSite(files: SampleSite.files)
        let example = try TempSite(files: [:])
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: example.url("Content"))
        for site in [sample, example] {
            #expect(try Pipeline().run(BuildOptions(currentFolder: site.root)).published)
        }
        return [("sample site", sample), ("example portal", example)]
    }

    @Test("every Atom feed of the sample site and the example portal has the structure RFC 4287 requires")
    func atom() throws {
        for (name, site) in try Self.builtSites() {
            let feeds = site.files(under: "Public").filter { $0.hasSuffix("feed.xml") }
            #expect(feeds.count >= 5, "\(name)")
            for feed in feeds {
                let data = try #require(FileManager.default.contents(atPath: site.url("Public/\(feed)").path))
                #expect(Self.atomProblems(data) == [], "\(name): \(feed)")
            }
        }
    }

    @Test("every JSON feed of the sample site and the example portal has the fields JSON Feed 1.1 requires")
    func jsonFeed() throws {
        for (name, site) in try Self.builtSites() {
            let feeds = site.files(under: "Public").filter { $0.hasSuffix("feed.json") }
            #expect(feeds.count >= 5, "\(name)")
            for feed in feeds {
                let data = try #require(FileManager.default.contents(atPath: site.url("Public/\(feed)").path))
                #expect(Self.jsonFeedProblems(data) == [], "\(name): \(feed)")
            }
        }
    }

    @Test("the checks find what is wrong in broken feeds")
    func checksCanFail() {
        let valid = """
            <feed xmlns="http://www.w3.org/2005/Atom"><id>https://a.example/feed.xml</id><title>t</title>
            <updated>2021-05-21T00:00:00+08:00</updated><link rel="self" href="https://a.example/feed.xml"/><author><name>a</name></author>
            <entry><id>tag:a.example,2021:x</id><title>t</title><updated>2021-05-21T00:00:00+08:00</updated><link href="https://a.example/x/"/></entry>
            </feed>
            """
        #expect(Self.atomProblems(Data(valid.utf8)) == [])
        #expect(Self.atomProblems(Data(valid.replacingOccurrences(of: "<title>t</title>\n", with: "").utf8)) == ["the feed has 0 atom:title"])
        #expect(Self.atomProblems(Data(valid.replacingOccurrences(of: "<updated>2021-05-21T00:00:00+08:00</updated><link href", with: "<updated>2021-05-21</updated><link href").utf8))
            == ["entry 1: updated is not an RFC 3339 date", "the feed's updated is not its newest entry's"])
        #expect(Self.atomProblems(Data(valid.replacingOccurrences(of: "rel=\"self\"", with: "rel=\"related\"").utf8)) == ["no absolute link rel=self"])
        #expect(Self.atomProblems(Data(valid.replacingOccurrences(of: "<title>t</title>", with: "<title>a & b</title>").utf8)).first?.hasPrefix("not well-formed XML") == true)
        #expect(Self.jsonFeedProblems(Data(#"{"version":"https://jsonfeed.org/version/1","title":"t","feed_url":"https://a/","home_page_url":"https://a/","items":[{"id":"1"}]}"#.utf8))
            == ["version is not the 1.1 URL", "item 1 has neither content_html nor content_text"])
    }
}
