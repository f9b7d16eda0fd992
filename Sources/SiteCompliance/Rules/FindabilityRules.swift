import Foundation
import SiteContent
import SiteCore
import SiteGraph

/// What lets a reader find and follow a public document: a place in the 主动公开目录
/// (`catalog.unlisted`; an item of a 重大行政决策 is found through its decision), the policy an
/// interpretation explains (`interp.unlinked`), and no text `site new` left for the editor to
/// replace (`content.placeholder`). Warnings: the site is still correct, but incomplete.
struct FindabilityRules: ComplianceRule {
    /// What `DocumentScaffold` and `SiteEditor` write in place of a title and a body.
    static let placeholders = ["（请填写标题）", "（正文）"]

    func check(_ context: ComplianceContext) -> [Diagnostic] {
        let graph = context.graph
        var decisionItems: Set<DocumentID> = []
        for decision in graph.documents where decision.isPublic {
            for (_, target) in decision.decision?.items ?? [] {
                if case .document(let id) = target.value { decisionItems.insert(id) }
            }
        }
        var diagnostics: [Diagnostic] = []
        for document in graph.documents where document.isPublic {
            if document.catalog.isEmpty, !decisionItems.contains(document.id) {
                diagnostics.append(Diagnostic(.catalogUnlisted, at: document.headerLocation))
            }
            if let interpretation = document.interpretation, interpretation.interprets == nil {
                diagnostics.append(Diagnostic(.interpretationUnlinked, at: document.headerLocation))
            }
            for placeholder in Self.placeholders where document.title.value.contains(placeholder) {
                diagnostics.append(Diagnostic(.placeholderText(text: placeholder), at: document.title.location))
            }
        }
        return diagnostics + sourceFindings(context)
    }

    func checkSource(_ document: Document, context: SourceContext) -> [Diagnostic] {
        guard document.isPublic else { return [] }
        return Self.placeholders.compactMap { placeholder in
            Self.line(of: placeholder, in: document.body).map {
                Diagnostic(.placeholderText(text: placeholder), at: SourceLocation(path: document.path, line: document.bodyLine + $0, column: 1))
            }
        }
    }

    /// The 0-based line of the body that is the placeholder alone.
    static func line(of placeholder: String, in body: String) -> Int? {
        // Most bodies do not hold the text at all: look for its bytes before splitting into lines.
        guard ByteSearch.contains(body, placeholder) else { return nil }
        return body.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.trimmingCharacters(in: .whitespaces) == placeholder }
    }
}
