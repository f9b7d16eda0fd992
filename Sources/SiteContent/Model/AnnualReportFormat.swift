/// The national format of the 政府信息公开工作年度报告, as data: its six sections and its tables with
/// their row and column ids, labels and cell types. Transcribed from
/// `../shared/domain/annual-report-format.yaml` (国办公开办函〔2021〕30号 for report years from 2021;
/// the 试行 format 国办公开办函〔2019〕60号 for 2019 and 2020; free text before 2019).
public struct AnnualReportFormat: Sendable {
    /// `国办公开办函〔2021〕30号`
    public let number: String
    public let sections: [ReportSectionFormat]
    public let tables: [ReportTableFormat]

    /// The format of a report year, or nil before 2019 (free text, no tables to check).
    public static func forYear(_ year: Int) -> AnnualReportFormat? {
        if year >= 2021 { return format2021 }
        if year >= 2019 { return format2019 }
        return nil
    }

    public func table(_ id: String) -> ReportTableFormat? { tables.first { $0.id == id } }
}

/// One of the six sections, in their fixed order.
public struct ReportSectionFormat: Sendable {
    public let number: Int
    /// `一、总体情况`, exactly as the heading is written.
    public let heading: String
    /// The tables the section shows after its prose.
    public let tables: [String]
    /// Whether the section is prose the editor must write (sections 一, 五, 六).
    public var isProse: Bool { tables.isEmpty }
}

/// What a cell may hold.
public enum ReportCellType: Sendable {
    /// A whole number ≥ 0.
    case count
    /// A whole number that may be negative (本年增/减).
    case change
    /// A decimal ≥ 0 (本年收费金额, 万元).
    case amount
    /// Any text (采购总金额 in the 2019 format, which reports often write as 251000元).
    case text
}

/// A header cell of a table's column header, with the header cells under it.
public struct ReportHeader: Sendable {
    public let label: String
    /// The column id, for a header that is a data column.
    public let column: String?
    public let children: [ReportHeader]

    static func group(_ label: String, _ children: [ReportHeader]) -> ReportHeader {
        ReportHeader(label: label, column: nil, children: children)
    }

    static func column(_ id: String, _ label: String) -> ReportHeader {
        ReportHeader(label: label, column: id, children: [])
    }

    /// The data columns under this header, left to right.
    public var columns: [String] { column.map { [$0] } ?? children.flatMap(\.columns) }
    /// Rows of header cells under and including this one.
    public var depth: Int { 1 + (children.map(\.depth).max() ?? 0) }
}

/// A row label, with the rows grouped under it (三、本年度办理结果 > （三）不予公开 > 1.属于国家秘密).
public struct ReportRow: Sendable {
    public let id: String
    public let label: String
    /// Group rows have no figures of their own; their children do.
    public let children: [ReportRow]

    static func data(_ id: String, _ label: String) -> ReportRow { ReportRow(id: id, label: label, children: []) }
    static func group(_ id: String, _ label: String, _ children: [ReportRow]) -> ReportRow {
        ReportRow(id: id, label: label, children: children)
    }

    public var isData: Bool { children.isEmpty }
    /// The data rows under this row (itself, if it is one), top to bottom.
    public var dataRows: [ReportRow] { isData ? [self] : children.flatMap(\.dataRows) }
    /// Levels of row labels under and including this one.
    public var depth: Int { 1 + (children.map(\.depth).max() ?? 0) }
}

/// One table of the form.
public struct ReportTableFormat: Sendable {
    /// `t3`, the key in front matter.
    public let id: String
    /// `第二十条第（一）项`, `三、收到和处理政府信息公开申请情况`.
    public let caption: String
    /// The text of the top-left header cell (`信息内容`, or table 3's note on its identities).
    public let corner: String?
    public let header: [ReportHeader]
    public let rows: [ReportRow]
    public let cellType: ReportCellType
    /// Per-column types where they differ from `cellType`.
    public let columnTypes: [String: ReportCellType]

    public var columns: [String] { header.flatMap(\.columns) }
    public var dataRows: [ReportRow] { rows.flatMap(\.dataRows) }

    public func type(of column: String) -> ReportCellType { columnTypes[column] ?? cellType }

    public func label(ofColumn id: String) -> String? {
        func find(_ headers: [ReportHeader]) -> String? {
            for header in headers {
                if header.column == id { return header.label }
                if let found = find(header.children) { return found }
            }
            return nil
        }
        return find(header)
    }

    public func label(ofRow id: String) -> String? { allRows.first { $0.id == id }?.label }

