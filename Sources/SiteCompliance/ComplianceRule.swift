import SiteContent
import SiteCore
import SiteGraph

/// What rules see: the linked site, the one "today" of the run (DISCLOSURE.md P4), the holiday
/// calendar with the years site.yaml adds, and the attachments' text.
public struct ComplianceContext: Sendable {
    public let graph: ContentGraph
    public let asOf: CalendarDate
    public let calendar: HolidayCalendar
    /// Office duty mobiles the personal-data scan never flags (site.yaml `privacy.allowed_numbers`).
    public let allowedNumbers: Set<String>
    /// An attachment's text and the path diagnostics name it by, given its path under Content/; nil
    /// when it cannot be read. Without a reader, attachments' contents are not scanned.
    public let attachmentText: (@Sendable (String) -> (path: String, text: String)?)?
    /// True when every document's source was checked already (`ComplianceChecker.checkSource`, which
    /// the build runs while a document's text is in memory): rules then skip those checks.
    public let sourcesChecked: Bool

    /// The calendar is the built-in one with site.yaml's `holidays:` years added.
    public init(
        graph: ContentGraph, asOf: CalendarDate, sourcesChecked: Bool = false,
        attachmentText: (@Sendable (String) -> (path: String, text: String)?)? = nil
    ) {
        self.graph = graph
        self.asOf = asOf
        self.calendar = HolidayCalendar.china.adding(graph.configuration.holidays.map {
            HolidayCalendar.Year(year: $0.year.value, confirmed: $0.confirmed, notice: $0.notice, rest: $0.rest, adjustedWorkdays: $0.adjustedWorkdays)
        })
        self.allowedNumbers = graph.configuration.allowedNumbers
        self.attachmentText = attachmentText
        self.sourcesChecked = sourcesChecked
    }

    /// What the checks of one document's source need.
    public var source: SourceContext {
        SourceContext(asOf: asOf, allowedNumbers: allowedNumbers, attachmentText: attachmentText)
    }
}

/// What checks of one document's own text see: its source (front matter and body) is kept only
/// until its body is rendered, so these checks run then, without the rest of the site.
public struct SourceContext: Sendable {
    public let asOf: CalendarDate
    /// Office duty mobiles the personal-data scan never flags (site.yaml `privacy.allowed_numbers`).
    public let allowedNumbers: Set<String>
    /// As in `ComplianceContext`.
    public let attachmentText: (@Sendable (String) -> (path: String, text: String)?)?

    public init(asOf: CalendarDate, allowedNumbers: Set<String>, attachmentText: (@Sendable (String) -> (path: String, text: String)?)? = nil) {
        self.asOf = asOf
        self.allowedNumbers = allowedNumbers
        self.attachmentText = attachmentText
    }
}

/// One rule of DISCLOSURE.md, checked against the whole site. Each rule lives in its own file under
/// `Rules/` and reports diagnostics with its own codes.
///
/// What a rule finds in a document's front-matter text or body goes in `checkSource`, which sees one
/// document at a time while its text is still in memory; `check` sees the linked site, where
/// documents may no longer carry their text, and calls `sourceFindings` to cover callers that did
/// not check the sources first.
public protocol ComplianceRule: Sendable {
    func check(_ context: ComplianceContext) -> [Diagnostic]
    /// Findings in one document's source text (`frontMatter`, `body`) and its attachments.
    func checkSource(_ document: Document, context: SourceContext) -> [Diagnostic]
}

extension ComplianceRule {
    public func checkSource(_ document: Document, context: SourceContext) -> [Diagnostic] { [] }

    /// `checkSource` over every document, unless the caller has run it already.
    func sourceFindings(_ context: ComplianceContext) -> [Diagnostic] {
        guard !context.sourcesChecked else { return [] }
        let source = context.source
        return context.graph.documents.concurrentMap { checkSource($0, context: source) }.flatMap { $0 }
    }
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
        FindabilityRules(),
        ReviewRules(),
        DisclosureReasonRule(),
        HolidayCalendarRule(),
        ProactiveTimeLimitRule(),
        InterpretationTimeLimitRule(),
        AdoptionTimeLimitRule(),
        PersonalDataRule(),
    ]

    public init(rules: [any ComplianceRule] = ComplianceChecker.standardRules) {
        self.rules = rules
    }

    /// The rules run side by side (each reads the graph only); their findings keep the rules' order.
    public func check(_ context: ComplianceContext) -> [Diagnostic] {
        Self.mergingCalendarGaps(rules.concurrentMap { $0.check(context) }.flatMap { $0 })
    }

    /// Every rule's findings in one document's source; then `check` with `sourcesChecked: true`.
    public func checkSource(_ document: Document, context: SourceContext) -> [Diagnostic] {
        rules.flatMap { $0.checkSource(document, context: context) }
    }

    /// One `time.calendar-missing` per set of missing years instead of one per time limit: a portal
    /// that carries documents from before 2018 would otherwise get one per document. The first
    /// place carries it, the next few are notes; each late finding says "provisional" itself.
    static func mergingCalendarGaps(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var gaps: [[Int]: [Diagnostic]] = [:]
        var others: [Diagnostic] = []
        for diagnostic in diagnostics {
            if case .calendarMissing(let years, _) = diagnostic.problem {
                gaps[years, default: []].append(diagnostic)
            } else {
                others.append(diagnostic)
            }
        }
        for (years, found) in gaps.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let sorted = found.sorted()
            var merged = Diagnostic(.calendarMissing(years: years, limits: sorted.count), at: sorted[0].location)
            let elsewhere = Set(sorted.compactMap(\.location)).subtracting(sorted[0].location.map { [$0] } ?? [])
            merged.related = elsewhere.sorted().prefix(5).map { Diagnostic.Related($0, note: "also provisional") }
            others.append(merged)
        }
        return others
    }
}
