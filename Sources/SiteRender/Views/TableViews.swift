/// A data table whose structure (merged cells, header ids) is worked out in Swift and whose markup
/// is the theme's (`partials/data-table`): the tables of the annual report's national form and a
/// plan's task decomposition table.
struct TableView {
    let id: String
    let caption: String
    let className: String
    let headRows: [TableRowView]
    let bodyRows: [TableRowView]
}

struct TableRowView {
    let cells: [TableCellView]
    let className: String?
}

/// A cell: a header cell (`th`) with its id and scope, or a data cell (`td`) naming its headers, so
/// a screen reader reads each figure with its row and column labels (GB/T 37668).
struct TableCellView {
    let header: Bool
    let text: String
    let id: String?
    /// `col`, `colgroup`, `row`, `rowgroup`.
    let scope: String?
    /// Nil when 1.
    let colspan: String?
    let rowspan: String?
    /// The ids of the header cells that label this data cell.
    let headers: String?
    let className: String?
    /// A date the text stands for (`2023年12月底前` → 2023-12-31).
    let datetime: String?
    /// Documents the cell links to (a task's evidence).
    let links: [LinkView]
}

/// One of the six sections of an annual report: its prose, then its tables.
struct ReportSectionView {
    let heading: String
    let id: String
    let proseHTML: String
    let tables: [TableView]
}

/// A work plan of the report's year, with how far its tasks got.
struct PlanSummaryView {
    let title: String
    let href: String
    let total: Int
    let counts: [StatusCountView]
    let tracksProgress: Bool
}

struct StatusCountView {
    let label: String
    let count: Int
}
