import Foundation
import SiteBuild
import SiteContent
import SiteCore
import SiteTestSupport
import Testing

/// An annual report of the sample site with the given figures; every cell not given is 0.
/// The normative row matches the sample site's one normative policy of 2021, and section 六 links
/// the 2021 plan, so only what a test changes is reported.
func reportDocument(
    year: Int = 2021, published: String = "2022-03-25", t3: [String: [String: Int]] = [:], t4: [String: Int] = [:],
    extra: String = "要点落实情况见[工作要点](../plans/2021-yaodian.md)。"
) -> String {
    let format = AnnualReportFormat.forYear(year)!
    var lines = [
        "---", "title: 示例县人民政府\(year)年政府信息公开工作年度报告", "kind: annual-report", "issuer: xzfb",
        "index_number: 11370921004336564T/\(year + 1)-00001", "written: \(published)", "published: \(published)",
        "disclosure: 主动公开", "catalog: [ghxx]", "year: \(year)", "tables:",
    ]
    for table in format.tables {
        lines.append("  \(table.id):")
        for row in table.dataRows {
            let cells = table.columns.map { column -> String in
                var value: Int = table.id == "t3" ? (t3[column]?[row.id] ?? 0) : table.id == "t4" ? (t4[column] ?? 0) : 0
                if table.id == "t2_art20_1", row.id == "normative", column != "abolished" { value = column == "issued" && year != 2021 ? 0 : 1 }
                return "\(column): \(value)"
            }
            lines.append("    \(row.id): {\(cells.joined(separator: ", "))}")
        }
    }
    lines += ["---", "", "## 一、总体情况", "", "概述。", "", "## 五、存在的主要问题及改进情况", "", "问题。", "", "## 六、其他需要报告的事项", "", extra, ""]
    return lines.joined(separator: "\n")
}

func diagnostics(_ files: [String: String], asOf: String = "2026-11-22") throws -> [Diagnostic] {
    let site = try TempSite(files: files)
    let report = try Pipeline().run(BuildOptions(writeOutput: false, asOf: CalendarDate(iso: asOf), currentFolder: site.root))
    return report.diagnostics.sorted
}

@Suite("Annual reports")
struct AnnualReportTests {
    // The test vectors at the end of annual-report-format.yaml.
    static let t3Valid: [String: [String: Int]] = [
        "natural": ["new_received": 10, "carried_over": 2, "granted": 4, "partially_granted": 1, "denied_process": 1,
                    "unable_not_held": 2, "np_duplicate": 1, "other_no_correction": 1, "total_processed": 10, "carry_forward": 2],
        "commercial": ["new_received": 3, "carried_over": 0, "granted": 2, "unable_needs_work": 1, "total_processed": 3, "carry_forward": 0],
        "total": ["new_received": 13, "carried_over": 2, "granted": 6, "partially_granted": 1, "denied_process": 1,
                  "unable_not_held": 2, "unable_needs_work": 1, "np_duplicate": 1, "other_no_correction": 1,
                  "total_processed": 13, "carry_forward": 2],
    ]
    static let t4Valid: [String: Int] = [
        "review_upheld": 5, "review_corrected": 0, "review_other": 0, "review_pending": 2, "review_total": 7,
        "direct_upheld": 8, "direct_corrected": 0, "direct_other": 0, "direct_pending": 1, "direct_total": 9,
        "after_upheld": 0, "after_corrected": 0, "after_other": 0, "after_pending": 0, "after_total": 0,
    ]

    @Test("the valid test vectors of table 3 and table 4 give no violation")
    func validVectors() throws {
        let found = try diagnostics(SampleSite.files.merging(["Content/reports/2021.md": reportDocument(t3: Self.t3Valid, t4: Self.t4Valid)]) { $1 })
        #expect(found.filter { $0.code.hasPrefix("report.") }.map(\.code) == [])
    }

