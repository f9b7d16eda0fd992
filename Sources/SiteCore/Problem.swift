/// Everything `site` can find wrong with a site's content, as data.
///
/// Each case has a stable code (`stage.problem`) and a default severity; the wording lives in one
/// place, `Problem+Message.swift`, so that a zh-Hans rendering stays possible. Stages never build
/// message strings themselves: they create a `Diagnostic` from a `Problem` and a location.
public enum Problem: Hashable, Sendable, Codable {
    // MARK: Files and front matter (content.*)

    /// The file's bytes are not UTF-8. `gbkLikely`: every non-ASCII byte pairs up as GBK/GB18030.
    case notUTF8(byte: UInt8, gbkLikely: Bool)
    /// A document does not start with a `---` line.
    case frontMatterMissing
    /// The `---` that opens the front matter has no closing `---`.
    case frontMatterUnterminated
    /// Yams (libyaml) rejected the YAML. `problem` is libyaml's own phrase.
    case yamlSyntax(problem: String)
    /// A mapping names the same key twice.
    case duplicateKey(key: String)
    /// YAML anchors and aliases (`&a`, `*a`) are not accepted: a front matter never needs them, and
    /// nested aliases can expand exponentially.
    case yamlAlias
    /// A key that the format does not have.
    case unknownKey(key: String, suggestion: String?)
    /// A key that exists, but not for this kind of document.
    case keyNotForKind(key: String, kind: String, kinds: [String])
    /// A required key is absent. `context` names what lacks it (a kind, a config file, a list entry).
    case missingField(key: String, context: String)
    /// A key with an empty value (`title:`).
    case emptyValue(key: String)
    /// A value of the wrong YAML shape (a list where a string belongs, …).
    case wrongType(key: String, expected: String)
    /// A value outside a closed vocabulary.
    case invalidValue(key: String, value: String, allowed: [String], suggestion: String?)
    /// A date that is not an ISO `YYYY-MM-DD` calendar date.
    case invalidDate(key: String, value: String)
    /// 发布日期 before 成文日期.
    case publishedBeforeWritten(published: String, written: String)
    /// A file that exists but cannot be read.
    case unreadableFile
    /// A file the build read twice (an incremental build reads a file's text again only when it
    /// needs it) with different bytes: it was saved while the build ran.
    case changedDuringBuild
    /// A file or folder under Content/ that is a symbolic link.
    case symlinkRefused(target: String)
    /// An attachment that does not exist next to the document.
    case attachmentMissing(file: String)
    /// A path that leaves the Content/ folder (`../`, an absolute path).
    case pathOutsideContent(path: String)
    /// A link to a file on the editor's computer (`file:///…`, `C:\…`, `\\server\…`): no reader
    /// of the portal can open it, and libcmark's safe mode would print it as an empty `href`.
    case linkToLocalFile(destination: String)
    /// A link whose scheme runs code or embeds data (`javascript:`, `vbscript:`, `data:`): libcmark's
    /// safe mode empties it, so the page would show a link that goes nowhere.
    case unsafeLink(destination: String)
    /// A public page links to a file `site` reads to build the portal (site.yaml, agencies.yaml,
    /// catalog.yaml, index-numbers.lock): such a file is never published, since the ledger names
    /// withheld documents too.
    case linkToSourceFile(path: String)
    /// Two file names under Content/ that differ only in Unicode normalization (NFC and NFD): Swift
    /// and URLs treat them as one name, so one document would silently replace the other.
    case nameNormalization(other: String)

    // MARK: Disclosure attributes (disclosure.*)

    /// `disclosure` is absent: there is no default (DISCLOSURE.md §1.3).
    case disclosureMissing
    /// 依申请公开 / 不予公开 without `disclosure_reason`.
    case disclosureReasonMissing(disclosure: String)
    /// A reason for not publishing that names no legal basis.
    case disclosureReasonBasis(reason: String)
    /// A public page links to a document that is not 主动公开.
    case linkToNonPublic(target: String, disclosure: String)

    // MARK: Catalog identifiers (catalog.*)

