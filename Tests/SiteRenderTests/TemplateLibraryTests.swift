import SiteContent
import SiteCore
import Mustache
import Testing

@testable import SiteRender

/// A theme with every required template, each just naming itself, plus extra templates.
func theme(_ extra: [String: String] = [:], dropping: Set<String> = []) -> Theme {
    var templates: [String: String] = [:]
    for name in TemplateLibrary.required where !dropping.contains(name) { templates[name] = "{{title}}" }
    templates.merge(extra) { $1 }
    return Theme(
        templates: templates.sorted { $0.key < $1.key }.map { Theme.Template(name: $0.key, path: "Templates/\($0.key).mustache", text: $0.value) },
        assets: [])
}

@Suite("Templates")
struct TemplateLibraryTests {
    @Test("a complete theme loads without diagnostics")
    func complete() {
        let (_, diagnostics) = TemplateLibrary.load(theme())
        #expect(diagnostics.isEmpty)
    }

    @Test("a missing required template is reported with the file it should be")
    func missingTemplate() {
        let (_, diagnostics) = TemplateLibrary.load(theme(dropping: ["policy"]))
        #expect(diagnostics.map(\.problem) == [.templateMissing(name: "policy")])
        #expect(diagnostics.first?.location?.path == "Templates/policy.mustache")
    }

    @Test("a syntax error names the template, line and column")
    func syntaxError() {
        let (_, diagnostics) = TemplateLibrary.load(theme(["page": "<h1>{{title}}</h1>\n{{#document}}\n<p>{{summary}}</p>\n"]))
        #expect(diagnostics.map(\.code) == ["template.syntax"])
        #expect(diagnostics.first?.message == "template cannot be parsed: a section is never closed")
        #expect(diagnostics.first?.location?.path == "Templates/page.mustache")
        #expect(diagnostics.first?.location?.line == 4)
    }

    @Test("a partial that does not exist is reported where it is used")
    func missingPartial() {
        let (_, diagnostics) = TemplateLibrary.load(theme(["page": "<main>\n  {{> partials/metadata }}\n</main>"]))
        #expect(diagnostics.map(\.problem) == [.partialMissing(name: "partials/metadata")])
        #expect(diagnostics.first?.location == SourceLocation(path: "Templates/page.mustache", line: 2, column: 3))
    }

    @Test("an entry's {{{row}}} needs partials/entry-row: without it, it is reported where it is used")
    func rowNeedsItsPartial() {
        let list = "<table>\n{{#entries}}\n  {{{row}}}\n{{/entries}}\n</table>"
        let (_, missing) = TemplateLibrary.load(theme(["list": list]))
        #expect(missing.map(\.problem) == [.partialMissing(name: "partials/entry-row")])
        #expect(missing.first?.location == SourceLocation(path: "Templates/list.mustache", line: 3, column: 3))
        let (_, complete) = TemplateLibrary.load(theme(["list": list, "partials/entry-row": "<tr><td>{{title}}</td></tr>\n"]))
        #expect(complete.isEmpty)
    }

    @Test("a row is rendered once per document and kept, without the partial's last line break")
    func rowsRenderedOnce() {
        let rows = EntryRows()
        nonisolated(unsafe) var renders = 0
        let render = { () -> String in
            renders += 1
            return "<tr><td>甲</td></tr>\n"
        }
        #expect(rows.row("policies/a", render) == "<tr><td>甲</td></tr>")
        #expect(rows.row("policies/a", render) == "<tr><td>甲</td></tr>")
        #expect(renders == 1)
        #expect(rows.row("policies/b") { "<tr><td>乙</td></tr>\n\n" } == "<tr><td>乙</td></tr>\n")
    }

    @Test("a name no view has is reported at its tag, with the nearest known name; names, transforms and other tags pass")
    func unknownNames() {
        let text = "<h1>{{titl}}</h1>\n<p>{{{site.nme}}} {{#empty(attachments)}}无{{/empty(attachments)}} {{#document}}{{.}}{{/document}}</p>\n{{! {{nothing}} }}{{>partials/x}}{{$main}}{{/main}} {{^hasTasks}}{{&summary}}{{/hasTasks}}"
        let (_, diagnostics) = TemplateLibrary.load(theme(["page": text]))
        let unknown = diagnostics.filter { $0.code == "template.unknown-name" }
        #expect(unknown.map(\.problem) == [.templateUnknownName(name: "titl", suggestion: "title"), .templateUnknownName(name: "nme", suggestion: "name")])
        #expect(unknown.map(\.location) == [
            SourceLocation(path: "Templates/page.mustache", line: 1, column: 5), SourceLocation(path: "Templates/page.mustache", line: 2, column: 4),
        ])
        #expect(unknown.allSatisfy { $0.severity == .warning })
    }

    @Test("partial and parent references are found with their positions")
    func references() {
        let found = TemplateLibrary.partialReferences(in: "{{<base}}\n{{$main}} {{>partials/a}}{{/main}}\n{{#x}}{{/x}}")
        #expect(found.map(\.name) == ["base", "partials/a"])
        #expect(found.map(\.line) == [1, 2])
        #expect(found.map(\.column) == [1, 11])
    }

    @Test("values are HTML-escaped; only the body is not")
    func escaping() {
        let (library, _) = TemplateLibrary.load(theme(["page": "{{title}}|{{{bodyHTML}}}"]))
        let view = RelatedView(title: "<b>&\"", href: "/", documentNumber: nil, published: nil, forms: nil, kindName: "")
        #expect(library.render(view, with: "page") == "&lt;b&gt;&amp;&quot;|")
    }

    @Test("the theme's escaping gives what swift-mustache's own gives")
    func escapingMatchesMustache() throws {
        let values = [
            "", "政务公开", "no escape at all", "<script>alert('x')</script>", "A & B \"quoted\" 'single'", "宁政办发〔2021〕6号 <附件>",
            "&amp; already", "emoji 👩‍👩‍👧 & <", "\r\n<\r\n", "tail>",
        ]
        let (library, diagnostics) = TemplateLibrary.load(theme(["page": "{{#items}}[{{.}}]{{/items}}\n"]))
        #expect(diagnostics.isEmpty)
        var mustache = MustacheLibrary()
        mustache.register(try MustacheTemplate(string: "{{#items}}[{{.}}]{{/items}}\n"), named: "page")
        let expected = mustache.render(["items": values], withTemplate: "page")
        #expect(expected?.contains("&lt;script&gt;alert(&#39;x&#39;)") == true)
        #expect(library.render(["items": values], with: "page") == expected)
    }

    @Test("a '<' that a combining mark follows is escaped too")
    func escapingCombined() {
        #expect(EscapedHTML.escape("<\u{0338}") == "&lt;\u{0338}")
        #expect(EscapedHTML.escape("a\u{0301}\"") == "a\u{0301}&quot;")
    }
}