    @Test("the invalid test vector gives exactly T3-BALANCE/natural and T3-ROW-TOTAL/carry_forward")
    func invalidVector() throws {
        var t3 = Self.t3Valid
        t3["natural"]!["carry_forward"] = 1
        let found = try diagnostics(SampleSite.files.merging(["Content/reports/2021.md": reportDocument(t3: t3, t4: Self.t4Valid)]) { $1 })
        #expect(found.map(\.problem) == [
            .reportT3Balance(column: "自然人", newReceived: 10, carriedOver: 2, processed: 10, carryForward: 1),
            .reportT3RowTotal(row: "四、结转下年度继续办理", total: 2, labels: ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], values: [1, 0, 0, 0, 0, 0]),
        ])
        #expect(found.first?.message == "三、收到和处理政府信息公开申请情况 / 自然人: 新收 10 + 上年结转 2 = 12, but 办理结果总计 10 + 结转下年度 1 = 11")
        // At the line of the offending value: the carry_forward row, the natural column, then its total.
        #expect(found.map { $0.location!.line } == [47, 47])
        #expect(found.map { $0.location!.column } == [30, 104])
    }

    @Test("T3-OUTCOME-SUM and the table 4 totals")
    func outcomeAndT4() throws {
        var t3 = Self.t3Valid
        t3["commercial"]!["granted"] = 1
        t3["commercial"]!["denied_internal"] = 0
        var t4 = Self.t4Valid
        t4["after_total"] = 1
        let found = try diagnostics(SampleSite.files.merging(["Content/reports/2021.md": reportDocument(t3: t3, t4: t4)]) { $1 })
        #expect(found.map(\.message) == [
            "三、收到和处理政府信息公开申请情况 / （一）予以公开: 总计 is 6, but 自然人 4 + 商业企业 1 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 5",
            "三、收到和处理政府信息公开申请情况 / 商业企业: （七）总计 is 3, but the outcomes （一）to（六） add up to 2",
            "四、政府信息公开行政复议、行政诉讼情况 / 行政诉讼 / 复议后起诉: 总计 is 1, but 结果维持 0 + 结果纠正 0 + 其他结果 0 + 尚未审结 0 = 0",
        ])
        #expect(found.map(\.code) == ["report.t3-row-total", "report.t3-outcome-sum", "report.t4-after-total"])
    }

    @Test("a null cell is empty; an amount is digits with an optional decimal part", arguments: [
        ("~", "第二十条第（八）项 / 行政事业性收费 / 本年收费金额（单位：万元） is empty; the form requires every cell, 0 included"),
        ("null", "第二十条第（八）项 / 行政事业性收费 / 本年收费金额（单位：万元） is empty; the form requires every cell, 0 included"),
        (".inf", "第二十条第（八）项 / 行政事业性收费 / 本年收费金额（单位：万元） is '.inf', which is not an amount ≥ 0 in 万元"),
        ("1.2e3", "第二十条第（八）项 / 行政事业性收费 / 本年收费金额（单位：万元） is '1.2e3', which is not an amount ≥ 0 in 万元"),
        ("12.50", nil),
    ])
    func amountCells(_ written: String, _ message: String?) throws {
        let text = reportDocument(t3: Self.t3Valid, t4: Self.t4Valid)
            .replacingOccurrences(of: "admin_fees: {fee_amount: 0}", with: "admin_fees: {fee_amount: \(written)}")
        let found = try diagnostics(SampleSite.files.merging(["Content/reports/2021.md": text]) { $1 })
        #expect(found.map(\.message) == (message.map { [$0] } ?? []))
    }

    @Test("an empty cell, a negative figure and an unknown id are errors")
    func cells() throws {
        let text = reportDocument(t3: Self.t3Valid, t4: Self.t4Valid)
            .replacingOccurrences(of: "rules: {issued: 0,", with: "rules: {issued: ,")
            .replacingOccurrences(of: "licensing: {decisions: 0}", with: "licensing: {decisions: -3}")
            .replacingOccurrences(of: "admin_fees: {fee_amount: 0}", with: "admin_fees: {fee_amount: 0, fee_amont: 1}")
        let found = try diagnostics(SampleSite.files.merging(["Content/reports/2021.md": text]) { $1 })
        #expect(found.map(\.message) == [
            "第二十条第（一）项 / 规章 / 本年制发件数 is empty; the form requires every cell, 0 included",
            "第二十条第（五）项 / 行政许可 / 本年处理决定数量 is '-3', which is not a whole number ≥ 0",
            "the report's format has no 't2_art20_8 / admin_fees / fee_amont'",
        ])
        #expect(found.last?.hint == "did you mean 't2_art20_8 / admin_fees / fee_amount'?")
    }

    @Test("T3-CROSS-YEAR: what one report carries forward, the next carries over")
    func crossYear() throws {
        // 2022 carries over 3 where 2021 carried 2 forward; the 2022 table itself balances.
        var t3in2022 = Self.t3Valid
        t3in2022["natural"]!["carried_over"] = 3
        t3in2022["natural"]!["new_received"] = 9
        t3in2022["total"]!["carried_over"] = 3
        t3in2022["total"]!["new_received"] = 12
        var files = SampleSite.files
        files["Content/reports/2021.md"] = reportDocument(t3: Self.t3Valid, t4: Self.t4Valid)
        files["Content/reports/2022.md"] = reportDocument(year: 2022, published: "2023-03-20", t3: t3in2022, t4: Self.t4Valid)
        let found = try diagnostics(files)
        #expect(found.map(\.problem) == [
            .reportCrossYear(column: "自然人", carriedOver: 3, previousYear: 2021, previousCarryForward: 2),
            .reportCrossYear(column: "总计", carriedOver: 3, previousYear: 2021, previousCarryForward: 2),
        ])
        #expect(found.first?.severity == .warning)
    }

    @Test("a report after 3月31日 is late; the year's 要点 must be linked; a prose section must be there")
    func deadlineAndPlan() throws {
        var files = SampleSite.files
        // The sample plan is 2021年示例县政务公开工作要点 by xzfb, as is the report.
        files["Content/reports/2021.md"] = reportDocument(published: "2022-04-01", t3: Self.t3Valid, t4: Self.t4Valid, extra: "无。")
            .replacingOccurrences(of: "## 五、存在的主要问题及改进情况", with: "## 五、问题")
        let found = try diagnostics(files)
        #expect(found.map(\.code) == ["report.section-missing", "report.deadline", "report.plan-link"])
        #expect(found.map(\.message) == [
            "the report has no section '五、存在的主要问题及改进情况'",
            "the 2021 report was published on 2022-04-01, after its deadline 2022-03-31",
            "the 2021 report does not link the 2021 work plan 《2021年示例县政务公开工作要点》",
        ])
        files["Content/reports/2021.md"] = reportDocument(t3: Self.t3Valid, t4: Self.t4Valid)
        #expect(try diagnostics(files).isEmpty)
    }

    @Test("the year's work plan is also one titled 关于做好2021年…政务公开工作的通知, and the county government and its office are one organ")
    func workPlanAndOrgan() throws {
        var files = SampleSite.files
        files["Content/plans/2021-yaodian.md"] = SampleSite.plan.replacingOccurrences(
            of: "title: 2021年示例县政务公开工作要点", with: "title: 示例县人民政府办公室关于做好2021年全县政务公开工作的通知")
        // The report is issued by the government, the plan by its office: still the year's plan.
        files["Content/reports/2021.md"] = reportDocument(t3: Self.t3Valid, t4: Self.t4Valid, extra: "无。")
            .replacingOccurrences(of: "issuer: xzfb", with: "issuer: xzf")
        #expect(try diagnostics(files).map(\.message) == [
            "the 2021 report does not link the 2021 work plan 《示例县人民政府办公室关于做好2021年全县政务公开工作的通知》",
        ])
        files["Content/reports/2021.md"] = reportDocument(t3: Self.t3Valid, t4: Self.t4Valid).replacingOccurrences(of: "issuer: xzfb", with: "issuer: xzf")
        let site = try TempSite(files: files)
        let built = try Pipeline().run(BuildOptions(asOf: CalendarDate(iso: "2026-11-22"), currentFolder: site.root))
        #expect(built.diagnostics.isEmpty)
        #expect(site.read("Public/reports/2021/index.html")?.contains("2021年政务公开工作要点落实情况") == true)
    }

    @Test("T2-CATALOG-MATCH leaves out another county's office that agencies.yaml keeps for reposted documents")
    func catalogMatchOtherCounty() throws {
        var files = SampleSite.files
        files["Content/agencies.yaml"] = SampleSite.agenciesYAML + "- id: qtxzfb\n  name: 邻县人民政府办公室\n  short: 邻县政府办公室\n  level: county-office\n"
        files["Content/policies/linxian.md"] = SampleSite.policy
            .replacingOccurrences(of: "issuer: xzfb", with: "issuer: qtxzfb")
            .replacingOccurrences(of: "示政办规〔2021〕3号", with: "邻政办规〔2021〕1号")
            .replacingOccurrences(of: "11370921004336564T/2021-00003", with: "11370921004336564T/2021-00030")
        files["Content/reports/2021.md"] = reportDocument(t3: Self.t3Valid, t4: Self.t4Valid)
        #expect(try diagnostics(files).filter { $0.code == "report.t2-catalog-match" }.isEmpty)
    }

    @Test("T2-STOCK-FLOW: this year's documents in force are last year's plus those issued minus those repealed")
    func stockFlow() throws {
        var files = SampleSite.files
        files["Content/reports/2021.md"] = reportDocument(t3: Self.t3Valid, t4: Self.t4Valid)
        // 2022: 1 in force at the end of 2021, 2 issued, 0 repealed, but 2 reported in force.
        files["Content/reports/2022.md"] = reportDocument(year: 2022, published: "2023-03-20", t3: Self.t3Valid, t4: Self.t4Valid)
            .replacingOccurrences(of: "normative: {issued: 0, abolished: 0, in_force: 1}", with: "normative: {issued: 2, abolished: 0, in_force: 2}")
        let found = try diagnostics(files).filter { $0.code == "report.t2-stock-flow" }
        #expect(found.map(\.message) == ["第二十条第（一）项 / 行政规范性文件 / 现行有效件数 is 2, but the 2021 report's 1 + 本年制发 2 − 本年废止 0 = 3"])
        #expect(found.first?.severity == .warning)
    }

    @Test("T2-CATALOG-MATCH counts 本年废止件数 from the replacements' dates, when every ended document has one")
    func catalogMatchAbolished() throws {
        var files = SampleSite.files
        files["Content/policies/old.md"] = SampleSite.repealed
        files["Content/reports/2021.md"] = reportDocument(t3: Self.t3Valid, t4: Self.t4Valid)
        #expect(try diagnostics(files).filter { $0.code == "report.t2-catalog-match" }.map(\.message) == [
            "第二十条第（一）项 / 行政规范性文件 / 本年废止件数 is 0, but the site's catalog holds 1",
        ])
        files["Content/reports/2021.md"] = reportDocument(t3: Self.t3Valid, t4: Self.t4Valid)
            .replacingOccurrences(of: "normative: {issued: 1, abolished: 0, in_force: 1}", with: "normative: {issued: 1, abolished: 1, in_force: 1}")
        #expect(try diagnostics(files).filter { $0.code == "report.t2-catalog-match" }.isEmpty)
        // Repealed without a replacement: the year is unknown, so 本年废止件数 is not compared.
        files["Content/policies/old.md"] = files["Content/policies/old.md"]!.replacingOccurrences(of: "\nsuperseded_by: policies/gongkai", with: "")
        files["Content/reports/2021.md"] = reportDocument(t3: Self.t3Valid, t4: Self.t4Valid)
        #expect(try diagnostics(files).filter { $0.code == "report.t2-catalog-match" }.isEmpty)
    }

    @Test("a report from before 2019 is free text: tables in it are reported as not read")
    func tablesBefore2019() throws {
        let text = """
            ---
            title: 示例县人民政府2018年政府信息公开工作年度报告
            kind: annual-report
            issuer: xzfb
            index_number: 11370921004336564T/2019-00001
            written: 2019-03-20
            published: 2019-03-25
            disclosure: 主动公开
            catalog: [ghxx]
            year: 2018
            tables:
              t3: {natural: {new_received: 3}}
            ---

            2018年，全县共收到政府信息公开申请3件。

            """
        let found = try diagnostics(SampleSite.files.merging(["Content/reports/2018.md": text]) { $1 })
        #expect(found.filter { $0.code.hasPrefix("report.") }.map { "\($0.location!.line):\($0.location!.column) \($0.code)" } == ["10:7 report.tables-ignored"])
    }

    @Test("a township's report is late after 01-31, or after the day site.yaml sets")
    func townshipDeadline() throws {
        var files = SampleSite.files
        files["Content/agencies.yaml"] = SampleSite.agenciesYAML + "- id: zhen\n  name: 示例县甲镇人民政府\n  short: 甲镇\n  level: township\n"
        files["Content/reports/2021.md"] = reportDocument(published: "2022-02-15", t3: Self.t3Valid, t4: Self.t4Valid)
            .replacingOccurrences(of: "issuer: xzfb", with: "issuer: zhen")
        #expect(try diagnostics(files).filter { $0.code == "report.deadline" }.map(\.message) == [
            "the 2021 report was published on 2022-02-15, after its deadline 2022-01-31",
        ])
        files["Content/site.yaml"] = SampleSite.siteYAML + "township_report_deadline: 02-28\n"
        #expect(try diagnostics(files).filter { $0.code == "report.deadline" }.isEmpty)
        files["Content/site.yaml"] = SampleSite.siteYAML + "township_report_deadline: 02-30\n"
        #expect(try diagnostics(files).map(\.message).contains("'township_report_deadline' must be a day of the year as MM-DD, e.g. 01-31"))
    }

    @Test("T2-CATALOG-MATCH counts the site's normative documents of the year and those in force")
    func catalogMatch() throws {
        let text = reportDocument(t3: Self.t3Valid, t4: Self.t4Valid)
            .replacingOccurrences(of: "normative: {issued: 1, abolished: 0, in_force: 1}", with: "normative: {issued: 1, abolished: 0, in_force: 2}")
        let found = try diagnostics(SampleSite.files.merging(["Content/reports/2021.md": text]) { $1 })
        #expect(found.map(\.message) == ["第二十条第（一）项 / 行政规范性文件 / 现行有效件数 is 2, but the site's catalog holds 1"])
    }

    @Test("a report page shows the six sections in order, each table like the national form")
    func rendering() throws {
        var files = SampleSite.files
        files["Content/reports/2021.md"] = reportDocument(t3: Self.t3Valid, t4: Self.t4Valid)
        let site = try TempSite(files: files)
        let report = try Pipeline().run(BuildOptions(asOf: CalendarDate(iso: "2026-11-22"), currentFolder: site.root))
        #expect(report.diagnostics.isEmpty)
        let page = try #require(site.read("Public/reports/2021/index.html"))
        let headings = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
        let positions = headings.map { page.range(of: "\">\($0)</h2>")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        // Table 3's header: the note over 3 label columns and 3 header rows; the applicant groups.
        #expect(page.contains(#"<tr><td colspan="3" rowspan="3" class="table-note">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><th id="t3-c1" scope="colgroup" colspan="7">申请人情况</th></tr>"#))
        #expect(page.contains(#"<tr><th id="t3-c2" scope="col" rowspan="2">自然人</th><th id="t3-c3" scope="colgroup" colspan="5">法人或其他组织</th><th id="t3-c9" scope="col" rowspan="2">总计</th></tr>"#))
        // 三、本年度办理结果 spans its 22 rows, （三）不予公开 its 8; each cell names its headers.
        #expect(page.contains(#"<th id="t3-r-results" scope="rowgroup" rowspan="22">三、本年度办理结果</th><th id="t3-r-granted" scope="row" colspan="2">（一）予以公开</th><td headers="t3-c1 t3-c2 t3-r-results t3-r-granted" class="num">4</td>"#))
        #expect(page.contains(#"<th id="t3-r-denied" scope="rowgroup" rowspan="8">（三）不予公开</th><th id="t3-r-denied_state_secret" scope="row">1.属于国家秘密</th>"#))
        #expect(page.contains(#"<td headers="t3-c1 t3-c3 t3-c6 t3-r-results t3-r-denied t3-r-denied_process" class="num">0</td>"#))
        // Table 4: 行政诉讼 over its two groups of five.
        #expect(page.contains(#"<th id="t4-c7" scope="colgroup" colspan="10">行政诉讼</th>"#))
        #expect(page.contains("2021年政务公开工作要点落实情况"))
    }

    @Test("a real published report: the 2019 report of the Shanghai government office, as published")
    func realReport() throws {
        let site = try TempSite(files: [:])
        try FileManager.default.copyItem(at: GoldenSiteTests.fixtures.appendingPathComponent("real-report/Content"), to: site.url("Content"))
        let found = try Pipeline().run(BuildOptions(writeOutput: false, asOf: CalendarDate(iso: "2026-11-22"), currentFolder: site.root)).diagnostics.sorted
        // 135 cells left empty where the form requires 0 (126 in table 3, 9 in table 4), and nothing
        // else can be checked in table 3 while its cells are missing.
        #expect(found.count { $0.code == "report.cell-missing" } == 135)
        #expect(found.filter { $0.code != "report.cell-missing" }.map(\.code) == ["report.t2-county-no-rules"])
        // Read the empty cells as 0, as a reader of the published table would: table 3's 总计 column
        // was left empty in 11 rows that have figures, so their row totals fail, and so does （七）总计
        // against the empty outcome totals; T3-BALANCE holds in every column, and table 4 adds up.
        let path = "Content/reports/2019-shanghai.md"
        try site.write(path, try #require(site.read(path)).replacingOccurrences(of: "\"\"", with: "0"))
        let asZeros = try Pipeline().run(BuildOptions(writeOutput: false, asOf: CalendarDate(iso: "2026-11-22"), currentFolder: site.root)).diagnostics.sorted
        #expect(asZeros.count { $0.code == "report.t3-row-total" } == 11)
        #expect(asZeros.filter { $0.code != "report.t3-row-total" }.map(\.message) == [
            "第二十条第（一）项 / 规章 / 本年制发件数 is 13, but a county-level organ cannot make 规章",
            "三、收到和处理政府信息公开申请情况 / 总计: （七）总计 is 805, but the outcomes （一）to（六） add up to 0",
        ])
        #expect(asZeros.first { $0.code == "report.t3-row-total" }?.message
            == "三、收到和处理政府信息公开申请情况 / （一）予以公开: 总计 is 0, but 自然人 258 + 商业企业 12 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 1 + 其他 1 = 272")
    }
}