    /// A 文号 that does not match 机关代字〔YYYY〕N号. `fix` is the corrected form when one is evident.
    case documentNumberFormat(value: String, fix: String?)
    /// A 文号 used by two documents.
    case documentNumberDuplicate(value: String)
    /// The 文号's year differs from the year of 成文日期.
    case documentNumberYear(value: String, writtenYear: Int)
    /// A 索引号 that does not match `<organisation code>/<YYYY>-<NNNNN>`.
    case indexNumberFormat(value: String, expectedPrefix: String)
    /// A 索引号 whose front part is not the issuer's organisation code.
    case indexNumberPrefix(value: String, expectedPrefix: String)
    /// A 索引号 used by two documents.
    case indexNumberDuplicate(value: String)
    /// A 索引号 whose year is neither that of 发布日期 nor that of 成文日期.
    case indexNumberYear(value: String)
    /// A document's 索引号 differs from the one recorded for it in the ledger.
    case indexNumberChanged(recorded: String, current: String)
    /// A document uses a 索引号 that the ledger records for another document.
    case indexNumberReused(value: String, owner: String)
    /// A 索引号 not yet recorded in the ledger (`site lock` records it).
    case indexNumberUnrecorded(value: String)
    /// A line of index-numbers.lock that is not `<索引号> <document id>`.
    case ledgerLine(text: String)
    /// A document names a catalog section that catalog.yaml does not define.
    case unknownSection(id: String, suggestion: String?)

    // MARK: Site configuration (site.*, config.*)

    /// site.yaml, agencies.yaml or catalog.yaml is missing.
    case configFileMissing(name: String)
    /// Two agencies or two catalog sections share an id.
    case duplicateID(what: String, id: String)
    /// A rule setting in site.yaml names no rule.
    case ruleUnknown(code: String, suggestion: String?)
    /// A rule setting in site.yaml changes a rule that cannot be changed.
    case ruleNotConfigurable(code: String)
    /// A rule setting in site.yaml without the reason the report prints.
    case ruleReasonMissing(code: String)
    /// An organisation code (组织机构代码 or 统一社会信用代码) whose check character is wrong.
    case organisationCodeCheck(code: String, expected: String)
    /// An organisation code of neither 9 (GB 11714) nor 18 (GB 32100) characters.
    case organisationCodeFormat(code: String)
    /// A base URL that is not an absolute http(s) URL with a host name.
    case baseURL(value: String, reason: String)

    // MARK: Relations (graph.*, interp.*, validity.*)

    /// A Markdown link to a `.md` file or local file that does not exist.
    case danglingLink(target: String, suggestion: String?)
    /// A link to a document's `#fragment` that names none of its headings.
    case danglingFragment(target: String, fragment: String, suggestion: String?)
    /// An issuer, lead or responsible unit that agencies.yaml does not define.
    case unknownAgency(id: String, suggestion: String?)
    /// `interprets` names a document that does not exist.
    case interpretsMissing(target: String, suggestion: String?)
    /// `interprets` names a document that is not a policy.
    case interpretsNotPolicy(target: String, kind: String)
    /// `interprets` names a policy that is not 主动公开.
    case interpretsNonPublic(target: String)
    /// `superseded_by` names a document that does not exist.
    case supersededByMissing(target: String, suggestion: String?)
    /// `superseded_by` names a document that is not public.
    case supersededByNonPublic(target: String)
    /// `superseded_by` chains back to where it started.
    case supersessionCycle(chain: [String])
    /// `superseded_by` is set on a document that is 现行有效.
    case supersededButInForce(target: String)
    /// A decision item names a document that does not exist.
    case decisionItemMissing(item: String, target: String, suggestion: String?)
    /// A decision item names a document that is not 主动公开.
    case decisionItemNonPublic(item: String, target: String)
    /// A catalog section with no public document in it or below it, and no `empty_reason`
    /// (空白栏目, a veto item of the national website inspection).
    case emptySection(id: String, title: String)
    /// A public document refers to one this build holds back (a draft, or one published later):
    /// its page would link to nothing until then.
    case heldTarget(reference: String, target: String, hold: String)
    /// A 主动公开 document marked `draft: true`: checked, not published (info, for the report).
    case heldDraft
    /// A public document without `review:` on a site that asks for review records.
    case reviewMissing
    /// No 保密审查, or one dated after 发布日期 (条例 第十七条, 先审查后公开).
    case reviewConfidentiality(detail: String)
    /// The 三审 are not 初审, 复审, 终审 by three people, in date order, on or before 发布日期.
    case reviewStages(detail: String)
    /// A reviewer's name or staff id is in a published file: review records are internal.
    case reviewLeak(reviewer: String, file: String)
    /// A 主动公开 document whose 发布日期 is after the build's date: held back until then (info).
    case heldScheduled(date: String)
    /// A section that says why it is empty (`empty_reason`) but lists public documents: the page
    /// would show a reason that is no longer true.
    case emptyReasonUnused(id: String)
    /// A report of a year before the national table format (before 2019) with `tables:`, which
    /// nothing reads or shows.
    case reportTablesIgnored(year: Int)
    /// A 行政规范性文件 without any interpretation.
    case interpretationMissing
    /// Fewer interpretation forms than the minimum for the issuer's level.
    case interpretationForms(found: [String], minimum: Int)
    /// A 行政规范性文件 without a 文号.
    case normativeWithoutNumber
    /// A policy without 有效性.
    case validityMissing

