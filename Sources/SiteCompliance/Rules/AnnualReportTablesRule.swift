import Foundation
import SiteContent
import SiteCore
import SiteGraph

/// The tables of each annual report against its national format (annual-report-format.yaml): every
/// cell present and of its type, no unknown id, and the identities of tables 3 and 4
/// (T3-BALANCE, T3-OUTCOME-SUM, T3-ROW-TOTAL, T4-*-TOTAL), each at the line of the cell concerned.
struct AnnualReportTablesRule: ComplianceRule {
    func check(_ context: ComplianceContext) -> [Diagnostic] {
        context.graph.documents.flatMap { document -> [Diagnostic] in
            guard let report = document.annualReport, let year = report.year?.value else { return [] }
            guard let format = AnnualReportFormat.forYear(year) else {
                return report.tables.isEmpty ? [] : [Diagnostic(.reportTablesIgnored(year: year), at: report.year!.location)]
            }
            return check(report, format: format, document: document)
        }
    }

    func check(_ report: AnnualReportDetails, format: AnnualReportFormat, document: Document) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let tables = report.tables

        // Ids the format does not have.
        for (tableID, rows) in tables.sorted(by: { $0.key < $1.key }) {
            guard let table = format.table(tableID) else {
                let location = rows.values.flatMap(\.values).map(\.location).min() ?? document.headerLocation
                diagnostics.append(Diagnostic(
                    .reportUnknownCell(path: tableID, suggestion: Suggestion.closest(to: tableID, among: format.tables.map(\.id))), at: location))
                continue
            }
            let rowIDs = table.dataRows.map(\.id)
            for (rowID, cells) in rows.sorted(by: { $0.key < $1.key }) {
                guard rowIDs.contains(rowID) else {
                    let location = cells.values.map(\.location).min() ?? document.headerLocation
                    diagnostics.append(Diagnostic(
                        .reportUnknownCell(path: "\(tableID) / \(rowID)", suggestion: Suggestion.closest(to: rowID, among: rowIDs).map { "\(tableID) / \($0)" }),
                        at: location))
                    continue
                }
                for (columnID, cell) in cells.sorted(by: { $0.key < $1.key }) where !table.columns.contains(columnID) {
                    diagnostics.append(Diagnostic(
                        .reportUnknownCell(
                            path: "\(tableID) / \(rowID) / \(columnID)",
                            suggestion: Suggestion.closest(to: columnID, among: table.columns).map { "\(tableID) / \(rowID) / \($0)" }),
                        at: cell.location))
                }
            }
        }

        // Every cell of every table, present and of its type.
        var numbers: [String: [String: [String: Located<Int>]]] = [:]
        for table in format.tables {
            for row in table.dataRows {
                for column in table.columns {
                    let rowLabel = row.label, columnLabel = table.path(ofColumn: column)
                    // YAML's null (`~`, `null`) is an empty cell too, not a value of the wrong type.
                    guard let cell = tables[table.id]?[row.id]?[column],
                        !["", "~", "null", "Null", "NULL"].contains(cell.value.trimmingCharacters(in: .whitespaces))
                    else {
                        diagnostics.append(Diagnostic(
                            .reportCellMissing(table: table.caption, row: rowLabel, column: columnLabel),
                            at: tables[table.id]?[row.id]?[column]?.location ?? rowLocation(tables[table.id]?[row.id]) ?? document.headerLocation))
                        continue
                    }
                    let text = cell.value.trimmingCharacters(in: .whitespaces)
                    switch table.type(of: column) {
                    case .count, .change:
                        let signed = table.type(of: column) == .change
                        guard let value = Int(text), signed || value >= 0 else {
                            diagnostics.append(Diagnostic(
                                .reportCellType(table: table.caption, row: rowLabel, column: columnLabel, value: text,
                                                expected: signed ? "a whole number" : "a whole number ≥ 0"),
                                at: cell.location))
                            continue
                        }
                        numbers[table.id, default: [:]][row.id, default: [:]][column] = Located(value, at: cell.location)
                    case .amount:
                        // Digits with an optional decimal part: not -1, 1e3, inf or nan.
                        if text.range(of: #"^[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) == nil {
                            diagnostics.append(Diagnostic(
                                .reportCellType(table: table.caption, row: rowLabel, column: columnLabel, value: text, expected: "an amount ≥ 0 in 万元"),
                                at: cell.location))
                        }
                    case .text:
                        break
                    }
                }
            }
        }

        diagnostics += identities(format, numbers: numbers)
        return diagnostics
    }

    /// The first cell written in a row, to point at when a cell of it is missing.
    private func rowLocation(_ cells: [String: Located<String>]?) -> SourceLocation? {
        cells?.values.map(\.location).min()
    }

    private func identities(_ format: AnnualReportFormat, numbers: [String: [String: [String: Located<Int>]]]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if let t3 = format.table("t3"), let grid = numbers["t3"] {
            func value(_ row: String, _ column: String) -> Located<Int>? { grid[row]?[column] }
            let applicants = t3.columns.filter { $0 != "total" }
            let outcomeRows = (t3.rows.first { $0.id == "results" }?.dataRows ?? []).filter { $0.id != "total_processed" }
            for column in t3.columns {
                let label = t3.path(ofColumn: column)
                // T3-BALANCE
                if let received = value("new_received", column), let carried = value("carried_over", column),
                    let processed = value("total_processed", column), let forward = value("carry_forward", column),
                    received.value + carried.value != processed.value + forward.value
                {
                    diagnostics.append(Diagnostic(
                        .reportT3Balance(column: label, newReceived: received.value, carriedOver: carried.value,
                                         processed: processed.value, carryForward: forward.value),
                        at: forward.location))
                }
                // T3-OUTCOME-SUM
                let outcomes = outcomeRows.compactMap { value($0.id, column)?.value }
                if let total = value("total_processed", column), outcomes.count == outcomeRows.count {
                    let sum = outcomes.reduce(0, +)
                    if sum != total.value {
                        diagnostics.append(Diagnostic(.reportT3OutcomeSum(column: label, total: total.value, sum: sum), at: total.location))
                    }
                }
            }
            // T3-ROW-TOTAL
            for row in t3.dataRows {
                let parts = applicants.compactMap { value(row.id, $0)?.value }
                guard let total = value(row.id, "total"), parts.count == applicants.count, parts.reduce(0, +) != total.value else { continue }
                diagnostics.append(Diagnostic(
                    .reportT3RowTotal(row: row.label, total: total.value, labels: applicants.map { t3.label(ofColumn: $0) ?? $0 }, values: parts),
                    at: total.location))
            }
        }
        if let t4 = format.table("t4"), let cells = numbers["t4"]?["cases"] {
            let groups: [(identity: String, prefix: String, label: String)] = [
                ("t4-review-total", "review", "行政复议"), ("t4-direct-total", "direct", "行政诉讼 / 未经复议直接起诉"),
                ("t4-after-total", "after", "行政诉讼 / 复议后起诉"),
            ]
            for group in groups {
                let columns = ["upheld", "corrected", "other", "pending"].map { "\(group.prefix)_\($0)" }
                let parts = columns.compactMap { cells[$0]?.value }
                guard let total = cells["\(group.prefix)_total"], parts.count == columns.count, parts.reduce(0, +) != total.value else { continue }
                diagnostics.append(Diagnostic(
                    .reportT4Total(identity: group.identity, group: group.label, total: total.value,
                                   labels: columns.map { t4.label(ofColumn: $0) ?? $0 }, values: parts),
                    at: total.location))
            }
        }
        return diagnostics
    }
}
