import SiteContent
import SiteCore
import SiteGraph

/// 先审后发 and 三审三校 (DISCLOSURE.md §6.7; seeds 003, 004): a public document's `review` names a
/// 保密审查 (`review.confidentiality`) and 初审, 复审, 终审 by three different people in date order
/// (`review.three-stages`), all on or before 发布日期. On a site with `review_records` set, a public
/// document without records is `review.missing`: an error when required, a warning when only
/// recommended (an imported archive). Records that are written are always checked.
struct ReviewRules: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] {
        let setting = context.graph.configuration.reviewRecords
        var diagnostics: [Diagnostic] = []
        for document in context.graph.documents where document.isPublic {
            guard let review = document.review else {
                if let setting { diagnostics.append(Diagnostic(.reviewMissing, at: document.headerLocation, severity: setting)) }
                continue
            }
            let severity = setting ?? .error
            for (problem, location) in Self.problems(review, published: document.published?.value) {
                diagnostics.append(Diagnostic(problem, at: location, severity: severity))
            }
        }
        return diagnostics
    }

    /// What is wrong with one record, each at the place to fix.
    static func problems(_ review: ReviewRecord, published: CalendarDate?) -> [(Problem, SourceLocation)] {
        var problems: [(Problem, SourceLocation)] = []
        if let confidentiality = review.confidentiality {
            if let published, confidentiality.on.value > published {
                problems.append((.reviewConfidentiality(detail: "dated \(confidentiality.on.value), after 发布日期 \(published)"), confidentiality.on.location))
            }
        } else {
            problems.append((.reviewConfidentiality(detail: "there is none"), review.location))
        }
        let names = review.stages.map(\.label)
        if names != ReviewRecord.stageNames {
            let written = names.isEmpty ? "none" : names.joined(separator: "、")
            problems.append((.reviewStages(detail: "the stages are \(written), not 初审、复审、终审"), review.location))
        }
        var signed: [String: String] = [:]
        for (index, stage) in review.stages.enumerated() {
            if let earlier = signed[stage.by.value] {
                problems.append((.reviewStages(detail: "'\(stage.by.value)' signs both \(earlier) and \(stage.label); three people review"), stage.by.location))
            } else {
                signed[stage.by.value] = stage.label
            }
            if index > 0, stage.on.value < review.stages[index - 1].on.value {
                let before = review.stages[index - 1]
                problems.append((.reviewStages(detail: "\(stage.label) on \(stage.on.value) comes before \(before.label) on \(before.on.value)"), stage.on.location))
            }
            if let published, stage.on.value > published {
                problems.append((.reviewStages(detail: "\(stage.label) on \(stage.on.value) is after 发布日期 \(published)"), stage.on.location))
            }
        }
        return problems
    }

    /// How far a public document's records go, for the count `site check` prints.
    enum State: String, CaseIterable, Sendable {
        case complete, incomplete, missing
    }

    static func state(of document: Document) -> State {
        guard let review = document.review else { return .missing }
        return problems(review, published: document.published?.value).isEmpty ? .complete : .incomplete
    }
}

extension ComplianceChecker {
    /// Public documents by the state of their review records: complete, incomplete, missing.
    public static func reviewCounts(_ graph: ContentGraph) -> [(state: String, count: Int)] {
        let states = graph.documents.filter(\.isPublic).map(ReviewRules.state)
        return ReviewRules.State.allCases.map { state in (state.rawValue, states.count { $0 == state }) }
    }
}
