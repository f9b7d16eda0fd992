/// Every diagnostic code with its default severity and what it checks: what `site.yaml` may
/// configure, and what docs/rules.md lists.
///
/// Codes of structural problems (`content.*`, `config.*`, `template.*`, `output.*`) describe input the
/// build cannot use, and leaks (P1) must never be silenced: those are not configurable.
public enum RuleCatalog {
    public struct Rule: Sendable, Hashable {
        public let code: String
        public let severity: Severity
        public let configurable: Bool
        /// One line: what the rule checks.
        public let summary: String
    }

    public static func rule(_ code: String) -> Rule? { rules.first { $0.code == code } }

    public static let rules: [Rule] = [
        // Content and configuration: the build cannot use the input.
        Rule(code: "content.encoding", severity: .error, configurable: false, summary: "a file is not UTF-8 (GBK from Windows editors is recognised)"),
        Rule(code: "content.front-matter-missing", severity: .error, configurable: false, summary: "a document does not start with '---'"),
        Rule(code: "content.front-matter-unterminated", severity: .error, configurable: false, summary: "the front matter is never closed"),
        Rule(code: "content.yaml-syntax", severity: .error, configurable: false, summary: "the YAML cannot be parsed"),
        Rule(code: "content.duplicate-key", severity: .error, configurable: false, summary: "a key appears twice"),
        Rule(code: "content.yaml-alias", severity: .error, configurable: false, summary: "YAML anchors and aliases are refused"),
        Rule(code: "content.unknown-key", severity: .error, configurable: false, summary: "a key the format does not have"),
        Rule(code: "content.key-not-for-kind", severity: .error, configurable: false, summary: "a key of another kind of document"),
        Rule(code: "content.missing-field", severity: .error, configurable: false, summary: "a required key is missing"),
        Rule(code: "content.empty-value", severity: .error, configurable: false, summary: "a key without a value"),
        Rule(code: "content.wrong-type", severity: .error, configurable: false, summary: "a value of the wrong shape"),
        Rule(code: "content.invalid-value", severity: .error, configurable: false, summary: "a value outside its vocabulary"),
        Rule(code: "content.invalid-date", severity: .error, configurable: false, summary: "a date that is not YYYY-MM-DD"),
        Rule(code: "content.date-order", severity: .error, configurable: false, summary: "发布日期 before 成文日期"),
        Rule(code: "content.unreadable", severity: .error, configurable: false, summary: "a file cannot be read"),
        Rule(code: "content.changed-during-build", severity: .error, configurable: false, summary: "a file was saved while the build read it"),
        Rule(code: "content.symlink", severity: .error, configurable: false, summary: "a symbolic link out of Content/ or Templates/, to a folder, or to nothing"),
        Rule(code: "content.attachment-missing", severity: .error, configurable: false, summary: "an attachment does not exist"),
        Rule(code: "content.path-outside", severity: .error, configurable: false, summary: "a path leaves Content/"),
        Rule(code: "content.name-normalization", severity: .error, configurable: false, summary: "two file names that differ only in Unicode normalization"),
        Rule(code: "content.link-to-local-file", severity: .error, configurable: false, summary: "a link to a file on a computer (file:, C:\\, \\\\server)"),
        Rule(code: "content.unsafe-link", severity: .error, configurable: false, summary: "a javascript:, vbscript: or data: link"),
        Rule(code: "content.link-to-source", severity: .error, configurable: false, summary: "a link to site.yaml, agencies.yaml, catalog.yaml or index-numbers.lock"),
        Rule(code: "config.missing-file", severity: .error, configurable: false, summary: "site.yaml, agencies.yaml or catalog.yaml is missing"),
        Rule(code: "config.duplicate-id", severity: .error, configurable: false, summary: "two agencies or sections share an id"),
        Rule(code: "config.rule", severity: .error, configurable: false, summary: "a rule setting in site.yaml names no rule, or lacks its reason"),
        Rule(code: "site.org-code", severity: .error, configurable: false, summary: "an organisation code with a wrong check character"),
        Rule(code: "site.base-url", severity: .error, configurable: false, summary: "a base URL that is not http(s) with a host name"),
        // Disclosure: leaks are never configurable.
        Rule(code: "disclosure.missing", severity: .error, configurable: false, summary: "a document without 公开属性"),
        Rule(code: "disclosure.reason-missing", severity: .error, configurable: false, summary: "依申请公开 or 不予公开 without a reason"),
        Rule(code: "disclosure.reason-basis", severity: .warning, configurable: true, summary: "a reason for not publishing that names no legal basis"),
        Rule(code: "disclosure.link-to-nonpublic", severity: .error, configurable: false, summary: "a public page links to a document that is not 主动公开"),
        // Catalog identifiers.
        Rule(code: "catalog.document-number", severity: .error, configurable: false, summary: "a 文号 not of the form 机关代字〔YYYY〕N号"),
        Rule(code: "catalog.document-number-duplicate", severity: .error, configurable: true, summary: "two documents share a 文号"),
        Rule(code: "catalog.document-number-year", severity: .warning, configurable: true, summary: "the 文号's year is not that of 成文日期"),
        Rule(code: "catalog.index-number", severity: .error, configurable: false, summary: "a 索引号 not of the form <organisation code>/YYYY-NNNNN"),
        Rule(code: "catalog.index-number-duplicate", severity: .error, configurable: false, summary: "two documents share a 索引号"),
        Rule(code: "catalog.index-number-year", severity: .warning, configurable: true, summary: "the 索引号's year is neither that of 发布日期 nor of 成文日期"),
        Rule(code: "catalog.index-number-changed", severity: .error, configurable: false, summary: "a 索引号 differs from the ledger"),
        Rule(code: "catalog.index-number-reused", severity: .error, configurable: false, summary: "a 索引号 the ledger records for another document"),
        Rule(code: "catalog.index-number-unrecorded", severity: .warning, configurable: true, summary: "a 索引号 not yet in the ledger"),
        Rule(code: "catalog.ledger", severity: .error, configurable: false, summary: "a malformed line in index-numbers.lock"),
        Rule(code: "catalog.unknown-section", severity: .error, configurable: false, summary: "a catalog section that catalog.yaml does not define"),
        // Relations.
        Rule(code: "graph.dangling-link", severity: .error, configurable: false, summary: "a link to a file or heading that does not exist"),
        Rule(code: "graph.unknown-agency", severity: .error, configurable: false, summary: "a unit that agencies.yaml does not define"),
        Rule(code: "interp.target", severity: .error, configurable: false, summary: "'interprets' names no public policy"),
        Rule(code: "interp.missing", severity: .warning, configurable: true, summary: "a 行政规范性文件 without any interpretation (政策文件不解读不运转)"),
        Rule(code: "interp.forms", severity: .warning, configurable: true, summary: "fewer interpretation forms than the minimum (≥5 county government, ≥2 units)"),
        Rule(code: "interp.late", severity: .warning, configurable: true, summary: "an interpretation published more than 3 working days after its policy"),
        Rule(code: "validity.chain", severity: .error, configurable: false, summary: "'superseded_by' names a missing or non-public document, or forms a cycle"),
        Rule(code: "validity.link", severity: .error, configurable: true, summary: "'superseded_by' on a document 现行有效"),
        Rule(code: "validity.no-number", severity: .error, configurable: true, summary: "a 行政规范性文件 without 文号"),
        Rule(code: "validity.missing", severity: .error, configurable: false, summary: "a policy without 有效性"),
        Rule(code: "decision.item-target", severity: .error, configurable: false, summary: "a decision item names no public document"),
        Rule(code: "decision.adoption-late", severity: .warning, configurable: true, summary: "意见采纳情况 published more than 10 working days after the decision"),
        Rule(code: "plan.evidence-target", severity: .error, configurable: false, summary: "'evidence' names no public document"),
        Rule(code: "plan.deadline-format", severity: .error, configurable: false, summary: "a 完成时限 that cannot be read"),
        Rule(code: "plan.deadline-vague", severity: .warning, configurable: true, summary: "a 完成时限 that names no date (年初)"),
        Rule(code: "plan.deadline-range", severity: .warning, configurable: true, summary: "a 完成时限 outside the plan's year"),
        Rule(code: "plan.overdue", severity: .warning, configurable: true, summary: "a task past its 完成时限 and not 已完成"),
        Rule(code: "plan.done-evidence", severity: .warning, configurable: true, summary: "a task 已完成 without evidence"),
        // Annual reports.
        Rule(code: "report.unknown-cell", severity: .error, configurable: false, summary: "a table, row or column id the format does not have"),
        Rule(code: "report.cell-missing", severity: .error, configurable: true, summary: "an empty cell of the national form (0 must be written)"),
        Rule(code: "report.cell-type", severity: .error, configurable: false, summary: "a cell that is not a figure of its type"),
        Rule(code: "report.t3-balance", severity: .error, configurable: true, summary: "新收 + 上年结转 ≠ 办理结果总计 + 结转下年度"),
        Rule(code: "report.t3-outcome-sum", severity: .error, configurable: true, summary: "（七）总计 ≠ the outcomes （一）…（六）"),
        Rule(code: "report.t3-row-total", severity: .error, configurable: true, summary: "a row's 总计 ≠ its applicant columns"),
        Rule(code: "report.t4-review-total", severity: .error, configurable: true, summary: "行政复议 总计 ≠ its outcomes"),
        Rule(code: "report.t4-direct-total", severity: .error, configurable: true, summary: "未经复议直接起诉 总计 ≠ its outcomes"),
        Rule(code: "report.t4-after-total", severity: .error, configurable: true, summary: "复议后起诉 总计 ≠ its outcomes"),
        Rule(code: "report.t3-cross-year", severity: .warning, configurable: true, summary: "上年结转 ≠ the previous report's 结转下年度"),
        Rule(code: "report.t2-catalog-match", severity: .warning, configurable: true, summary: "行政规范性文件 figures differ from the site's catalog"),
        Rule(code: "report.t2-county-no-rules", severity: .warning, configurable: true, summary: "a county-level organ reports 规章"),
        Rule(code: "review.missing", severity: .error, configurable: true, summary: "a public document without review records, on a site with review_records set (required: error, recommended: warning)"),
        Rule(code: "review.confidentiality", severity: .error, configurable: true, summary: "no 保密审查, or one dated after 发布日期"),
        Rule(code: "review.three-stages", severity: .error, configurable: true, summary: "三审 not 初审、复审、终审 by three people in date order on or before 发布日期"),
        Rule(code: "review.leak", severity: .error, configurable: false, summary: "a reviewer's name or staff id in a published file"),
        Rule(code: "publish.draft", severity: .info, configurable: false, summary: "a draft, checked and not published"),
        Rule(code: "publish.scheduled", severity: .info, configurable: false, summary: "a document whose 发布日期 is still to come, held back until then"),
        Rule(code: "publish.held-target", severity: .error, configurable: false, summary: "a public document refers to a draft or to one published later"),
        Rule(code: "catalog.empty-reason-unused", severity: .warning, configurable: true, summary: "a section that lists public documents (its own or its subsections') still gives an empty_reason"),
        Rule(code: "report.tables-ignored", severity: .warning, configurable: true, summary: "tables in a report from before 2019, which nothing reads"),
        Rule(code: "catalog.unlisted", severity: .warning, configurable: true, summary: "a public document in no catalog section and no decision's items"),
        Rule(code: "interp.unlinked", severity: .warning, configurable: true, summary: "an interpretation that names no policy"),
        Rule(code: "content.placeholder", severity: .warning, configurable: true, summary: "placeholder text from site new in a public document"),
        Rule(code: "report.t2-stock-flow", severity: .warning, configurable: true, summary: "行政规范性文件 in force ≠ last year's + issued − repealed (T2-STOCK-FLOW)"),
        Rule(code: "report.deadline", severity: .warning, configurable: true, summary: "a report published after its legal deadline"),
        Rule(code: "report.plan-link", severity: .warning, configurable: true, summary: "a report that does not link its year's 工作要点"),
        Rule(code: "report.section-missing", severity: .error, configurable: true, summary: "a prose section of the national format is missing"),
        // Privacy: leaks of personal data.
        Rule(code: "privacy.resident-id", severity: .error, configurable: false, summary: "a resident ID number (error when its check character is right, else warning)"),
        Rule(code: "privacy.resident-id-15", severity: .warning, configurable: true, summary: "a legacy 15-digit resident ID number"),
        Rule(code: "privacy.mobile", severity: .error, configurable: false, summary: "a mainland mobile number"),
        Rule(code: "privacy.bank-card", severity: .error, configurable: false, summary: "a bank card number passing Luhn (error with a UnionPay prefix or a keyword, else warning)"),
        Rule(code: "privacy.allowed", severity: .info, configurable: true, summary: "personal data published under a declared exception (a full 18-digit resident ID stays a warning)"),
        Rule(code: "privacy.exception-basis", severity: .error, configurable: false, summary: "a privacy exception without its legal basis"),
        Rule(code: "privacy.attachment-unscanned", severity: .info, configurable: true, summary: "an attachment that is not plain text, so not scanned"),
        Rule(code: "privacy.exception-expired", severity: .warning, configurable: true, summary: "a privacy exception past its 公示 period"),
        // Time limits, in working days of the official holiday calendar.
        Rule(code: "time.proactive-20wd", severity: .warning, configurable: true, summary: "published more than 20 working days after 成文日期 (条例 第二十六条)"),
        Rule(code: "time.calendar-missing", severity: .warning, configurable: true, summary: "a time limit reaches a year the holiday calendar lacks"),
        Rule(code: "time.calendar-notice", severity: .warning, configurable: true, summary: "a holiday year added in site.yaml without its notice number"),
        Rule(code: "time.calendar-update", severity: .info, configurable: true, summary: "from 12-15, next year's holiday arrangement is not in the calendar yet"),
        // Site.
        Rule(code: "site.empty-section", severity: .error, configurable: true, summary: "a catalog section with no public document and no empty_reason (空白栏目)"),
        // Output audit: what was written.
        Rule(code: "links.internal", severity: .error, configurable: true, summary: "a link, source or #fragment in a written page that resolves to nothing (错链)"),
        Rule(code: "ipv6.literal", severity: .error, configurable: false, summary: "a link or source with an IP-address host"),
        Rule(code: "ipv6.third-party-subresource", severity: .error, configurable: false, summary: "a script, stylesheet, font, image, media or frame from another host, in a page or in CSS"),
        Rule(code: "a11y.lang", severity: .error, configurable: true, summary: "a page without <html lang> of the site's language"),
        Rule(code: "a11y.title", severity: .error, configurable: true, summary: "a page without a <title>"),
        Rule(code: "a11y.h1", severity: .error, configurable: true, summary: "a page without exactly one <h1>"),
        Rule(code: "a11y.heading-order", severity: .error, configurable: true, summary: "a heading that skips a level (<h2> then <h4>)"),
        Rule(code: "a11y.img-alt", severity: .error, configurable: true, summary: "an image without alt text"),
        Rule(code: "a11y.empty-alt", severity: .warning, configurable: true, summary: "an image in a document body without a description (![](图.png))"),
        Rule(code: "a11y.table", severity: .error, configurable: true, summary: "a data table without <th> or <caption>"),
        Rule(code: "site.footer-page", severity: .error, configurable: true, summary: "a page without the footer marks of site.yaml"),
        // Markdown, output and templates.
        Rule(code: "markdown.raw-html", severity: .warning, configurable: true, summary: "raw HTML dropped from a body"),
        Rule(code: "output.path-collision", severity: .error, configurable: false, summary: "two sources for one output path"),
        Rule(code: "template.syntax", severity: .error, configurable: false, summary: "a template cannot be parsed"),
        Rule(code: "template.missing", severity: .error, configurable: false, summary: "a required template is missing"),
        Rule(code: "template.missing-partial", severity: .error, configurable: false, summary: "a partial is missing"),
        Rule(code: "template.unknown-name", severity: .warning, configurable: true, summary: "a template uses a name no view has (fails the build with --strict)"),
    ]
}

extension RuleCatalog {
    /// The catalog as a Markdown table: what `site rules` prints and docs/rules.md holds.
    public static func markdownTable() -> String {
        var lines = [
            "| code | default | set in site.yaml | what it finds |",
            "|---|---|---|---|",
        ]
        for rule in rules {
            let summary = rule.summary.replacingOccurrences(of: "|", with: "\\|")
            lines.append("| `\(rule.code)` | \(rule.severity.rawValue) | \(rule.configurable ? "yes" : "no") | \(summary) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `rules: {plan.done-evidence: {severity: off, reason: …}}` in site.yaml.
public struct RuleSetting: Sendable, Hashable, Codable {
    public let code: String
    /// Nil turns the rule off.
    public let severity: Severity?
    public let reason: String
    public let location: SourceLocation

    public init(code: String, severity: Severity?, reason: String, location: SourceLocation) {
        self.code = code
        self.severity = severity
        self.reason = reason
        self.location = location
    }
}