    // MARK: Annual reports (report.*)

    /// A table, row or column id that the report's format does not have.
    case reportUnknownCell(path: String, suggestion: String?)
    /// A cell of the national form left out or left empty: the form requires an explicit 0.
    case reportCellMissing(table: String, row: String, column: String)
    /// A cell that is not of its type (a whole number ≥ 0, a change, an amount).
    case reportCellType(table: String, row: String, column: String, value: String, expected: String)
    /// T3-BALANCE: 新收 + 上年结转 = 办理结果总计 + 结转下年度, in one applicant column.
    case reportT3Balance(column: String, newReceived: Int, carriedOver: Int, processed: Int, carryForward: Int)
    /// T3-OUTCOME-SUM: （七）总计 = the sum of the outcome rows, in one applicant column.
    case reportT3OutcomeSum(column: String, total: Int, sum: Int)
    /// T3-ROW-TOTAL: 总计 = the sum of the applicant columns, in one row.
    case reportT3RowTotal(row: String, total: Int, labels: [String], values: [Int])
    /// T4 totals: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, in one group of table 4.
    case reportT4Total(identity: String, group: String, total: Int, labels: [String], values: [Int])
    /// T3-CROSS-YEAR: 上年结转 differs from the previous report's 结转下年度.
    case reportCrossYear(column: String, carriedOver: Int, previousYear: Int, previousCarryForward: Int)
    /// T2-CATALOG-MATCH: a figure of 第二十条第（一）项 differs from the site's own 行政规范性文件.
    case reportCatalogMatch(column: String, reported: Int, catalog: Int)
    /// T2-COUNTY-NO-RULES: a county-level organ reports 规章 issued.
    case reportCountyRules(issued: Int)
    /// A public document in no catalog section and not an item of a 重大行政决策: no path from the
    /// 主动公开目录 leads to it.
    case catalogUnlisted
    /// An interpretation that names no policy (`interprets`): 政策解读与被解读文件未关联.
    case interpretationUnlinked
    /// Text that `site new` writes for the editor to replace, still in a public document.
    case placeholderText(text: String)
    /// T2-STOCK-FLOW: 现行有效件数 of 行政规范性文件 = last year's + 本年制发 − 本年废止.
    case reportStockFlow(inForce: Int, previousYear: Int, previousInForce: Int, issued: Int, abolished: Int)
    /// A report published after its legal deadline (条例 第四十九条).
    case reportDeadline(year: Int, deadline: String, published: String)
    /// A report without the year's 工作要点 of its issuer.
    case reportPlanLink(year: Int, plan: String)
    /// One of the six sections is not in the body.
    case reportSectionMissing(heading: String)

    // MARK: Plans (plan.*)

    /// A 完成时限 that is not one of the forms editors write.
    case planDeadlineFormat(value: String)
    /// A 完成时限 too vague to check (年初).
    case planDeadlineVague(value: String)
    /// A dated 完成时限 outside the plan's year.
    case planDeadlineRange(value: String, year: Int)
    /// A task past its 完成时限 and not 已完成.
    case planOverdue(task: String, due: String)
    /// `evidence` names a document that does not exist.
    case evidenceMissing(target: String, suggestion: String?)
    /// `evidence` names a document that is not 主动公开.
    case evidenceNonPublic(target: String)
    /// A task marked 已完成 without the document that shows it done.
    case planDoneEvidence(task: String)

    // MARK: Markdown (markdown.*)

    /// Raw HTML in a body, dropped because site.yaml does not allow it.
    case rawHTMLDropped

    // MARK: Privacy (privacy.*)

