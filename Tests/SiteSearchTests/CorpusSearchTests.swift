import Foundation
import SiteBuild
import SiteCore
import SiteTestSupport
import Testing

private let folder = Repository.root.appendingPathComponent("Tests/SiteSearchTests")

/// The corpus generator: `SITE_CORPUS_GENERATOR` if set, else the copy in Tests/Fixtures (taken
/// from the benchmarks' `../shared/bench/gen_corpus.py`, which a clone on a CI machine lacks). The
/// oracle derives every expectation from what the generator wrote, so a newer generator works too.
private let generator = ProcessInfo.processInfo.environment["SITE_CORPUS_GENERATOR"]
    ?? Repository.root.appendingPathComponent("Tests/Fixtures/gen_corpus.py").path

@Suite("Search over a generated corpus")
struct CorpusSearchTests {
    /// Documents generated (about nine in ten are public).
    static let size = 2_000
    /// Bytes one query may read at this size, with its first page of results. The budget is 300 kB
    /// at 10,000 documents; lists are about a fifth as long here. Fetching every list of a typed
    /// title takes 120–135 kB here (160–265 kB with the index and search.js before), choosing
    /// them as search.js does under 80 kB.
    static let budget = 100_000

    @Test("a generated corpus of 2,000 documents answers its query set as the oracle does, within the byte budget, and every candidate check agrees with the index")
    func generatedCorpus() throws {
        #expect(FileManager.default.fileExists(atPath: generator), "the corpus generator \(generator) (set SITE_CORPUS_GENERATOR)")
        let site = try TempSite(files: [:])
        let generate = try ExternalCommand.run(
            "python3", [generator, "--docs", "\(Self.size)", "--seed", "11", "--out", site.url("Content").path], hint: "python3 runs the corpus generator")
        #expect(generate.status == 0, "\(generate.stderr)")
        let report = try Pipeline().run(BuildOptions(asOf: CalendarDate(iso: "2026-11-22"), currentFolder: site.root))
        #expect(report.published)

        let run = try ExternalCommand.run(
            "python3", [folder.appendingPathComponent("corpus-queries.py").path, site.url("Public/search").path, site.url("Content").path],
            hint: "the oracle runs under python3 and the queries under Node.js")
        #expect(run.status == 0, "\(run.stderr)")
        let out = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let facts = try #require(out["facts"] as? [String: Any])
        let documents = facts["documents"] as? Int ?? 0
        #expect(documents > Self.size * 8 / 10 && documents == facts["public"] as? Int, "every public document is indexed: \(facts)")
        #expect(facts["newestFirst"] as? Bool == true, "documents are numbered newest first")
        let queries = try #require(out["queries"] as? [[String: Any]])
        #expect(queries.count == 12)
        for query in queries {
            let name = "\(query["name"] ?? "") (\(query["query"] ?? ""))"
            #expect(query["failures"] as? [String] == [], "\(name)")
            #expect((query["bytes"] as? Int ?? .max) < Self.budget, "\(name): \(query["bytes"] ?? "") bytes")
        }
        let names = queries.map { $0["name"] as? String ?? "" }
        #expect(queries[names.firstIndex(of: "nothing") ?? 0]["total"] as? Int == 0)
        #expect((queries.first?["total"] as? Int ?? 0) > 0, "the phrase is found")

        let check = try consistency(site.url("Public/search"))
        #expect(check.documents == documents)
        #expect(check.mismatches == [])
    }
}
