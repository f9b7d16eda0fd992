import SiteCore
import SiteTestSupport
import Testing

@testable import SiteCompliance

private let policyPath = "Content/policies/gongkai.md"
private let interpretationPath = "Content/interpretations/gongkai-jd.md"

/// The sample policy written and published on other days.
private func policy(written: String, published: String) -> String {
    SampleSite.policy.replacing("written: 2021-05-10", "written: \(written)").replacing("published: 2021-05-12", "published: \(published)")
}

@Suite("Time limits in working days (DISCLOSURE.md §4)")
struct TimeLimitRuleTests {
    @Test("time.proactive-20wd: 20 working days from 成文日期 across 国庆 and the 10-09 调休 Saturday (§4.4)")
    func proactive() throws {
        // 2021-09-28 + 20 working days is 2021-11-01.
        #expect(try findings(ProactiveTimeLimitRule(), changes: [policyPath: policy(written: "2021-09-28", published: "2021-11-01")]) == [])
        let late = try findings(ProactiveTimeLimitRule(), changes: [policyPath: policy(written: "2021-09-28", published: "2021-11-02")])
        #expect(late == [Diagnostic(
            .proactiveLate(written: "2021-09-28", published: "2021-11-02", due: "2021-11-01", provisional: false), at: at(policyPath, 8, 12))])
        #expect(late.first?.severity == .warning)
        #expect(late.first?.message == "published 2021-11-02, later than 20 working days after 成文日期 2021-09-28 (due 2021-11-01)")
    }

    @Test("time.proactive-20wd across a year the calendar lacks: provisional, with time.calendar-missing naming the years")
    func provisional() throws {
        // Weekends only from 2026-12-15 on: 2026-12-10 + 20 is 2027-01-07.
        let late = try findings(
            ProactiveTimeLimitRule(), changes: [policyPath: policy(written: "2026-12-10", published: "2027-01-20")], asOf: "2027-02-01")
        #expect(late == [
            Diagnostic(.calendarMissing(years: [2026, 2027], limits: 1), at: at(policyPath, 8, 12)),
            Diagnostic(.proactiveLate(written: "2026-12-10", published: "2027-01-20", due: "2027-01-07", provisional: true), at: at(policyPath, 8, 12)),
        ])
        #expect(late.last?.message.hasSuffix("(due 2027-01-07, provisional)") == true)
        #expect(late.first?.message == "this time limit counts days the holiday calendar does not cover (2026, 2027): only weekends count as rest days there, so its result is provisional")
        // Published before 12-15: only covered days decide, so the answer is final and nothing is said.
        #expect(try findings(ProactiveTimeLimitRule(), changes: [policyPath: policy(written: "2026-12-01", published: "2026-12-10")]) == [])
        // Published on time, but the days that decide it run past 12-15 without a 2027 notice.
        #expect(try findings(ProactiveTimeLimitRule(), changes: [policyPath: policy(written: "2026-12-10", published: "2026-12-18")], asOf: "2026-12-20")
            == [Diagnostic(.calendarMissing(years: [2026], limits: 1), at: at(policyPath, 8, 12))])
    }

    @Test("a 2027 arrangement added in site.yaml makes the computation final and moves the deadline")
    func addedYear() throws {
        let site = SampleSite.siteYAML + """
            holidays:
              2027:
                confirmed: true
                notice: { number: "国办发明电〔2026〕9号" }
                holidays:
                  - { name: 元旦, rest: [2027-01-01, 2027-01-03], adjusted_workdays: [] }

            """
        // 01-01 is a rest day now, so the 20th working day is 01-08.
        let late = try findings(
            ProactiveTimeLimitRule(),
            changes: ["Content/site.yaml": site, policyPath: policy(written: "2026-12-10", published: "2027-01-20")], asOf: "2027-02-01")
        #expect(late == [Diagnostic(.proactiveLate(written: "2026-12-10", published: "2027-01-20", due: "2027-01-08", provisional: false), at: at(policyPath, 8, 12))])
        #expect(try findings(HolidayCalendarRule(), changes: ["Content/site.yaml": site], asOf: "2027-02-01") == [])
        let unnamed = site.replacing("    notice: { number: \"国办发明电〔2026〕9号\" }\n", "")
        #expect(try findings(HolidayCalendarRule(), changes: ["Content/site.yaml": unnamed], asOf: "2027-02-01")
            == [Diagnostic(.calendarNoNotice(year: 2027), at: at("Content/site.yaml", 11, 3))])
    }

    @Test("time.calendar-update: from 12-15, next year's arrangement is asked for (info)")
    func calendarUpdate() throws {
        #expect(try findings(HolidayCalendarRule(), asOf: "2026-12-14") == [])
        let due = try findings(HolidayCalendarRule(), asOf: "2026-12-15")
        #expect(due.map(\.problem) == [.calendarUpdate(year: 2027)])
        #expect(due.first?.severity == .info)
        // 2026 itself is in the calendar, so 2025-12-15 asks for nothing.
        #expect(try findings(HolidayCalendarRule(), asOf: "2025-12-15") == [])
    }

    @Test("interp.late: 3 working days from the policy, across 中秋 and 国庆 2023 with the 10-07 and 10-08 调休 weekend (§4.4)")
    func interpretation() throws {
        let policy = policy(written: "2023-09-27", published: "2023-09-27")
        let interpretation = { (published: String) in
            SampleSite.interpretation.replacing("written: 2021-05-12", "written: 2023-09-27").replacing("published: 2021-05-13", "published: \(published)")
        }
        #expect(try findings(InterpretationTimeLimitRule(), changes: [policyPath: policy, interpretationPath: interpretation("2023-10-08")]) == [])
        // Published with the policy, or before it, is on time.
        #expect(try findings(InterpretationTimeLimitRule(), changes: [policyPath: policy, interpretationPath: interpretation("2023-09-27")]) == [])
        let late = try findings(InterpretationTimeLimitRule(), changes: [policyPath: policy, interpretationPath: interpretation("2023-10-09")])
        #expect(late == [Diagnostic(
            .interpretationLate(policyPublished: "2023-09-27", published: "2023-10-09", due: "2023-10-08", provisional: false),
            at: at(interpretationPath, 7, 12))])
    }

    /// A decision whose result is the sample policy (published 2021-05-12), with this adoption item.
    private static func decision(adoption: String?) -> [String: String?] {
        let item = adoption.map { "  opinion_adoption: \($0)\n" } ?? ""
        return [
            "Content/decisions/d.md": """
                ---
                title: 示例县政务公开办法制定
                kind: decision
                issuer: xzf
                lead: [xzfb]
                year: 2021
                disclosure: 主动公开
                published: 2021-05-12
                catalog: [zcwj]
                items:
                  draft: policies/gongkai
                \(item)  result: policies/gongkai
                ---

                """,
        ]
    }

    private static func adoptionPage(published: String) -> String {
        """
        ---
        title: 意见采纳情况
        kind: page
        issuer: xzfb
        disclosure: 主动公开
        published: \(published)
        catalog: [zcwj]
        ---

        共收到意见3条，采纳2条。

        """
    }

    @Test("decision.adoption-late: 10 working days from the decision's result")
    func adoption() throws {
        // 2021-05-12 + 10 working days is 2021-05-26.
        var changes = Self.decision(adoption: "pages/yijian")
        changes["Content/pages/yijian.md"] = Self.adoptionPage(published: "2021-05-26")
        #expect(try findings(AdoptionTimeLimitRule(), changes: changes) == [])
        changes["Content/pages/yijian.md"] = Self.adoptionPage(published: "2021-05-27")
        #expect(try findings(AdoptionTimeLimitRule(), changes: changes) == [Diagnostic(
            .adoptionLate(resultPublished: "2021-05-12", published: "2021-05-27", due: "2021-05-26", provisional: false),
            at: at("Content/decisions/d.md", 12, 21))])
        // On another site: the date is not known here, so it is not judged.
        #expect(try findings(AdoptionTimeLimitRule(), changes: Self.decision(adoption: "https://www.example.gov.cn/yijian.html")) == [])
    }

    @Test("decision.adoption-late without an adoption item: late only once the time is up")
    func adoptionMissing() throws {
        let changes = Self.decision(adoption: nil)
        #expect(try findings(AdoptionTimeLimitRule(), changes: changes, asOf: "2021-05-26") == [])
        let late = try findings(AdoptionTimeLimitRule(), changes: changes, asOf: "2021-05-27")
        #expect(late == [Diagnostic(
            .adoptionLate(resultPublished: "2021-05-12", published: nil, due: "2021-05-26", provisional: false),
            at: at("Content/decisions/d.md", 12, 11))])
        #expect(late.first?.message == "意见采纳情况 is not published, and 10 working days after the decision (published 2021-05-12) ended 2021-05-26")
    }

    @Test("time.calendar-missing comes once per set of years, at the first place, with the next ones as notes")
    func mergedGaps() throws {
        let policy = policy(written: "2015-03-02", published: "2015-03-04")
        let interpretation = SampleSite.interpretation.replacing("written: 2021-05-12", "written: 2015-03-02").replacing("published: 2021-05-13", "published: 2015-03-09")
        let context = try contextFor(changes: [policyPath: policy, interpretationPath: interpretation])
        let found = ComplianceChecker(rules: [ProactiveTimeLimitRule(), InterpretationTimeLimitRule()]).check(context)
        #expect(found.count == 1)
        // Three limits: the policy's 20 days, the interpretation's 20 days and its 3 days after the policy.
        #expect(found.first?.problem == .calendarMissing(years: [2015], limits: 3))
        #expect(found.first?.location == at(interpretationPath, 7, 12))
        #expect(found.first?.related == [Diagnostic.Related(at(policyPath, 8, 12), note: "also provisional")])
        #expect(found.first?.message.hasPrefix("3 time limits count days the holiday calendar does not cover (2015), this one first") == true)
    }

    @Test("the verdict counts only the days that decide it")
    func verdict() {
        let calendar = HolidayCalendar.china
        let start = CalendarDate(iso: "2021-09-28")!
        #expect(calendar.verdict(CalendarDate(iso: "2021-11-01")!, within: 20, workingDaysAfter: start).met)
        #expect(!calendar.verdict(CalendarDate(iso: "2021-11-02")!, within: 20, workingDaysAfter: start).met)
        // Before the start: met, and no day is asked about.
        let early = calendar.verdict(CalendarDate(iso: "2026-12-20")!, within: 3, workingDaysAfter: CalendarDate(iso: "2026-12-30")!)
        #expect(early.met && !early.provisional)
    }
}