@Suite("Plans and their tasks")
struct PlanTaskTests {
    @Test("deadlines in the forms editors write", arguments: [
        ("2023-12-31", "2023-12-31"), ("2023年12月31日前", "2023-12-31"), ("2023年12月底前", "2023-12-31"), ("6月底前", "2021-06-30"),
        ("年底前", "2021-12-31"), ("年内", "2021-12-31"), ("2022年上半年", "2022-06-30"), ("第三季度", "2021-09-30"),
        ("每年7月底前", "2021-07-31"), ("本文公布后30日内", "2021-06-20"), ("2月底前", "2021-02-28"), ("长期坚持", "长期坚持"),
        ("今年年底前", "2021-12-31"), ("本年度内", "2021-12-31"), ("常态化", "长期坚持"), ("常态化推进", "长期坚持"),
    ])
    func deadlines(_ text: String, _ expected: String) {
        #expect(TaskDeadline.parse(text, planYear: 2021, published: CalendarDate(iso: "2021-05-21"))?.display == expected)
    }

    @Test("vague and unreadable deadlines", arguments: [("年初", TaskDeadline?.some(.vague)), ("尽快", nil), ("13月底前", nil), ("2021年2月30日前", nil)])
    func vagueDeadlines(_ text: String, _ expected: TaskDeadline?) {
        #expect(TaskDeadline.parse(text, planYear: 2021, published: nil) == expected)
    }

