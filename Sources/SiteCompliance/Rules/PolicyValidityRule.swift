import SiteCore
import SiteGraph

/// `validity.missing`: every policy states its 有效性, which the catalog lists and the 现行有效 list
/// is built from (DISCLOSURE.md §3.2).
struct PolicyValidityRule: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] {
        let graph = context.graph
        return graph.documents.compactMap { document in
            guard let policy = document.policy, policy.validity == nil, !document.keys.contains("validity") else { return nil }
            return Diagnostic(.validityMissing, at: document.headerLocation)
        }
    }
}
