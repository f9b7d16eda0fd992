import SiteContent
import SiteCore
import SiteGraph

/// What annual-report and plan pages show beyond a document's text.
extension PageRenderer {
    struct ReportParts {
        var format: String?
        var preamble: String?
        var sections: [ReportSectionView] = []
        var yearPlans: [PlanSummaryView] = []
    }

    /// An annual report's six sections in their fixed order, each with its prose and tables.
    func reportParts(_ document: Document) -> ReportParts {
        guard let report = document.annualReport, let year = report.year?.value else { return ReportParts() }
        var parts = ReportParts(yearPlans: yearPlans(of: document, year: year))
        guard let format = AnnualReportFormat.forYear(year) else { return parts }
        let prose = reportParts[document.id] ?? []
        parts.format = format.number
        parts.preamble = prose.first { $0.section == nil }?.html
        parts.sections = format.sections.map { section in
            ReportSectionView(
                heading: section.heading, id: "section-\(section.number)",
                // A heading written twice splits its section in two: both parts are shown.
                proseHTML: prose.filter { $0.section == section.number }.map(\.html).joined(),
                tables: section.tables.compactMap { format.table($0) }.map { TableBuilder.report($0, cells: report.tables[$0.id]) })
        }
        return parts
    }

    /// The year's 工作要点 of the report's issuer, with their progress (the seeds ask that each
    /// year's 要点 be reported on in that year's report).
    func yearPlans(of document: Document, year: Int) -> [PlanSummaryView] {
        let issuer = document.issuers.first?.value
        return graph.publicDocuments.compactMap { graph[$0] }.filter { plan in
            graph.sameOrgan(plan.issuers.first?.value, issuer) && plan.isDisclosureWorkPlan(year: year)
        }.map { plan in
            let tasks = plan.plan!.tasks
            return PlanSummaryView(
                title: plan.title.value, href: href(plan.id.page), total: tasks.count, counts: statusCounts(tasks),
                tracksProgress: plan.plan!.tracksProgress)
        }
    }

    func statusCounts(_ tasks: [PlanTask]) -> [StatusCountView] {
        TaskStatus.allCases.reversed().map { status in
            StatusCountView(label: status.chinese, count: tasks.count { $0.status?.value == status })
        }
    }

    struct PlanParts {
        var table: TableView?
        var counts: [StatusCountView] = []
        var tracks = false
        var overdue: [TaskView] = []
    }

    /// A plan's task table, its counts by status and its overdue tasks as of the build's date.
    func planParts(_ document: Document) -> PlanParts {
        guard let plan = document.plan, !plan.tasks.isEmpty else { return PlanParts() }
        let year = (document.written ?? document.published)?.value.year ?? asOf.year
        func deadline(_ task: PlanTask) -> CalendarDate? {
            guard let due = task.due, case .date(let date)? = TaskDeadline.parse(due.value, planYear: year, published: document.published?.value) else { return nil }
            return date
        }
        func isOverdue(_ task: PlanTask) -> Bool {
            plan.tracksProgress && task.status?.value != .done && (deadline(task).map { $0 < asOf } ?? false)
        }
        let table = TableBuilder.tasks(
            plan.tasks, caption: document.title.value.hasSuffix("任务分解表") ? document.title.value : "\(document.title.value) 任务分解表", units: unitNames, deadline: { deadline($0)?.description },
            overdue: isOverdue,
            evidence: { task in
                task.evidence.compactMap { graph[$0.value] }.filter(\.isPublic).map { LinkView(title: $0.title.value, href: href($0.id.page), current: false) }
            })
        let overdue = plan.tasks.enumerated().filter { isOverdue($0.element) }.map { taskView($0.element, index: $0.offset, year: year, published: document.published?.value) }
        return PlanParts(table: table, counts: statusCounts(plan.tasks), tracks: plan.tracksProgress, overdue: overdue)
    }

    func taskView(_ task: PlanTask, index: Int, year: Int, published: CalendarDate?) -> TaskView {
        var due: String?
        if let text = task.due?.value, case .date(let date)? = TaskDeadline.parse(text, planYear: year, published: published) {
            due = date.description
        }
        return TaskView(
            number: String(task.number ?? index + 1), area: task.area.joined(separator: " / "), task: task.task,
            lead: unitNames(task.lead), responsible: unitNames(task.responsible), due: task.due?.value ?? "",
            status: task.status?.value.chinese, dueDate: due)
    }
}
