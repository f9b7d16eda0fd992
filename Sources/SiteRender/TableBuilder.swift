import Foundation
import SiteContent
import SiteCore

/// Lays out the tables whose cells merge: the national form's tables (merged header cells, row groups
/// such as 三、本年度办理结果 spanning its 22 rows) and task tables (areas spanning their tasks).
enum TableBuilder {
    // MARK: Annual report tables

    static func report(_ table: ReportTableFormat, cells: [String: [String: Located<String>]]?) -> TableView {
        let prefix = table.id.replacingOccurrences(of: "_", with: "-")
        let depth = table.header.map(\.depth).max() ?? 1
        let labelColumns = table.rows.map(\.depth).max() ?? 1
        var headRows = Array(repeating: [TableCellView](), count: depth)
        var columnHeaders: [String: [String]] = [:]
        var counter = 0

        // The corner: a header of the label column in the simple tables, table 3's note otherwise.
        if labelColumns > 0 {
            let simple = depth == 1 && labelColumns == 1
            headRows[0].append(cell(
                header: simple, text: table.corner ?? "", id: simple ? "\(prefix)-corner" : nil, scope: simple ? "col" : nil,
                colspan: labelColumns, rowspan: depth, className: simple ? nil : "table-note"))
        }
        func place(_ nodes: [ReportHeader], level: Int, ancestors: [String]) {
            for node in nodes {
                counter += 1
                let id = "\(prefix)-c\(counter)"
                let span = node.columns.count
                headRows[level].append(cell(
                    header: true, text: node.label, id: id, scope: span > 1 ? "colgroup" : "col", colspan: span,
                    rowspan: node.children.isEmpty ? depth - level : 1))
                if let column = node.column { columnHeaders[column] = ancestors + [id] }
                place(node.children, level: level + 1, ancestors: ancestors + [id])
            }
        }
        place(table.header, level: 0, ancestors: [])

        var bodyRows: [TableRowView] = []
        func walk(_ rows: [ReportRow], level: Int, ancestors: [(row: ReportRow, id: String)]) {
            for row in rows {
                let id = "\(prefix)-r-\(row.id)"
                if !row.isData {
                    walk(row.children, level: level + 1, ancestors: ancestors + [(row, id)])
                    continue
                }
                var cellsOfRow: [TableCellView] = []
                // A group's label opens the first of its rows and spans them all.
                for (group, groupID) in ancestors where group.dataRows.first?.id == row.id {
                    cellsOfRow.append(cell(header: true, text: group.label, id: groupID, scope: "rowgroup", rowspan: group.dataRows.count))
                }
                cellsOfRow.append(cell(header: true, text: row.label, id: id, scope: "row", colspan: labelColumns - level))
                let rowHeaders = ancestors.map(\.id) + [id]
                for column in table.columns {
                    let value = cells?[row.id]?[column]?.value.trimmingCharacters(in: .whitespaces) ?? ""
                    cellsOfRow.append(cell(
                        header: false, text: value, headers: ((columnHeaders[column] ?? []) + rowHeaders).joined(separator: " "),
                        className: table.type(of: column) == .text ? nil : "num"))
                }
                bodyRows.append(TableRowView(cells: cellsOfRow, className: nil))
            }
        }
        walk(table.rows, level: 0, ancestors: [])
        return TableView(
            id: prefix, caption: table.caption, className: "report-table report-\(prefix)",
            headRows: headRows.map { TableRowView(cells: $0, className: nil) }, bodyRows: bodyRows)
    }

    // MARK: Task tables

