import Foundation
import SiteBuild
import SiteCore
import SiteTestSupport
import Testing

/// Runs Python 3 on a script, for the checks done with other implementations than ours: the
/// `jsonschema` package (JSON Schema draft 2020-12) and the standard `csv` module.
/// `script/install-dependencies` installs both; a missing one fails the test, naming the command.
enum Python {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `python3 -c script arguments…` and returns its standard output, with its exit status.
    static func run(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let run = try ExternalCommand.run("python3", ["-c", script] + arguments, hint: "run script/install-dependencies --test")
        if run.status == 3 {
            throw Missing(description: "the Python package jsonschema is missing: run script/install-dependencies --test (pip install jsonschema)")
        }
        if run.status != 0 && run.status != 1 {
            throw Missing(description: "python3 failed with status \(run.status): \(run.stderr)")
        }
        return (run.status, run.stdout)
    }

    /// Validates a JSON file against a schema with jsonschema's Draft202012Validator, after
    /// checking the schema itself; prints one line per error (`path [keyword] message`), exits 1 on
    /// errors.
    static let validate = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            sys.exit(3)
        with open(sys.argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        with open(sys.argv[2], encoding="utf-8") as f:
            document = json.load(f)
        errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
        for error in errors:
            print("/".join(str(p) for p in error.absolute_path) + " [" + error.validator + "] " + error.message)
        sys.exit(1 if errors else 0)
        """

    /// Reads a CSV file with the csv module (as Excel's dialect, BOM removed by utf-8-sig) and
    /// prints its rows as JSON.
    static let readCSV = """
        import csv, json, sys
        with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
            print(json.dumps(list(csv.reader(f)), ensure_ascii=False))
        """
}

// Issue 6, item 5: catalog.json validates against its schema; catalog.csv reads back.
@Suite("Catalog schema and CSV, checked with Python")
struct SchemaTests {
    static let schema = Repository.root.appendingPathComponent("docs/catalog.schema.json")

    func errors(_ catalog: Data) throws -> [String] {
        let site = try TempSite(files: ["catalog.json": String(decoding: catalog, as: UTF8.self)], defaultTheme: false)
        let (status, output) = try Python.run(Python.validate, [Self.schema.path, site.url("catalog.json").path])
        let lines = output.split(separator: "\n").map(String.init)
        #expect((status == 0) == lines.isEmpty)
        return lines
    }

    @Test("catalog.json of the sample site and of the example portal validates against docs/catalog.schema.json")
    func validates() throws {
        let sample = try Exports(CatalogTests.files)
        #expect(try errors(try #require(sample.files["catalog.json"]).data) == [])
        let example = try TempSite(files: [:])
        try FileManager.default.copyItem(at: Repository.root.appendingPathComponent("Content"), to: example.url("Content"))
        #expect(try Pipeline().run(BuildOptions(currentFolder: example.root)).published)
        let data = try #require(FileManager.default.contents(atPath: example.url("Public/catalog.json").path))
        #expect(try errors(data) == [])
    }

    @Test("the schema refuses a catalog.json that breaks it")
    func refuses() throws {
        let sample = try Exports(CatalogTests.files)
        var catalog = try sample.json("catalog.json")
        var entries = try #require(catalog["entries"] as? [[String: Any]])
        entries[0]["validity"] = "现行有效"  // a plan has no 有效性
        entries[1].removeValue(forKey: "summary")
        entries[1]["index_number"] = "11370921004336564T/21-4"
        var attachments = try #require(entries[2]["attachments"] as? [[String: Any]])
        attachments[0]["sha256"] = "9101FC82"
        entries[2]["attachments"] = attachments
        entries[2]["kind_name"] = "规划计划"
        catalog["entries"] = entries
        catalog["generated"] = "2024-01-01T00:00:00Z"
        let data = try JSONSerialization.data(withJSONObject: catalog)
        // Where and by which keyword each mutation is refused (a oneOf message quotes the whole entry).
        let errors = try errors(data)
        #expect(errors.map { String($0.prefix { $0 != "]" }) + "]" } == [
            " [additionalProperties]",
            "entries/0/validity [const]",
            "entries/1 [required]",
            "entries/1/index_number [pattern]",
            "entries/2 [oneOf]",
            "entries/2/attachments/0/sha256 [pattern]",
        ])
        #expect(errors.first == " [additionalProperties] Additional properties are not allowed ('generated' was unexpected)")
    }

    @Test("Python's csv module reads catalog.csv back into the values of catalog.json")
    func csvReadsBack() throws {
        let sample = try Exports(CatalogTests.files)
        let csv = try #require(sample.files["catalog.csv"]).data
        let site = try TempSite(files: [:], defaultTheme: false)
        try site.write("catalog.csv", csv)
        let (status, output) = try Python.run(Python.readCSV, [site.url("catalog.csv").path])
        #expect(status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String]])
        let entries = try #require(try sample.json("catalog.json")["entries"] as? [[String: Any]])
        #expect(rows.count == entries.count + 1)
        let header = rows[0]
        #expect(header.count == 24 && rows.allSatisfy { $0.count == 24 })
        for (row, entry) in zip(rows.dropFirst(), entries) {
            let field = Dictionary(uniqueKeysWithValues: zip(header, row))
            #expect(field["索引号"] == entry["index_number"] as? String)
            #expect(field["标题"] == entry["title"] as? String)
            #expect(field["文号"] == (entry["document_number"] as? String ?? ""))
            #expect(field["内容概述"] == (entry["summary"] as? String ?? ""))
            #expect(field["网址"] == entry["url"] as? String)
            #expect(field["主题分类"] == (entry["topics"] as? [String])?.joined(separator: ";"))
            let attachments = entry["attachments"] as? [[String: Any]] ?? []
            #expect(field["附件SHA-256"] == attachments.compactMap { $0["sha256"] as? String }.joined(separator: ";"))
            #expect(field["附件大小（字节）"] == attachments.compactMap { ($0["size"] as? Int).map(String.init) }.joined(separator: ";"))
        }
        #expect(rows[1][1] == #"2021年示例县"互联网+政务服务",政务公开工作要点"#)
        #expect(rows[3][15] == #"规范政务公开，明确"五公开"。"#)
    }
}