    /// A column's label with the groups above it, as a reader finds it: `行政诉讼 / 复议后起诉 / 结果维持`.
    /// A single group over every column (table 3's 申请人情况) is left out, and so are groups of one
    /// level when the leaf alone is unambiguous (`商业企业`).
    public func path(ofColumn id: String) -> String {
        func find(_ headers: [ReportHeader], _ trail: [String]) -> [String]? {
            for header in headers {
                if header.column == id { return trail + [header.label] }
                if let found = find(header.children, trail + [header.label]) { return found }
            }
            return nil
        }
        guard var trail = find(header, []) else { return id }
        if header.count == 1, trail.count > 1 { trail.removeFirst() }
        let leaf = trail.last!
        let ambiguous = columns.filter { label(ofColumn: $0) == leaf }.count > 1
        return ambiguous ? trail.joined(separator: " / ") : leaf
    }

    var allRows: [ReportRow] {
        func flatten(_ rows: [ReportRow]) -> [ReportRow] { rows.flatMap { [$0] + flatten($0.children) } }
        return flatten(rows)
    }
}

// MARK: - 国办公开办函〔2021〕30号

extension AnnualReportFormat {
    static let sections2021: [ReportSectionFormat] = [
        ReportSectionFormat(number: 1, heading: "一、总体情况", tables: []),
        ReportSectionFormat(number: 2, heading: "二、主动公开政府信息情况", tables: ["t2_art20_1", "t2_art20_5", "t2_art20_6", "t2_art20_8"]),
        ReportSectionFormat(number: 3, heading: "三、收到和处理政府信息公开申请情况", tables: ["t3"]),
        ReportSectionFormat(number: 4, heading: "四、政府信息公开行政复议、行政诉讼情况", tables: ["t4"]),
        ReportSectionFormat(number: 5, heading: "五、存在的主要问题及改进情况", tables: []),
        ReportSectionFormat(number: 6, heading: "六、其他需要报告的事项", tables: []),
    ]

    /// Table 3's applicant columns.
    static let t3Header: [ReportHeader] = [
        .group("申请人情况", [
            .column("natural", "自然人"),
            .group("法人或其他组织", [
                .column("commercial", "商业企业"), .column("research", "科研机构"), .column("welfare", "社会公益组织"),
                .column("legal", "法律服务机构"), .column("other_org", "其他"),
            ]),
            .column("total", "总计"),
        ])
    ]

