import Foundation
import SiteBuild
import SiteCore
import SiteExport
import SiteRender
import SiteTestSupport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A site's exports, made the way the pipeline makes them but without writing the site: the
/// analysis, the renderer's pages, then the exporter.
struct Exports {
    let site: TempSite
    let analysis: Pipeline.Analysis
    /// The exporter the files were made with, to make them again another way.
    let exporter: SiteExporter
    let files: [String: ExportFile]

    init(_ files: [String: String], data: [String: Data] = [:], baseURL: String? = nil) throws {
        site = try TempSite(files: files)
        for (path, bytes) in data { try site.write(path, bytes) }
        analysis = try Pipeline().analyse(BuildOptions(baseURL: baseURL, currentFolder: site.root))
        #expect(analysis.diagnostics.isEmpty, "\(analysis.diagnostics.map { "\($0.code) \($0.problem)" })")
        let graph = try #require(analysis.graph)
        let pages = PageRenderer(templates: analysis.templates, graph: graph, bodies: analysis.bodies).pages
        let content = site.url("Content")
        exporter = SiteExporter(graph: graph, bodies: analysis.bodies, pages: pages) { path in
            FileManager.default.contents(atPath: content.appendingPathComponent(path).path)
        }
        let exported = try exporter.files()
        self.files = Dictionary(uniqueKeysWithValues: exported.map { ($0.path.rawValue, $0) })
    }

    func file(_ path: String) throws -> ExportFile { try #require(files[path], "no export \(path)") }

    func text(_ path: String) throws -> String { try file(path).text }

    func xml(_ path: String) throws -> ParsedXML { try ParsedXML.parse(try file(path).data) }

    func json(_ path: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: try file(path).data)
        return try #require(object as? [String: Any], "\(path) is not a JSON object")
    }
}

/// An XML element read back with Foundation's XMLParser: what a feed reader would see.
final class ParsedXML {
    let name: String
    let namespace: String?
    let attributes: [String: String]
    var children: [ParsedXML] = []
    var text = ""

    init(name: String, namespace: String?, attributes: [String: String]) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
    }

    func all(_ name: String) -> [ParsedXML] { children.filter { $0.name == name } }
    func first(_ name: String) -> ParsedXML? { children.first { $0.name == name } }

    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses a document with namespaces processed; throws when it is not well-formed.
    static func parse(_ data: Data) throws -> ParsedXML {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseError(description: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "no root") at line \(parser.lineNumber)")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [ParsedXML] = []
        var root: ParsedXML?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let element = ParsedXML(name: elementName, namespace: namespaceURI, attributes: attributes)
            stack.last?.children.append(element)
            if stack.isEmpty { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

/// An RFC 3339 date-time (section 5.6), with its offset.
func isRFC3339(_ text: String) -> Bool {
    text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/) != nil
        && ISO8601DateFormatter().date(from: text) != nil
}
