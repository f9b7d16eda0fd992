import SiteContent
import SiteCore
import SiteGraph

/// 条例 第二十六条: proactive information is published within 20 working days of being made
/// (`time.proactive-20wd`), counted from 成文日期 (DISCLOSURE.md §4.3). A warning: the only fix is to
/// publish faster next time (P2).
struct ProactiveTimeLimitRule: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for document in context.graph.documents where document.isPublic {
            guard let written = document.written?.value, let published = document.published else { continue }
            let verdict = context.calendar.verdict(published.value, within: 20, workingDaysAfter: written)
            diagnostics += verdict.findings(at: published.location) { due, provisional in
                .proactiveLate(written: "\(written)", published: "\(published.value)", due: due, provisional: provisional)
            }
        }
        // 形成或者变更之日: each change runs its own 20 working days.
        for document in context.graph.documents where document.isPublic {
            for change in document.changes {
                let verdict = context.calendar.verdict(change.published.value, within: 20, workingDaysAfter: change.date.value)
                diagnostics += verdict.findings(at: change.published.location) { due, provisional in
                    .changeLate(changed: "\(change.date.value)", published: "\(change.published.value)", due: due, provisional: provisional)
                }
            }
        }
        return diagnostics
    }
}

/// Seeds 001 and 002: an interpretation is published within 3 working days of its policy
/// (`interp.late`). Published before the policy or with it (同步) is on time.
struct InterpretationTimeLimitRule: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] {
        let graph = context.graph
        var diagnostics: [Diagnostic] = []
        for document in graph.documents where document.isPublic {
            guard let target = document.interpretation?.interprets?.value, let policy = graph[target], policy.isPublic,
                  let policyPublished = policy.published?.value, let published = document.published
            else { continue }
            let verdict = context.calendar.verdict(published.value, within: 3, workingDaysAfter: policyPublished)
            diagnostics += verdict.findings(at: published.location) { due, provisional in
                .interpretationLate(policyPublished: "\(policyPublished)", published: "\(published.value)", due: due, provisional: provisional)
            }
        }
        return diagnostics
    }
}

/// Seed 004: for a 重大行政决策, how the public's opinions were collected and adopted
/// (意见收集和采纳情况) is published within 10 working days of the decision (`decision.adoption-late`),
/// counted from the publication of its result. Both must be documents of the site for the dates to
/// be known; an item on another site is not judged. With no adoption item at all, the limit is
/// missed once the as-of date is past the deadline.
struct AdoptionTimeLimitRule: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] {
        let graph = context.graph
        var diagnostics: [Diagnostic] = []
        for document in graph.documents where document.isPublic {
            guard let details = document.decision else { continue }
            let items = Dictionary(details.items.map { ($0.item, $0.target) }, uniquingKeysWith: { first, _ in first })
            guard let result = items[.result], case .document(let resultID) = result.value,
                  let resultPublished = graph[resultID]?.published?.value
            else { continue }
            let adoption = items[.opinionAdoption]
            let published: CalendarDate?
            switch adoption?.value {
            case .document(let id)?:
                guard let date = graph[id]?.published?.value else { continue }
                published = date
            case .external?:
                continue
            case nil:
                published = nil
            }
            // Not yet published: judged as if published today, so it is late only once the time is up.
            let verdict = context.calendar.verdict(published ?? context.asOf, within: 10, workingDaysAfter: resultPublished)
            diagnostics += verdict.findings(at: adoption?.location ?? result.location) { due, provisional in
                .adoptionLate(resultPublished: "\(resultPublished)", published: published.map { "\($0)" }, due: due, provisional: provisional)
            }
        }
        return diagnostics
    }
}

/// The years site.yaml adds to the holiday calendar name their notice (`time.calendar-notice`), and
/// from 12-15 on, next year's arrangement is asked for (`time.calendar-update`, info): the State
/// Council publishes it in November or December (DISCLOSURE.md §4.2).
struct HolidayCalendarRule: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] {
        let configuration = context.graph.configuration
        var diagnostics = configuration.holidays.filter { $0.notice == nil }.map {
            Diagnostic(.calendarNoNotice(year: $0.year.value), at: $0.year.location)
        }
        let today = context.asOf
        if let cutoff = CalendarDate(year: today.year, month: 12, day: 15), today >= cutoff, !context.calendar.hasYear(today.year + 1) {
            diagnostics.append(Diagnostic(.calendarUpdate(year: today.year + 1), at: configuration.location))
        }
        return diagnostics
    }
}

extension HolidayCalendar.Verdict {
    /// The late finding (`late(due, provisional)`) when the limit was missed, and
    /// `time.calendar-missing` when the answer rests on days the calendar does not cover.
    func findings(at location: SourceLocation, late: (_ due: String, _ provisional: Bool) -> Problem) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if !met { found.append(Diagnostic(late("\(deadline)", provisional), at: location)) }
        if provisional { found.append(Diagnostic(.calendarMissing(years: missingYears, limits: 1), at: location)) }
        return found
    }
}
