/// What a document is; decides its template, its required keys and how it is checked.
public enum DocumentKind: String, Sendable, CaseIterable, Comparable, Codable {
    /// 政策文件, including 行政规范性文件 (`normative: true`).
    case policy
    /// 政策解读: explains one policy (`interprets`).
    case interpretation
    /// 规划 / 工作要点, with an optional task decomposition table (任务分解表).
    case plan
    /// 政府信息公开工作年度报告.
    case annualReport = "annual-report"
    /// 重大行政决策事项: one entry of the directory of major administrative decisions, linking the
    /// documents published about it (草案, 说明, 意见采纳情况, 决策结果 …).
    case decision
    /// Any other page: the 信息公开指南, a column's introduction, a work report.
    case page

    /// The Chinese name shown to citizens.
    public var chineseName: String {
        switch self {
        case .policy: "政策文件"
        case .interpretation: "政策解读"
        case .plan: "规划计划"
        case .annualReport: "政府信息公开工作年度报告"
        case .decision: "重大行政决策"
        case .page: "页面"
        }
    }

    /// Catalog entries carry the full catalog metadata (索引号, 发布机构, 成文日期 …). Pages and
    /// decision entries (whose items are the catalog entries) need not.
    public var isCatalogEntry: Bool { self != .page && self != .decision }

    public static func < (a: DocumentKind, b: DocumentKind) -> Bool { a.rawValue < b.rawValue }
}
