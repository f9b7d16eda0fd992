import SiteCore
import SiteGraph

/// One rule of DISCLOSURE.md, checked against the whole graph. Each rule lives in its own file under
/// `Rules/` and reports diagnostics with its own code.
public protocol ComplianceRule: Sendable {
    func check(_ graph: ContentGraph) -> [Diagnostic]
}

/// Runs every rule.
public struct ComplianceChecker: Sendable {
    public let rules: [any ComplianceRule]

    /// The rules a site gets by default.
    public static let standardRules: [any ComplianceRule] = [
        IndexNumberPrefixRule(),
        IndexNumberYearRule(),
        DocumentNumberYearRule(),
        NormativeDocumentNumberRule(),
        PolicyValidityRule(),
    ]

    public init(rules: [any ComplianceRule] = ComplianceChecker.standardRules) {
        self.rules = rules
    }

    public func check(_ graph: ContentGraph) -> [Diagnostic] {
        rules.flatMap { $0.check(graph) }
    }
}