    static func plan(_ tasks: String) -> String {
        SampleSite.plan.replacingOccurrences(of: """
            tasks:
              - area: [推进重点领域信息公开]
                task: 及时公开重大项目建设信息。
                lead: [fgj]
                responsible: [xzfb]
                due: 2021年12月底前
            """, with: "tasks:\n" + tasks)
    }

    @Test("in a plan that tracks progress, a task past its deadline and not done is overdue")
    func overdue() throws {
        let tasks = """
              - {task: 甲。, responsible: [fgj], due: 2021年6月底前, status: 推进中}
              - {task: 乙。, responsible: [fgj], due: 2021年12月底前, status: 已完成, evidence: [policies/gongkai]}
              - {task: 丙。, responsible: [fgj], due: 长期坚持, status: 未开始}
              - {task: 丁。, responsible: [fgj], due: 2021年12月底前, status: 已完成}
              - {task: 戊。, responsible: [fgj], due: 年初}
              - {task: 己。, responsible: [fgj], due: 尽快}

            """
        let found = try diagnostics(SampleSite.files.merging(["Content/plans/2021-yaodian.md": Self.plan(tasks)]) { $1 }, asOf: "2021-10-01")
        #expect(found.map { "\($0.location!.line) \($0.code) \($0.message)" } == [
            "12 plan.overdue task 1 was due 2021-06-30 and is not 已完成",
            "15 plan.done-evidence task 4 is 已完成 but names no document that shows it",
            "16 plan.deadline-vague 'due' is '年初', which names no date",
            "17 plan.deadline-format 'due' is '尽快', which is not a deadline this tool can read",
        ])
    }

    @Test("evidence must name a public document")
    func evidence() throws {
        let tasks = "  - {task: 甲。, responsible: [fgj], status: 已完成, evidence: [policies/neibu, policies/none]}\n"
        let found = try diagnostics(SampleSite.files.merging(["Content/plans/2021-yaodian.md": Self.plan(tasks)]) { $1 })
        #expect(found.map(\.message) == ["'evidence' names 'policies/neibu', which is not 主动公开", "'evidence' names 'policies/none', which does not exist"])
    }

    @Test("the task table merges each area over its tasks and shows counts and overdue tasks")
    func rendering() throws {
        let tasks = """
              - {number: 1, area: [一、主动公开, 规划], task: 甲。, lead: [fgj], responsible: [xzfb], due: 2021年6月底前, status: 推进中}
              - {number: 2, area: [一、主动公开, 规划], task: 乙。, lead: [fgj], responsible: [xzfb], due: 2021年12月底前, status: 已完成, evidence: [policies/gongkai]}
              - {number: 3, area: [一、主动公开, 财政], task: 丙。, lead: [fgj], responsible: [xzfb], due: 长期坚持, status: 未开始}
              - {number: 4, area: [二、解读], task: 丁。, lead: [fgj], responsible: [xzfb], due: 2021年12月底前, status: 推进中}

            """
        let site = try TempSite(files: SampleSite.files.merging(["Content/plans/2021-yaodian.md": Self.plan(tasks)]) { $1 })
        _ = try Pipeline().run(BuildOptions(asOf: CalendarDate(iso: "2021-10-01"), currentFolder: site.root))
        let page = try #require(site.read("Public/plans/2021-yaodian/index.html"))
        #expect(page.contains(#"<tr class="overdue"><th id="tasks-r1" scope="row">1</th><th id="tasks-a1-1" scope="rowgroup" rowspan="3">一、主动公开</th><th id="tasks-a2-1" scope="rowgroup" rowspan="2">规划</th><td headers="tasks-h-task tasks-r1 tasks-a1-1 tasks-a2-1">甲。</td>"#))
        #expect(page.contains(#"<tr><th id="tasks-r3" scope="row">3</th><th id="tasks-a2-3" scope="rowgroup">财政</th>"#))
        #expect(page.contains(#"<tr><th id="tasks-r4" scope="row">4</th><th id="tasks-a1-4" scope="rowgroup" colspan="2">二、解读</th>"#))
        #expect(page.contains(#"<td headers="tasks-h-due tasks-r1 tasks-a1-1 tasks-a2-1" class="overdue"><time datetime="2021-06-30">2021年6月底前</time></td>"#))
        #expect(page.contains(#"<a class="evidence" href="/policies/gongkai/">佐证：示例县人民政府办公室关于印发示例县政务公开办法的通知</a>"#))
        // The lead and the responsible unit shared by tasks 1 and 2 of 规划 are merged cells of that
        // group; task 3, in another group, has its own; the evidence is under 进展.
        #expect(page.contains(#"<td rowspan="2" headers="tasks-h-lead tasks-a1-1 tasks-a2-1">县发改局</td><td rowspan="2" headers="tasks-h-responsible tasks-a1-1 tasks-a2-1">县政府办公室</td>"#))
        #expect(page.contains(#"<td headers="tasks-h-task tasks-r2 tasks-a1-1 tasks-a2-1">乙。</td><td headers="tasks-h-due"#))
        #expect(page.contains(#"<td headers="tasks-h-task tasks-r3 tasks-a1-1 tasks-a2-3">丙。</td><td headers="tasks-h-lead tasks-r3 tasks-a1-1 tasks-a2-3">县发改局</td>"#))
        #expect(page.contains(#"class="status-done">已完成 <a class="evidence" href="/policies/gongkai/">"#))
        #expect(page.contains("<p class=\"task-counts\">任务进展：<span>已完成 1 项</span><span>推进中 2 项</span><span>未开始 1 项</span></p>"))
        #expect(page.contains("<li>1. 甲。（完成时限：2021年6月底前；责任单位：县政府办公室；进展：推进中）</li>"))
        #expect(!page.contains("<li>4. 丁。"))
    }
}
