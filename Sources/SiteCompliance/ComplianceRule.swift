import SiteCore
import SiteGraph

/// What rules see: the linked site and the one "today" of the run (DISCLOSURE.md P4).
public struct ComplianceContext: Sendable {
    public let graph: ContentGraph
    public let asOf: CalendarDate

    public init(graph: ContentGraph, asOf: CalendarDate) {
        self.graph = graph
        self.asOf = asOf
    }
}

/// One rule of DISCLOSURE.md, checked against the whole site. Each rule lives in its own file under
/// `Rules/` and reports diagnostics with its own codes.
public protocol ComplianceRule: Sendable {
    func check(_ context: ComplianceContext) -> [Diagnostic]
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
        AnnualReportTablesRule(),
        AnnualReportConsistencyRule(),
        AnnualReportSectionsRule(),
        PlanDeadlineRule(),
        InterpretationRules(),
        DisclosureReasonRule(),
    ]

    public init(rules: [any ComplianceRule] = ComplianceChecker.standardRules) {
        self.rules = rules
    }

    public func check(_ context: ComplianceContext) -> [Diagnostic] {
        rules.flatMap { $0.check(context) }
    }
}