    /// Table 3's rows; `other` differs between the formats.
    static func t3Rows(other: ReportRow) -> [ReportRow] {
        [
            .data("new_received", "一、本年新收政府信息公开申请数量"),
            .data("carried_over", "二、上年结转政府信息公开申请数量"),
            .group("results", "三、本年度办理结果", [
                .data("granted", "（一）予以公开"),
                .data("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
                .group("denied", "（三）不予公开", [
                    .data("denied_state_secret", "1.属于国家秘密"),
                    .data("denied_law_prohibited", "2.其他法律行政法规禁止公开"),
                    .data("denied_safety", "3.危及“三安全一稳定”"),
                    .data("denied_third_party", "4.保护第三方合法权益"),
                    .data("denied_internal", "5.属于三类内部事务信息"),
                    .data("denied_process", "6.属于四类过程性信息"),
                    .data("denied_enforcement", "7.属于行政执法案卷"),
                    .data("denied_admin_query", "8.属于行政查询事项"),
                ]),
                .group("unable", "（四）无法提供", [
                    .data("unable_not_held", "1.本机关不掌握相关政府信息"),
                    .data("unable_needs_work", "2.没有现成信息需要另行制作"),
                    .data("unable_unclear", "3.补正后申请内容仍不明确"),
                ]),
                .group("not_processed", "（五）不予处理", [
                    .data("np_petition", "1.信访举报投诉类申请"),
                    .data("np_duplicate", "2.重复申请"),
                    .data("np_publication", "3.要求提供公开出版物"),
                    .data("np_excessive", "4.无正当理由大量反复申请"),
                    .data("np_confirm", "5.要求行政机关确认或重新出具已获取信息"),
                ]),
                other,
                .data("total_processed", "（七）总计"),
            ]),
            .data("carry_forward", "四、结转下年度继续办理"),
        ]
    }

    static let t3Corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

    static let t4: ReportTableFormat = {
        func outcomes(_ prefix: String) -> [ReportHeader] {
            [.column("\(prefix)_upheld", "结果维持"), .column("\(prefix)_corrected", "结果纠正"), .column("\(prefix)_other", "其他结果"),
             .column("\(prefix)_pending", "尚未审结"), .column("\(prefix)_total", "总计")]
        }
        return ReportTableFormat(
            id: "t4", caption: "四、政府信息公开行政复议、行政诉讼情况", corner: nil,
            header: [
                .group("行政复议", outcomes("review")),
                .group("行政诉讼", [.group("未经复议直接起诉", outcomes("direct")), .group("复议后起诉", outcomes("after"))]),
            ],
            rows: [.data("cases", "案件数量")], cellType: .count, columnTypes: [:])
    }()

    public static let format2021 = AnnualReportFormat(
        number: "国办公开办函〔2021〕30号",
        sections: sections2021,
        tables: [
            ReportTableFormat(
                id: "t2_art20_1", caption: "第二十条第（一）项", corner: "信息内容",
                header: [.column("issued", "本年制发件数"), .column("abolished", "本年废止件数"), .column("in_force", "现行有效件数")],
                rows: [.data("rules", "规章"), .data("normative", "行政规范性文件")], cellType: .count, columnTypes: [:]),
            ReportTableFormat(
                id: "t2_art20_5", caption: "第二十条第（五）项", corner: "信息内容",
                header: [.column("decisions", "本年处理决定数量")], rows: [.data("licensing", "行政许可")], cellType: .count, columnTypes: [:]),
            ReportTableFormat(
                id: "t2_art20_6", caption: "第二十条第（六）项", corner: "信息内容",
                header: [.column("decisions", "本年处理决定数量")],
                rows: [.data("penalty", "行政处罚"), .data("compulsion", "行政强制")], cellType: .count, columnTypes: [:]),
            ReportTableFormat(
                id: "t2_art20_8", caption: "第二十条第（八）项", corner: "信息内容",
                header: [.column("fee_amount", "本年收费金额（单位：万元）")], rows: [.data("admin_fees", "行政事业性收费")],
                cellType: .amount, columnTypes: [:]),
            ReportTableFormat(
                id: "t3", caption: "三、收到和处理政府信息公开申请情况", corner: t3Corner, header: t3Header,
                rows: t3Rows(other: .group("other", "（六）其他处理", [
                    .data("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
                    .data("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
                    .data("other_other", "3.其他"),
                ])),
                cellType: .count, columnTypes: [:]),
            t4,
        ])

    // MARK: - 国办公开办函〔2019〕60号 (试行)

    public static let format2019 = AnnualReportFormat(
        number: "国办公开办函〔2019〕60号",
        sections: sections2021.map { section in
            section.number == 2
                ? ReportSectionFormat(number: 2, heading: section.heading, tables: ["t2_art20_1", "t2_art20_5", "t2_art20_6", "t2_art20_8", "t2_art20_9"])
                : section
        },
        tables: [
            ReportTableFormat(
                id: "t2_art20_1", caption: "第二十条第（一）项", corner: "信息内容",
                header: [.column("made", "本年新制作数量"), .column("published", "本年新公开数量"), .column("total", "对外公开总数量")],
                rows: [.data("rules", "规章"), .data("normative", "规范性文件")], cellType: .count, columnTypes: [:]),
            ReportTableFormat(
                id: "t2_art20_5", caption: "第二十条第（五）项", corner: "信息内容",
                header: [.column("previous", "上一年项目数量"), .column("change", "本年增/减"), .column("decisions", "处理决定数量")],
                rows: [.data("licensing", "行政许可"), .data("other_services", "其他对外管理服务事项")],
                cellType: .count, columnTypes: ["change": .change]),
            ReportTableFormat(
                id: "t2_art20_6", caption: "第二十条第（六）项", corner: "信息内容",
                header: [.column("previous", "上一年项目数量"), .column("change", "本年增/减"), .column("decisions", "处理决定数量")],
                rows: [.data("penalty", "行政处罚"), .data("compulsion", "行政强制")], cellType: .count, columnTypes: ["change": .change]),
            ReportTableFormat(
                id: "t2_art20_8", caption: "第二十条第（八）项", corner: "信息内容",
                header: [.column("previous", "上一年项目数量"), .column("change", "本年增/减")],
                rows: [.data("admin_fees", "行政事业性收费")], cellType: .count, columnTypes: ["change": .change]),
            ReportTableFormat(
                id: "t2_art20_9", caption: "第二十条第（九）项", corner: "信息内容",
                header: [.column("count", "采购项目数量"), .column("amount", "采购总金额")],
                rows: [.data("central_procurement", "政府集中采购")], cellType: .count, columnTypes: ["amount": .text]),
            ReportTableFormat(
                id: "t3", caption: "三、收到和处理政府信息公开申请情况", corner: t3Corner, header: t3Header,
                rows: t3Rows(other: .data("other", "（六）其他处理")), cellType: .count, columnTypes: [:]),
            t4,
        ])
}
