import Foundation
import SiteCore
import SiteTestSupport
import Testing

@testable import SiteContent

/// Seeded fuzzing of front matter, YAML and configuration decoding (see `Fuzz`): no input may crash
/// the decoder, and every diagnostic must point into the file it is about.
@Suite("Fuzzing documents and configuration")
struct ContentFuzzTests {
    /// Keeps the first failing input for replay, and says where it is.
    static func keep(_ text: String, _ name: String) -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("site-fuzz-\(name)")
        try? Data(text.utf8).write(to: url)
        return url.path
    }

    func check(_ diagnostics: [Diagnostic], in text: String, path: String, iteration: Int) -> Bool {
        let lines = YAMLReader.lineCount(text)
        for diagnostic in diagnostics {
            guard let location = diagnostic.location else { continue }
            if location.path != path || location.line > lines || location.line < 0 || location.column < 0 {
                Issue.record("iteration \(iteration): \(location) is outside the \(lines) lines of the input (\(diagnostic.code)), kept in \(Self.keep(text, "\(iteration).txt"))")
                return false
            }
        }
        return true
    }

    @Test("mutated documents: no crash, every diagnostic inside the file")
    func documents() {
        var fuzz = Fuzz(corpus: Fuzz.seeds(extension: ".md"), seed: Fuzz.seed)
        let decoder = DocumentDecoder(organizationCode: "11370921004336564T", fileExists: { !$0.contains("..") })
        var decoded = 0
        for iteration in 0..<Fuzz.iterations {
            let text = fuzz.next()
            let result = decoder.decode(id: "policies/fuzz", path: "Content/policies/fuzz.md", text: text)
            if result.document != nil { decoded += 1 }
            guard check(result.diagnostics, in: text, path: "Content/policies/fuzz.md", iteration: iteration) else { return }
        }
        // Mutations that leave a document decodable are part of the point: its values are checked too.
        #expect(decoded > Fuzz.iterations / 20)
    }

    @Test("mutated site.yaml, agencies.yaml and catalog.yaml: no crash, every diagnostic inside the file")
    func configuration() {
        var fuzz = Fuzz(corpus: Fuzz.seeds(extension: ".yaml"), seed: Fuzz.seed)
        for iteration in 0..<Fuzz.iterations {
            let text = fuzz.next()
            let found = ConfigurationDecoder.site(path: "Content/site.yaml", text: text).1
                + ConfigurationDecoder.agencies(path: "Content/site.yaml", text: text).1
                + ConfigurationDecoder.catalog(path: "Content/site.yaml", text: text).1
            guard check(found, in: text, path: "Content/site.yaml", iteration: iteration) else { return }
        }
    }
}
