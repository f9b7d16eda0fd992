import Foundation
import Mustache
import SiteContent
import SiteCore

/// The theme's templates, parsed once. Template problems are reported like content problems, with
/// the template file, line and column.
public struct TemplateLibrary: Sendable {
    /// The templates a theme must have: the layout, one per page type and one per document kind.
    public static let required = ["base", "home", "catalog", "section", "list", "facets", "normative", "decisions", "agency", "404", "search"] + DocumentKind.allCases.map(\.rawValue)

    private let library: MustacheLibrary
    public let names: Set<String>

    /// Put before every template, on a line of its own (which swift-mustache drops): escape
    /// variables with `EscapedHTML`. Template positions are reported as the file has them.
    static let pragma = "{{% CONTENT_TYPE: \(EscapedHTML.name)}}\n"

    /// Parses every template and checks that required templates and referenced partials exist.
    public static func load(_ theme: Theme) -> (TemplateLibrary, [Diagnostic]) {
        EscapedHTML.registered
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        var names = Set<String>()
        for template in theme.templates {
            do {
                library.register(try MustacheTemplate(string: pragma + template.text), named: template.name)
                names.insert(template.name)
            } catch let error as MustacheTemplate.ParserError {
                let context = error.context
                diagnostics.append(Diagnostic(
                    .templateSyntax(message: describe(error.error)),
                    at: SourceLocation(path: template.path, line: max(1, context.lineNumber - 1), column: context.columnNumber),
                    excerpt: context.line))
            } catch {
                diagnostics.append(Diagnostic(.templateSyntax(message: "\(error)"), at: .file(template.path)))
            }
        }
        let folder = theme.templates.first.map { String($0.path.dropLast($0.name.count + ".mustache".count)) } ?? "Templates/"
        for name in required where !names.contains(name) && !theme.templates.contains(where: { $0.name == name }) {
            diagnostics.append(Diagnostic(.templateMissing(name: name), at: .file("\(folder)\(name).mustache")))
        }
        for template in theme.templates {
            for use in unknownNames(in: template.text) {
                diagnostics.append(Diagnostic(
                    .templateUnknownName(name: use.name, suggestion: Suggestion.closest(to: use.name, among: TemplateVocabulary.names)),
                    at: SourceLocation(path: template.path, line: use.line, column: use.column)))
            }
            for reference in partialReferences(in: template.text) where !names.contains(reference.name) {
                diagnostics.append(Diagnostic(
                    .partialMissing(name: reference.name),
                    at: SourceLocation(path: template.path, line: reference.line, column: reference.column)))
            }
            // `{{{row}}}` prints an entry as `partials/entry-row` renders it (`EntryView.row`).
            for tag in tags(in: template.text) where tag.content == "row" && [nil, "{", "&"].contains(tag.sigil) && !names.contains(EntryRows.template) {
                diagnostics.append(Diagnostic(
                    .partialMissing(name: EntryRows.template), at: SourceLocation(path: template.path, line: tag.line, column: tag.column)))
            }
        }
        return (TemplateLibrary(library: library, names: names), diagnostics)
    }

    private init(library: MustacheLibrary, names: Set<String>) {
        self.library = library
        self.names = names
    }

    /// Renders a view with a template; nil when the template does not exist.
    public func render(_ view: Any, with name: String) -> String? {
        library.render(view, withTemplate: name)
    }

    /// A tag of a template: its sigil (`#`, `^`, `/`, `>`, `<`, `$`, `!`, `&`, `=`, or nothing for
    /// a variable; `{` for a triple-brace one), the text after it, and where it starts (1-based
    /// line, character column).
    struct Tag {
        var sigil: Character?
        var content: Substring
        var line: Int
        var column: Int
    }

    /// Every `{{…}}` and `{{{…}}}` tag, in order, read line by line (tags do not span lines in
    /// the themes this checks).
    static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let triple = rest[open.upperBound...].hasPrefix("{")
                let inner = rest[(triple ? rest.index(after: open.upperBound) : open.upperBound)...]
                guard let close = inner.range(of: "}}") else { break }
                var content = inner[..<close.lowerBound].drop { $0 == " " }
                var sigil: Character? = triple ? "{" : nil
                if !triple, let first = content.first, "#^/><$!&=".contains(first) {
                    sigil = first
                    content = content.dropFirst().drop { $0 == " " }
                }
                while content.last == " " { content = content.dropLast() }
                tags.append(Tag(sigil: sigil, content: content, line: index + 1, column: line.distance(from: line.startIndex, to: open.lowerBound) + 1))
                rest = inner[close.upperBound...]
            }
        }
        return tags
    }

    /// `{{> name}}` and `{{< name}}` tags, with their positions.
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        tags(in: text).compactMap { tag in
            guard tag.sigil == ">" || tag.sigil == "<", !tag.content.isEmpty, !tag.content.hasPrefix("*") else { return nil }
            return (String(tag.content), tag.line, tag.column)
        }
    }

    /// Names that swift-mustache's transforms add (`{{#empty(list)}}`) and the current item (`.`).
    static let builtInNames: Set<String> = [".", "empty", "first", "last", "count", "index", "even", "odd", "reversed", "enumerated",
        "uppercased", "lowercased", "capitalized", "sorted", "plusone", "minusone", "equalzero", "positive", "negative", "numberFormatted"]

    /// Variable and section tags whose names no view has, with their positions. A name is checked
    /// part by part (`site.name`), inside a transform too (`empty(list)`). Partials, blocks,
    /// comments and closing tags name no variable; a template that changes its delimiters is not
    /// checked past that point.
    static func unknownNames(in text: String) -> [(name: String, line: Int, column: Int)] {
        var found: [(String, Int, Int)] = []
        for tag in tags(in: text) {
            if tag.sigil == "=" { break }
            if let sigil = tag.sigil, "!></$".contains(sigil) { continue }
            var name = tag.content
            // `transform(name)`: the transform is swift-mustache's, the name is ours.
            if let parenthesis = name.firstIndex(of: "("), name.hasSuffix(")") {
                name = name[name.index(after: parenthesis)..<name.index(before: name.endIndex)]
            }
            guard name != "." else { continue }
            for part in name.split(separator: ".") {
                let part = String(part).trimmingCharacters(in: .whitespaces)
                if !part.isEmpty, !TemplateVocabulary.names.contains(part), !builtInNames.contains(part) {
                    found.append((part, tag.line, tag.column))
                    break
                }
            }
        }
        return found
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not closed with '}}'"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inherited section"
        case .illegalTokenInsideInheritSection: return "only block definitions may appear inside '{{<parent}}'"
        case .textInsideInheritSection: return "text is not allowed directly inside '{{<parent}}'; put it in a block"
        case .invalidConfigVariableSyntax: return "a pragma is malformed"
        case .unrecognisedConfigVariable: return "unknown pragma"
        }
    }
}