    /// A resident ID number (18 characters); `confident` when its check character is right.
    case privacyResidentID(masked: String, confident: Bool, field: String)
    /// A legacy 15-digit resident ID number.
    case privacyResidentID15(masked: String, field: String)
    /// A mainland mobile number.
    case privacyMobile(masked: String, field: String)
    /// A bank card number passing Luhn; `confident` with a UnionPay prefix or a keyword before it.
    case privacyBankCard(masked: String, confident: Bool, field: String)
    /// Personal data of a kind the document's `privacy` exception allows: info, but a warning for a
    /// full 18-digit resident ID. `kind` names it in words ("mobile number").
    case privacyAllowed(kind: String, masked: String, exception: String, fullResidentID: Bool)
    /// A `privacy` exception without the law or notice that requires the publication.
    case privacyExceptionBasis
    /// An attachment whose text the scanner cannot read (Office, PDF, images): checked by people (info).
    case privacyAttachmentUnscanned(file: String)
    /// A `privacy` exception whose 公示 period has ended.
    case privacyExceptionExpired(until: String)

    // MARK: Time limits (time.*, interp.late, decision.adoption-late)

    /// Published more than 20 working days after 成文日期 (条例 第二十六条).
    case proactiveLate(written: String, published: String, due: String, provisional: Bool)
    /// A change (`changes:`) published more than 20 working days after it was made (变更之日).
    case changeLate(changed: String, published: String, due: String, provisional: Bool)
    /// An interpretation published more than 3 working days after its policy.
    case interpretationLate(policyPublished: String, published: String, due: String, provisional: Bool)
    /// 意见采纳情况 published more than 10 working days after the decision's result, or (`published`
    /// nil) not published and the time is up.
    case adoptionLate(resultPublished: String, published: String?, due: String, provisional: Bool)
    /// `limits` time limits count days the holiday calendar does not cover, in these years; the
    /// checker reports them once per set of years, at the first.
    case calendarMissing(years: [Int], limits: Int)
    /// A holiday year added in site.yaml without the notice it comes from.
    case calendarNoNotice(year: Int)
    /// It is 12-15 or later and next year's arrangement is not in the calendar yet (info).
    case calendarUpdate(year: Int)

    // MARK: Output audit (links.*, ipv6.*, a11y.*, site.footer-page)

    /// A link or source in a written page that finds no file, or no element with its `#fragment`.
    case brokenLink(target: String, fragment: String?)
    /// A link or source naming its host by an IP address (IPv4 or IPv6 literal): not IPv6-ready.
    case ipLiteral(url: String)
    /// A script, stylesheet, image or frame loaded from another host.
    case thirdPartySubresource(tag: String, url: String)
    /// A stylesheet, font or image that CSS (a theme's .css file, a `<style>` element or a `style`
    /// attribute) loads from another host; `rule` is `@import`, `@font-face` or `url()`.
    case thirdPartyInCSS(rule: String, url: String)
    /// A page without `<html lang>` of the site's language.
    case pageLanguage(expected: String)
    /// A page without a `<title>`, or with an empty one.
    case pageTitleMissing
    /// A page without exactly one `<h1>`.
    case pageH1Count(count: Int)
    /// A heading more than one level below the one before it (`<h2>` then `<h4>`).
    case headingSkip(from: Int, to: Int)
    /// An `<img>` without `alt`.
    case imageWithoutAlt(src: String)
    /// A data table without header cells or without a caption.
    case tableWithoutHeaders(detail: String)
    /// An image in a document body without a description (`![](图.png)` renders `alt=""`, which
    /// tells screen readers to skip it as decoration).
    case imageAltEmpty(src: String)
    /// A page without one of the footer marks of site.yaml.
    case footerMarkMissing(mark: String)

    // MARK: Output and templates (output.*, template.*)

    /// Two sources would be written to the same output path.
    case outputCollision(path: String)
    /// A catalog section id that a generated page uses (`years` → `/xxgk/years/`).
    case reservedSectionID(id: String)
    /// A template file that swift-mustache cannot parse.
    case templateSyntax(message: String)
    /// A template the build needs is not in Templates/.
    case templateMissing(name: String)
    /// A referenced asset or partial is missing.
    case partialMissing(name: String)
    /// A template uses a name no view has: it renders as nothing (a typo such as `{{titel}}`).
    case templateUnknownName(name: String, suggestion: String?)
}