    /// 序号, 工作任务 (one or two levels, merged down the tasks they group), 具体要求, 牵头单位 (when any
    /// task has one), 责任单位, 完成时限 (when any task has one), and 进展 with the evidence when the
    /// plan tracks progress. As in the printed tables, a unit or deadline shared by consecutive tasks
    /// of one group is one merged cell.
    static func tasks(
        _ tasks: [PlanTask], caption: String, units: ([Located<String>]) -> String, deadline: (PlanTask) -> String?,
        overdue: (PlanTask) -> Bool, evidence: (PlanTask) -> [LinkView]
    ) -> TableView {
        let areaDepth = min(2, tasks.map(\.area.count).max() ?? 0)
        let hasLead = tasks.contains { !$0.lead.isEmpty }
        let hasDue = tasks.contains { $0.due != nil }
        let tracks = tasks.contains { $0.status != nil }
        var head: [TableCellView] = [cell(header: true, text: "序号", id: "tasks-h-number", scope: "col")]
        if areaDepth > 0 {
            head.append(cell(header: true, text: "工作任务", id: "tasks-h-area", scope: areaDepth > 1 ? "colgroup" : "col", colspan: areaDepth))
        }
        head.append(cell(header: true, text: "具体要求", id: "tasks-h-task", scope: "col"))
        if hasLead { head.append(cell(header: true, text: "牵头单位", id: "tasks-h-lead", scope: "col")) }
        head.append(cell(header: true, text: "责任单位", id: "tasks-h-responsible", scope: "col"))
        if hasDue { head.append(cell(header: true, text: "完成时限", id: "tasks-h-due", scope: "col")) }
        if tracks { head.append(cell(header: true, text: "进展", id: "tasks-h-status", scope: "col")) }

        // For each level of area, the first task of the run of tasks that share it.
        var groupStart = Array(repeating: Array(tasks.indices), count: areaDepth)
        for level in 0..<areaDepth {
            for index in tasks.indices.dropFirst() where tasks[index].area.count > level && tasks[index - 1].area.count > level
                && tasks[index].area.prefix(level + 1) == tasks[index - 1].area.prefix(level + 1)
            {
                groupStart[level][index] = groupStart[level][index - 1]
            }
        }
        // Runs of equal, non-empty cells within one innermost group: the length at the run's first
        // task, 0 for the tasks it covers.
        func runs(_ value: (PlanTask) -> String) -> [Int] {
            var spans = Array(repeating: 1, count: tasks.count)
            var start = 0
            for index in tasks.indices.dropFirst() {
                let sameGroup = areaDepth == 0 || groupStart[areaDepth - 1][index] == groupStart[areaDepth - 1][index - 1]
                if sameGroup, !value(tasks[index]).isEmpty, value(tasks[index]) == value(tasks[start]) {
                    spans[start] += 1
                    spans[index] = 0
                } else {
                    start = index
                }
            }
            return spans
        }
        let leadRuns = runs { units($0.lead) }
        let responsibleRuns = runs { units($0.responsible) }
        let dueRuns = runs { task in (task.due?.value ?? "") + (overdue(task) ? " overdue" : "") }
        var rows: [TableRowView] = []
        for (index, task) in tasks.enumerated() {
            let rowID = "tasks-r\(index + 1)"
            var cells: [TableCellView] = [cell(header: true, text: String(task.number ?? index + 1), id: rowID, scope: "row")]
            var areaIDs: [String] = []
            for level in 0..<areaDepth {
                guard level < task.area.count else {
                    if level == 0 { cells.append(cell(header: false, text: "", colspan: areaDepth)) }
                    continue
                }
                let start = groupStart[level][index]
                let id = "tasks-a\(level + 1)-\(start + 1)"
                areaIDs.append(id)
                guard start == index else { continue }
                // A task with one level of area, among tasks with two, spans both columns.
                let span = level == task.area.count - 1 ? areaDepth - level : 1
                let length = groupStart[level].count { $0 == index }
                cells.append(cell(header: true, text: task.area[level], id: id, scope: "rowgroup", colspan: span, rowspan: length))
            }
            let rowHeaders = ([rowID] + areaIDs).joined(separator: " ")
            func data(_ text: String, _ column: String, datetime: String? = nil, className: String? = nil, links: [LinkView] = []) -> TableCellView {
                cell(header: false, text: text, headers: "tasks-h-\(column) \(rowHeaders)", className: className, datetime: datetime, links: links)
            }
            /// A cell merged down `span` tasks: it belongs to their group, not to one task's number.
            func merged(_ text: String, _ column: String, span: Int, datetime: String? = nil, className: String? = nil) -> TableCellView? {
                guard span > 0 else { return nil }
                guard span > 1 else { return data(text, column, datetime: datetime, className: className) }
                let headers = (["tasks-h-\(column)"] + areaIDs).joined(separator: " ")
                return cell(header: false, text: text, rowspan: span, headers: headers, className: className, datetime: datetime)
            }
            cells.append(data(task.task, "task", links: tracks ? [] : evidence(task)))
            if hasLead, let lead = merged(units(task.lead), "lead", span: leadRuns[index]) { cells.append(lead) }
            if let responsible = merged(units(task.responsible), "responsible", span: responsibleRuns[index]) { cells.append(responsible) }
            if hasDue, let due = merged(task.due?.value ?? "", "due", span: dueRuns[index], datetime: deadline(task), className: overdue(task) ? "overdue" : nil) {
                cells.append(due)
            }
            if tracks {
                cells.append(data(
                    task.status?.value.chinese ?? "", "status",
                    className: task.status.map { "status-\($0.value == .done ? "done" : $0.value == .inProgress ? "in-progress" : "not-started")" },
                    links: evidence(task)))
            }
            rows.append(TableRowView(cells: cells, className: overdue(task) ? "overdue" : nil))
        }
        return TableView(id: "tasks", caption: caption, className: "task-table", headRows: [TableRowView(cells: head, className: nil)], bodyRows: rows)
    }

    // MARK: Cells

    private static func cell(
        header: Bool, text: String, id: String? = nil, scope: String? = nil, colspan: Int = 1, rowspan: Int = 1,
        headers: String? = nil, className: String? = nil, datetime: String? = nil, links: [LinkView] = []
    ) -> TableCellView {
        TableCellView(
            header: header, text: text, id: id, scope: scope, colspan: colspan > 1 ? String(colspan) : nil,
            rowspan: rowspan > 1 ? String(rowspan) : nil, headers: headers, className: className, datetime: datetime, links: links)
    }
}
