import SiteContent
import SiteCore
import SiteGraph

/// Task decomposition tables: every 完成时限 readable (`plan.deadline-format`), dated (`plan.deadline-vague`)
/// and in the plan's year (`plan.deadline-range`); and, in plans that track progress, no task past its
/// deadline without being 已完成 (`plan.overdue`) and no 已完成 without evidence (`plan.done-evidence`).
struct PlanDeadlineRule: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] {
        context.graph.documents.flatMap { document -> [Diagnostic] in
            guard let plan = document.plan, let year = (document.written ?? document.published)?.value.year else { return [] }
            var diagnostics: [Diagnostic] = []
            for (index, task) in plan.tasks.enumerated() {
                let name = String(task.number ?? index + 1)
                if let due = task.due {
                    switch TaskDeadline.parse(due.value, planYear: year, published: document.published?.value) {
                    case nil:
                        diagnostics.append(Diagnostic(.planDeadlineFormat(value: due.value), at: due.location))
                    case .vague:
                        diagnostics.append(Diagnostic(.planDeadlineVague(value: due.value), at: due.location))
                    case .date(let date):
                        if date.year != year && !due.value.contains("公布后") && !due.value.contains("印发后") {
                            diagnostics.append(Diagnostic(.planDeadlineRange(value: due.value, year: year), at: due.location))
                        }
                        if plan.tracksProgress, task.status?.value != .done, document.isPublic, date < context.asOf {
                            diagnostics.append(Diagnostic(.planOverdue(task: name, due: date.description), at: due.location))
                        }
                    case .ongoing:
                        break
                    }
                }
                if let status = task.status, status.value == .done, task.evidence.isEmpty, document.isPublic {
                    diagnostics.append(Diagnostic(.planDoneEvidence(task: name), at: status.location))
                }
            }
            return diagnostics
        }
    }
}