extension Problem {
    /// The stable identifier printed in brackets, used in `site.yaml` to change a rule's severity.
    /// A time limit judged with days the holiday calendar does not cover: never an error (DISCLOSURE.md §4.2).
    public var isProvisional: Bool {
        switch self {
        case .proactiveLate(_, _, _, let provisional), .changeLate(_, _, _, let provisional), .interpretationLate(_, _, _, let provisional), .adoptionLate(_, _, _, let provisional):
            provisional
        default:
            false
        }
    }

    public var code: String {
        switch self {
        case .notUTF8: "content.encoding"
        case .frontMatterMissing: "content.front-matter-missing"
        case .frontMatterUnterminated: "content.front-matter-unterminated"
        case .yamlSyntax: "content.yaml-syntax"
        case .duplicateKey: "content.duplicate-key"
        case .yamlAlias: "content.yaml-alias"
        case .unknownKey: "content.unknown-key"
        case .keyNotForKind: "content.key-not-for-kind"
        case .missingField: "content.missing-field"
        case .emptyValue: "content.empty-value"
        case .wrongType: "content.wrong-type"
        case .invalidValue: "content.invalid-value"
        case .invalidDate: "content.invalid-date"
        case .publishedBeforeWritten: "content.date-order"
        case .unreadableFile: "content.unreadable"
        case .changedDuringBuild: "content.changed-during-build"
        case .symlinkRefused: "content.symlink"
        case .attachmentMissing: "content.attachment-missing"
        case .pathOutsideContent: "content.path-outside"
        case .linkToSourceFile: "content.link-to-source"
        case .linkToLocalFile: "content.link-to-local-file"
        case .unsafeLink: "content.unsafe-link"
        case .nameNormalization: "content.name-normalization"
        case .disclosureMissing: "disclosure.missing"
        case .disclosureReasonMissing: "disclosure.reason-missing"
        case .linkToNonPublic: "disclosure.link-to-nonpublic"
        case .disclosureReasonBasis: "disclosure.reason-basis"
        case .interpretationMissing: "interp.missing"
        case .interpretationForms: "interp.forms"
        case .documentNumberFormat: "catalog.document-number"
        case .documentNumberDuplicate: "catalog.document-number-duplicate"
        case .documentNumberYear: "catalog.document-number-year"
        case .indexNumberFormat, .indexNumberPrefix: "catalog.index-number"
        case .indexNumberDuplicate: "catalog.index-number-duplicate"
        case .indexNumberYear: "catalog.index-number-year"
        case .indexNumberChanged: "catalog.index-number-changed"
        case .indexNumberReused: "catalog.index-number-reused"
        case .indexNumberUnrecorded: "catalog.index-number-unrecorded"
        case .ledgerLine: "catalog.ledger"
        case .unknownSection: "catalog.unknown-section"
        case .configFileMissing: "config.missing-file"
        case .duplicateID: "config.duplicate-id"
        case .ruleUnknown, .ruleNotConfigurable, .ruleReasonMissing: "config.rule"
        case .organisationCodeCheck, .organisationCodeFormat: "site.org-code"
        case .baseURL: "site.base-url"
        case .danglingLink, .danglingFragment: "graph.dangling-link"
        case .unknownAgency: "graph.unknown-agency"
        case .interpretsMissing, .interpretsNotPolicy, .interpretsNonPublic: "interp.target"
        case .supersededByMissing, .supersededByNonPublic, .supersessionCycle: "validity.chain"
        case .supersededButInForce: "validity.link"
        case .decisionItemMissing, .decisionItemNonPublic: "decision.item-target"
        case .emptySection: "site.empty-section"
        case .heldTarget: "publish.held-target"
        case .heldDraft: "publish.draft"
        case .reviewMissing: "review.missing"
        case .reviewConfidentiality: "review.confidentiality"
        case .reviewStages: "review.three-stages"
        case .reviewLeak: "review.leak"
        case .heldScheduled: "publish.scheduled"
        case .emptyReasonUnused: "catalog.empty-reason-unused"
        case .reportTablesIgnored: "report.tables-ignored"
        case .normativeWithoutNumber: "validity.no-number"
        case .validityMissing: "validity.missing"
        case .reportUnknownCell: "report.unknown-cell"
        case .reportCellMissing: "report.cell-missing"
        case .reportCellType: "report.cell-type"
        case .reportT3Balance: "report.t3-balance"
        case .reportT3OutcomeSum: "report.t3-outcome-sum"
        case .reportT3RowTotal: "report.t3-row-total"
        case .reportT4Total(let identity, _, _, _, _): "report.\(identity)"
        case .reportCrossYear: "report.t3-cross-year"
        case .reportCatalogMatch: "report.t2-catalog-match"
        case .reportCountyRules: "report.t2-county-no-rules"
        case .reportStockFlow: "report.t2-stock-flow"
        case .catalogUnlisted: "catalog.unlisted"
        case .interpretationUnlinked: "interp.unlinked"
        case .placeholderText: "content.placeholder"
        case .reportDeadline: "report.deadline"
        case .reportPlanLink: "report.plan-link"
        case .reportSectionMissing: "report.section-missing"
        case .planDeadlineFormat: "plan.deadline-format"
        case .planDeadlineVague: "plan.deadline-vague"
        case .planDeadlineRange: "plan.deadline-range"
        case .planOverdue: "plan.overdue"
        case .planDoneEvidence: "plan.done-evidence"
        case .evidenceMissing, .evidenceNonPublic: "plan.evidence-target"
        case .rawHTMLDropped: "markdown.raw-html"
        case .outputCollision, .reservedSectionID: "output.path-collision"
        case .privacyResidentID: "privacy.resident-id"
        case .privacyResidentID15: "privacy.resident-id-15"
        case .privacyMobile: "privacy.mobile"
        case .privacyBankCard: "privacy.bank-card"
        case .privacyAllowed: "privacy.allowed"
        case .privacyExceptionBasis: "privacy.exception-basis"
        case .privacyExceptionExpired: "privacy.exception-expired"
        case .privacyAttachmentUnscanned: "privacy.attachment-unscanned"
        case .proactiveLate, .changeLate: "time.proactive-20wd"
        case .interpretationLate: "interp.late"
        case .adoptionLate: "decision.adoption-late"
        case .calendarMissing: "time.calendar-missing"
        case .calendarNoNotice: "time.calendar-notice"
        case .calendarUpdate: "time.calendar-update"
        case .brokenLink: "links.internal"
        case .ipLiteral: "ipv6.literal"
        case .thirdPartySubresource, .thirdPartyInCSS: "ipv6.third-party-subresource"
        case .pageLanguage: "a11y.lang"
        case .pageTitleMissing: "a11y.title"
        case .pageH1Count: "a11y.h1"
        case .headingSkip: "a11y.heading-order"
        case .imageWithoutAlt: "a11y.img-alt"
        case .imageAltEmpty: "a11y.empty-alt"
        case .tableWithoutHeaders: "a11y.table"
        case .footerMarkMissing: "site.footer-page"
        case .templateSyntax: "template.syntax"
        case .templateMissing: "template.missing"
        case .partialMissing: "template.missing-partial"
        case .templateUnknownName: "template.unknown-name"
        }
    }

