import SiteContent
import SiteCore
import SiteGraph

/// An annual report against the rest of the site: the previous year's report (T3-CROSS-YEAR), the
/// site's own 行政规范性文件 (T2-CATALOG-MATCH), what a county may issue (T2-COUNTY-NO-RULES), its
/// deadline (条例 第四十九条) and the year's work plan. All warnings: the fix may lie elsewhere.
struct AnnualReportConsistencyRule: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] {
        let graph = context.graph
        let reports = graph.documents.filter { $0.annualReport?.year != nil }
        var diagnostics: [Diagnostic] = []
        for document in reports {
            let report = document.annualReport!
            let year = report.year!.value
            let issuer = document.issuers.first?.value
            // T3-CROSS-YEAR
            let previous = reports.first { $0.annualReport?.year?.value == year - 1 && graph.sameOrgan($0.issuers.first?.value, issuer) }
            // T2-STOCK-FLOW, where both years use the 2021 form (the 2019 form counts other things).
            if let previous, year - 1 >= 2021, let row = report.tables["t2_art20_1"]?["normative"],
                let before = previous.annualReport?.tables["t2_art20_1"]?["normative"],
                let inForce = row["in_force"].flatMap({ Int($0.value) }), let issued = row["issued"].flatMap({ Int($0.value) }),
                let abolished = row["abolished"].flatMap({ Int($0.value) }), let previousInForce = before["in_force"].flatMap({ Int($0.value) }),
                inForce != previousInForce + issued - abolished
            {
                diagnostics.append(Diagnostic(
                    .reportStockFlow(inForce: inForce, previousYear: year - 1, previousInForce: previousInForce, issued: issued, abolished: abolished),
                    at: row["in_force"]!.location))
            }
            if let previous, AnnualReportFormat.forYear(year - 1) != nil, let t3 = AnnualReportFormat.forYear(year)?.table("t3") {
                for column in t3.columns {
                    guard let carried = report.tables["t3"]?["carried_over"]?[column], let now = Int(carried.value),
                        let forward = previous.annualReport?.tables["t3"]?["carry_forward"]?[column].flatMap({ Int($0.value) }),
                        now != forward
                    else { continue }
                    diagnostics.append(Diagnostic(
                        .reportCrossYear(column: t3.label(ofColumn: column) ?? column, carriedOver: now, previousYear: year - 1, previousCarryForward: forward),
                        at: carried.location))
                }
            }
            // T2-COUNTY-NO-RULES: every organ this tool serves is at county level or below.
            let rulesColumn = year >= 2021 ? "issued" : "made"
            if let cell = report.tables["t2_art20_1"]?["rules"]?[rulesColumn], let issued = Int(cell.value), issued > 0 {
                diagnostics.append(Diagnostic(.reportCountyRules(issued: issued), at: cell.location))
            }
            if year >= 2021 { diagnostics += catalogMatch(document, year: year, graph: graph) }
            // Deadline: 1月31日 for departments, 3月31日 for the county government's report, and for
            // townships the day site.yaml sets (01-31 unless it says otherwise).
            if let published = document.published, let level = issuer.flatMap({ graph.agency($0)?.level }), level != .group {
                let township = graph.configuration.townshipReportDeadline
                let (month, day) = level == .countyGovernment || level == .countyOffice ? (3, 31) : level == .township ? township : (1, 31)
                let deadline = CalendarDate(year: year + 1, month: month, day: day)!
                if published.value > deadline {
                    diagnostics.append(Diagnostic(
                        .reportDeadline(year: year, deadline: deadline.description, published: published.value.description), at: published.location))
                }
            }
            // The year's 工作要点 of the same issuer is reported on, and linked.
            let plans = graph.documents.filter { plan in
                plan.isPublic && graph.sameOrgan(plan.issuers.first?.value, issuer) && plan.isDisclosureWorkPlan(year: year)
                    && !(graph.backlinks[plan.id] ?? []).contains(document.id)
            }
            for plan in plans {
                diagnostics.append(Diagnostic(.reportPlanLink(year: year, plan: plan.title.value), at: report.year!.location))
            }
        }
        return diagnostics
    }

    /// T2-CATALOG-MATCH: 本年制发件数, 本年废止件数 (when every ended document has a dated replacement)
    /// and 现行有效件数 of 行政规范性文件 against the catalog. The organ of
    /// a county government's report (issued by the government or its office) is both (`sameOrgan`).
    private func catalogMatch(_ document: Document, year: Int, graph: ContentGraph) -> [Diagnostic] {
        guard let issuer = document.issuers.first.flatMap({ graph.agency($0.value) }),
            let row = document.annualReport?.tables["t2_art20_1"]?["normative"]
        else { return [] }
        let organs = Set(graph.agencies.map(\.id).filter { graph.sameOrgan($0, issuer.id) })
        let normative = graph.documents.filter { document in
            document.policy?.normative == true && document.issuers.first.map { organs.contains($0.value) } == true
        }
        guard !normative.isEmpty, let yearEnd = CalendarDate(year: year, month: 12, day: 31) else { return [] }
        let issued = normative.count { $0.written?.value.year == year }
        // 废止 or 失效 in the year: known when the replacement's 成文日期 falls in it. A document no
        // longer in force without a dated replacement leaves the year unknown: no count then.
        let ended = normative.filter { $0.policy?.validity.map { $0.value != .inForce } == true }
        let endDates = ended.map { $0.policy?.supersededBy.flatMap { graph[$0.value] }?.written?.value }
        let abolished: Int? = endDates.allSatisfy { $0 != nil } ? endDates.count { $0?.year == year } : nil
        let inForce = normative.count { document in
            guard let written = document.written?.value, written <= yearEnd else { return false }
            if document.policy?.validity?.value == .inForce { return true }
            // Replaced after the year's end: still in force on 12-31.
            if let replacement = document.policy?.supersededBy.flatMap({ graph[$0.value] }), let date = replacement.written?.value {
                return date > yearEnd
            }
            return false
        }
        var diagnostics: [Diagnostic] = []
        for (column, label, count) in [("issued", "本年制发件数", issued), ("abolished", "本年废止件数", abolished), ("in_force", "现行有效件数", inForce)] {
            guard let count, let cell = row[column], let reported = Int(cell.value), reported != count else { continue }
            diagnostics.append(Diagnostic(.reportCatalogMatch(column: label, reported: reported, catalog: count), at: cell.location))
        }
        return diagnostics
    }
}
