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

    /// Parses every template and checks that required templates and referenced partials exist.
    public static func load(_ theme: Theme) -> (TemplateLibrary, [Diagnostic]) {
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        var names = Set<String>()
        for template in theme.templates {
            do {
                library.register(try MustacheTemplate(string: template.text), named: template.name)
                names.insert(template.name)
            } catch let error as MustacheTemplate.ParserError {
                let context = error.context
                diagnostics.append(Diagnostic(
                    .templateSyntax(message: describe(error.error)),
                    at: SourceLocation(path: template.path, line: context.lineNumber, column: context.columnNumber),
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

    /// `{{> name}}` and `{{< name}}` tags, with their positions (1-based line, character column).
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        var references: [(String, Int, Int)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...].drop { $0 == " " }
                guard let sigil = afterOpen.first, sigil == ">" || sigil == "<",
                    let close = afterOpen.range(of: "}}")
                else {
                    rest = rest[open.upperBound...]
                    continue
                }
                let name = afterOpen[afterOpen.index(after: afterOpen.startIndex)..<close.lowerBound]
                    .trimmingCharacters(in: .whitespaces)
                if !name.isEmpty, !name.hasPrefix("*") {
                    references.append((name, index + 1, line.distance(from: line.startIndex, to: open.lowerBound) + 1))
                }
                rest = afterOpen[close.upperBound...]
            }
        }
        return references
    }

    /// Names that swift-mustache's transforms add (`{{#empty(list)}}`) and the current item (`.`).
    static let builtInNames: Set<String> = [".", "empty", "first", "last", "count", "index", "even", "odd", "reversed", "enumerated",
        "uppercased", "lowercased", "capitalized", "sorted", "plusone", "minusone", "equalzero", "positive", "negative", "numberFormatted"]

    /// Variable and section tags whose names no view has, with their positions (1-based line,
    /// character column). A name is checked part by part (`site.name`), inside a transform too
    /// (`empty(list)`). Partials, blocks, comments and closing tags name no variable; a template
    /// that changes its delimiters is not checked past that point.
    static func unknownNames(in text: String) -> [(name: String, line: Int, column: Int)] {
        var found: [(String, Int, Int)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let triple = rest[open.upperBound...].hasPrefix("{")
                let inner = rest[(triple ? rest.index(after: open.upperBound) : open.upperBound)...]
                guard let close = inner.range(of: "}}") else { break }
                var tag = inner[..<close.lowerBound].trimmingCharacters(in: .whitespaces)[...]
                rest = inner[close.upperBound...]
                if let sigil = tag.first {
                    if "!>/<$".contains(sigil) { continue }
                    if sigil == "=" { return found }
                    if "#^&".contains(sigil) { tag = tag.dropFirst().drop { $0 == " " } }
                }
                // `transform(name)`: the transform is swift-mustache's, the name is ours.
                if let parenthesis = tag.firstIndex(of: "("), tag.hasSuffix(")") {
                    tag = tag[tag.index(after: parenthesis)..<tag.index(before: tag.endIndex)]
                }
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                for part in tag.split(separator: ".", omittingEmptySubsequences: true) where tag != "." {
                    let name = String(part).trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty, !TemplateVocabulary.names.contains(name), !builtInNames.contains(name) {
                        found.append((name, index + 1, column))
                        break
                    }
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