    /// The severity a site gets unless it configures another. Leaks and broken identifiers are
    /// errors (DISCLOSURE.md P1, P3); checks whose only fix is to publish more are warnings (P2).
    public var defaultSeverity: Severity {
        switch self {
        case .documentNumberYear, .indexNumberYear, .indexNumberUnrecorded, .rawHTMLDropped,
            .reportCrossYear, .reportCatalogMatch, .reportCountyRules, .reportStockFlow,
            .catalogUnlisted, .interpretationUnlinked, .placeholderText, .emptyReasonUnused, .reportTablesIgnored, .reportDeadline, .reportPlanLink,
            .planDeadlineVague, .planDeadlineRange, .planOverdue, .planDoneEvidence,
            .disclosureReasonBasis, .interpretationMissing, .interpretationForms,
            .privacyResidentID15, .privacyExceptionExpired, .proactiveLate, .changeLate, .interpretationLate, .adoptionLate, .calendarMissing, .calendarNoNotice,
            .templateUnknownName, .imageAltEmpty:
            .warning
        case .privacyAttachmentUnscanned, .calendarUpdate, .heldDraft, .heldScheduled:
            .info
        case .privacyAllowed(_, _, _, let fullResidentID):
            // A full 18-digit ID stays a warning under an exception: 公示 usually masks it (§5.3).
            fullResidentID ? .warning : .info
        case .privacyResidentID(_, let confident, _), .privacyBankCard(_, let confident, _):
            confident ? .error : .warning
        default:
            .error
        }
    }
}
