import SiteCore
import SiteGraph

/// `catalog.index-number`: a 索引号's front part is the organisation code of the issuing organ
/// (its `org_code` in agencies.yaml), or the site's `organization_code` when the organ has none
/// (DISCLOSURE.md §2.3).
struct IndexNumberPrefixRule: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] {
        let graph = context.graph
        return graph.documents.compactMap { document in
            guard let number = document.indexNumber else { return nil }
            let issuer = document.issuers.first.flatMap { graph.agency($0.value) }
            let expected = issuer?.orgCode ?? graph.configuration.organizationCode
            guard number.value.prefix != expected else { return nil }
            return Diagnostic(.indexNumberPrefix(value: number.value.text, expectedPrefix: expected), at: number.location)
        }
    }
}
