import SiteCore
import SiteGraph

/// `validity.no-number`: a 行政规范性文件 is registered and numbered, so it has a 文号
/// (DISCLOSURE.md §3.2).
struct NormativeDocumentNumberRule: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] {
        let graph = context.graph
        return graph.documents.compactMap { document in
            guard document.policy?.normative == true, document.documentNumber == nil,
                !document.keys.contains("document_number")
            else { return nil }
            return Diagnostic(.normativeWithoutNumber, at: document.headerLocation)
        }
    }
}
