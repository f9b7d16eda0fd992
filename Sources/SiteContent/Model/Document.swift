import SiteCore

/// A Markdown file under Content/ with its front matter decoded. Every field keeps the place it was
/// written, so later stages can point at it.
public struct Document: Sendable, Identifiable {
    /// The decoded fields, shared by every copy: the graph and the renderer copy documents all the
    /// time, and one reference costs one retain where 25 fields cost 25.
    private let fields: Fields

    final class Fields: Sendable, Codable {
        let id: DocumentID
        let path: String
        let kind: DocumentKind
        let title: Located<String>
        let issuers: [Located<String>]
        let documentNumber: Located<DocumentNumber>?
        let indexNumber: Located<IndexNumber>?
        let written: Located<CalendarDate>?
        let published: Located<CalendarDate>?
        let disclosure: Located<Disclosure>?
        let disclosureReason: String?
        let catalog: [Located<String>]
        let topics: [Located<String>]
        let summary: String?
        let summaryLocation: SourceLocation?
        let privacy: PrivacyException?
        let attachments: [Attachment]
        let details: Details
        let body: String
        let bodyLine: Int
        let frontMatter: String
        let keys: Set<String>
        let review: ReviewRecord?
        let draft: Bool
        let changes: [DocumentChange]

        init(
            id: DocumentID,
            path: String,
            kind: DocumentKind,
            title: Located<String>,
            issuers: [Located<String>],
            documentNumber: Located<DocumentNumber>?,
            indexNumber: Located<IndexNumber>?,
            written: Located<CalendarDate>?,
            published: Located<CalendarDate>?,
            disclosure: Located<Disclosure>?,
            disclosureReason: String?,
            catalog: [Located<String>],
            topics: [Located<String>],
            summary: String?,
            summaryLocation: SourceLocation?,
            privacy: PrivacyException?,
            attachments: [Attachment],
            details: Details,
            body: String,
            bodyLine: Int,
            frontMatter: String,
            keys: Set<String>,
            review: ReviewRecord?,
            draft: Bool,
            changes: [DocumentChange]
        ) {
            self.id = id
            self.path = path
            self.kind = kind
            self.title = title
            self.issuers = issuers
            self.documentNumber = documentNumber
            self.indexNumber = indexNumber
            self.written = written
            self.published = published
            self.disclosure = disclosure
            self.disclosureReason = disclosureReason
            self.catalog = catalog
            self.topics = topics
            self.summary = summary
            self.summaryLocation = summaryLocation
            self.privacy = privacy
            self.attachments = attachments
            self.details = details
            self.body = body
            self.bodyLine = bodyLine
            self.frontMatter = frontMatter
            self.keys = keys
            self.review = review
            self.draft = draft
            self.changes = changes
        }
    }

    public var id: DocumentID { fields.id }
    /// The file, relative to the folder `site` runs in: `Content/policies/2021-6.md`.
    public var path: String { fields.path }
    public var kind: DocumentKind { fields.kind }
    /// 标题
    public var title: Located<String> { fields.title }
    /// 发布机构: agency ids; several for a joint issuance (the first is the lead).
    public var issuers: [Located<String>] { fields.issuers }
    /// 文号
    public var documentNumber: Located<DocumentNumber>? { fields.documentNumber }
    /// 索引号
    public var indexNumber: Located<IndexNumber>? { fields.indexNumber }
    /// 成文日期
    public var written: Located<CalendarDate>? { fields.written }
    /// 发布日期
    public var published: Located<CalendarDate>? { fields.published }
    /// 公开属性; nil when the front matter lacks it, and then the document is not public.
    public var disclosure: Located<Disclosure>? { fields.disclosure }
    /// Why a document is not 主动公开 (legal basis).
    public var disclosureReason: String? { fields.disclosureReason }
    /// 目录栏目: catalog section ids.
    public var catalog: [Located<String>] { fields.catalog }
    /// 主题分类
    public var topics: [Located<String>] { fields.topics }
    /// 内容概述
    public var summary: String? { fields.summary }
    /// Where 内容概述 was written.
    public var summaryLocation: SourceLocation? { fields.summaryLocation }
    /// A lawful basis for publishing personal data (惩戒公示 / 强制性信息披露), when the document has one.
    public var privacy: PrivacyException? { fields.privacy }
    /// Files beside the document, published with it.
    public var attachments: [Attachment] { fields.attachments }
    /// What only some kinds have.
    public var details: Details { fields.details }
    /// The Markdown after the front matter.
    public var body: String { fields.body }
    /// The line of the file on which the body starts (1-based).
    public var bodyLine: Int { fields.bodyLine }
    /// The YAML between the fences as written, starting on line `FrontMatter.yamlLine`: where a
    /// rule finds the exact column of something inside a decoded value.
    public var frontMatter: String { fields.frontMatter }
    /// The front-matter keys the file wrote, valid or not: a rule about a missing value stays
    /// quiet when the value was written but rejected (that has its own diagnostic).
    public var keys: Set<String> { fields.keys }
    /// 保密审查 and 三审 (初审, 复审, 终审): checked, never rendered (DISCLOSURE.md §6.7).
    public var review: ReviewRecord? { fields.review }
    /// `draft: true`: checked, published only into a preview (`site build --drafts`).
    public var draft: Bool { fields.draft }
    /// 更新记录: each change after first publication, oldest first.
    public var changes: [DocumentChange] { fields.changes }

    /// Why this build leaves a 主动公开 document out: a draft, or a 发布日期 after the build's date.
    /// Set by the build (it depends on the as-of date), nil when the document is published.
    public var hold: Hold?
    /// In a preview build (`--drafts`), what would hold the document back in a real one: its page
    /// says so in a banner.
    public var previewHold: Hold?

    public enum Hold: Sendable, Equatable, Codable {
        case draft
        case scheduled(CalendarDate)
    }

    public enum Details: Sendable, Codable {
        case policy(PolicyDetails)
        case interpretation(InterpretationDetails)
        case plan(PlanDetails)
        case annualReport(AnnualReportDetails)
        case decision(DecisionDetails)
        case page
    }

    /// The same document with another front-matter text and body: a cache keeps documents without
    /// them (they are most of a document's bytes, and the file they come from is read anyway) and
    /// puts them back from the file.
    public func replacingSource(frontMatter: String, body: String) -> Document {
        var copy = Document(
            id: id, path: path, kind: kind, title: title, issuers: issuers, documentNumber: documentNumber, indexNumber: indexNumber,
            written: written, published: published, disclosure: disclosure, disclosureReason: disclosureReason, catalog: catalog,
            topics: topics, summary: summary, attachments: attachments, details: details, body: body, bodyLine: bodyLine, keys: keys,
            summaryLocation: summaryLocation, privacy: privacy, frontMatter: frontMatter, review: review, draft: draft, changes: changes)
        copy.hold = hold
        copy.previewHold = previewHold
        return copy
    }

    public init(
        id: DocumentID, path: String, kind: DocumentKind, title: Located<String>, issuers: [Located<String>],
        documentNumber: Located<DocumentNumber>?, indexNumber: Located<IndexNumber>?,
        written: Located<CalendarDate>?, published: Located<CalendarDate>?, disclosure: Located<Disclosure>?,
        disclosureReason: String?, catalog: [Located<String>], topics: [Located<String>], summary: String?,
        attachments: [Attachment], details: Details, body: String, bodyLine: Int, keys: Set<String> = [],
        summaryLocation: SourceLocation? = nil, privacy: PrivacyException? = nil, frontMatter: String = "",
        review: ReviewRecord? = nil, draft: Bool = false, changes: [DocumentChange] = []
    ) {
        fields = Fields(
            id: id,
            path: path,
            kind: kind,
            title: title,
            issuers: issuers,
            documentNumber: documentNumber,
            indexNumber: indexNumber,
            written: written,
            published: published,
            disclosure: disclosure,
            disclosureReason: disclosureReason,
            catalog: catalog,
            topics: topics,
            summary: summary,
            summaryLocation: summaryLocation,
            privacy: privacy,
            attachments: attachments,
            details: details,
            body: body,
            bodyLine: bodyLine,
            frontMatter: frontMatter,
            keys: keys,
            review: review,
            draft: draft,
            changes: changes)
    }

    /// Only 主动公开 documents are rendered, listed, linked or copied, and only once they are due:
    /// not a draft, not a 发布日期 still to come.
    public var isPublic: Bool { disclosure?.value == .proactive && hold == nil }

    /// Holds back a 主动公开 document that is a draft or whose 发布日期 is after `asOf`; a preview
    /// publishes it and marks it instead.
    public mutating func schedule(asOf: CalendarDate, preview: Bool) {
        guard disclosure?.value == .proactive else { return }
        let reason: Hold? =
            if draft { .draft } else if let date = published?.value, date > asOf { .scheduled(date) } else { nil }
        if preview { previewHold = reason } else { hold = reason }
    }

    /// The last day the document changed on the site: its latest change, else its 发布日期.
    public var updated: CalendarDate? { changes.map(\.published.value).max() ?? published?.value }

    public var policy: PolicyDetails? {
        if case .policy(let details) = details { return details }
        return nil
    }

    public var interpretation: InterpretationDetails? {
        if case .interpretation(let details) = details { return details }
        return nil
    }

    public var plan: PlanDetails? {
        if case .plan(let details) = details { return details }
        return nil
    }

    public var decision: DecisionDetails? {
        if case .decision(let details) = details { return details }
        return nil
    }

    public var annualReport: AnnualReportDetails? {
        if case .annualReport(let details) = details { return details }
        return nil
    }

    /// The location of the front matter's first line, for problems about the document as a whole.
    public var headerLocation: SourceLocation { SourceLocation(path: path, line: 1, column: 1) }
}

extension Document: Codable {
    private enum CodingKeys: String, CodingKey { case fields, hold, previewHold }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fields = try container.decode(Fields.self, forKey: .fields)
        hold = try container.decodeIfPresent(Hold.self, forKey: .hold)
        previewHold = try container.decodeIfPresent(Hold.self, forKey: .previewHold)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fields, forKey: .fields)
        try container.encodeIfPresent(hold, forKey: .hold)
        try container.encodeIfPresent(previewHold, forKey: .previewHold)
    }
}

/// A file published with a document (附件).
public struct Attachment: Sendable, Codable {
    /// The file as written in the front matter, relative to the document's folder.
    public let file: Located<String>
    /// The file's path under Content/, with `/` separators.
    public let contentPath: String
    /// 附件名称 shown on the page.
    public let title: String

    public init(file: Located<String>, contentPath: String, title: String) {
        self.file = file
        self.contentPath = contentPath
        self.title = title
    }

    /// The name the published copy gets, next to the document's page.
    public var fileName: String { String(contentPath.split(separator: "/").last ?? "") }
}

/// 政策文件 fields.
public struct PolicyDetails: Sendable, Codable {
    /// 有效性; nil when missing (an error reported by the checks).
    public let validity: Located<Validity>?
    /// 替代文件: the document that replaces this one.
    public let supersededBy: Located<DocumentID>?
    /// 行政规范性文件
    public let normative: Bool

    public init(validity: Located<Validity>?, supersededBy: Located<DocumentID>?, normative: Bool) {
        self.validity = validity
        self.supersededBy = supersededBy
        self.normative = normative
    }
}

/// 政策解读 fields.
public struct InterpretationDetails: Sendable, Codable {
    /// 解读对象: the policy explained.
    public let interprets: Located<DocumentID>?
    /// 解读形式
    public let forms: [Located<InterpretationForm>]

    public init(interprets: Located<DocumentID>?, forms: [Located<InterpretationForm>]) {
        self.interprets = interprets
        self.forms = forms
    }
}

extension Document {
    /// Listed in the 主动公开目录: a catalog entry (policy, interpretation, plan, report), or a page
    /// or decision that names a catalog section (the 信息公开指南, 机构职能 …). What the catalog's
    /// sections list is what its exports and facets count.
    public var isListed: Bool { kind.isCatalogEntry || !catalog.isEmpty }

    /// Whether this is a year's work plan for 政务公开 (工作要点), which that year's annual report
    /// must report on: a plan written that year whose title says 要点, or names the year and
    /// 政务公开 (`关于做好2021年全县政务公开工作的通知` is one).
    public func isDisclosureWorkPlan(year: Int) -> Bool {
        guard plan != nil, written?.value.year == year else { return false }
        let title = self.title.value
        return title.contains("要点") || (title.contains("\(year)年") && title.contains("政务公开"))
    }
}

/// 规划 / 工作要点 fields.
public struct PlanDetails: Sendable, Codable {
    /// 任务分解表, in table order.
    public let tasks: [PlanTask]

    public init(tasks: [PlanTask]) { self.tasks = tasks }

    /// A plan tracks progress when any of its tasks has a status; only then are tasks overdue.
    public var tracksProgress: Bool { tasks.contains { $0.status != nil } }
}

/// One row of a task decomposition table (任务分解表).
public struct PlanTask: Sendable, Codable {
    /// 序号 as written, if any.
    public let number: Int?
    /// 工作任务: one or two levels of grouping.
    public let area: [String]
    /// 具体要求 / 工作任务及要求
    public let task: String
    /// 牵头单位: agency ids.
    public let lead: [Located<String>]
    /// 责任单位: agency ids.
    public let responsible: [Located<String>]
    /// 完成时限 as written (2023-12-31, 2023年12月底前, 长期坚持).
    public let due: Located<String>?
    /// 进展: 未开始 / 推进中 / 已完成; nil when the plan does not track progress.
    public let status: Located<TaskStatus>?
    /// Documents that show the task done.
    public let evidence: [Located<DocumentID>]
    public let location: SourceLocation

    public init(
        number: Int?, area: [String], task: String, lead: [Located<String>], responsible: [Located<String>],
        due: Located<String>?, status: Located<TaskStatus>?, evidence: [Located<DocumentID>] = [], location: SourceLocation
    ) {
        self.number = number
        self.area = area
        self.task = task
        self.lead = lead
        self.responsible = responsible
        self.due = due
        self.status = status
        self.evidence = evidence
        self.location = location
    }
}

/// 政府信息公开工作年度报告 fields: the report year and its tables as data.
public struct AnnualReportDetails: Sendable {
    /// The year reported on (the report is published the year after).
    public let year: Located<Int>?
    /// `tables: {t3: {new_received: {natural: 10, …}, …}, …}`: table id → row id → column id →
    /// cell as written. The national format (annual-report-format.yaml) gives the ids.
    public let tables: [String: [String: [String: Located<String>]]]

    public init(year: Located<Int>?, tables: [String: [String: [String: Located<String>]]]) {
        self.year = year
        self.tables = tables
    }
}

/// The tables as lists of pairs in key order: some coders (the document cache's) cannot code a
/// dictionary, and the order makes the coding the same every time.
extension AnnualReportDetails: Codable {
    private enum CodingKeys: String, CodingKey { case year, tables }
    private struct Cell: Codable { var column: String; var value: Located<String> }
    private struct Row: Codable { var row: String; var cells: [Cell] }
    private struct Table: Codable { var table: String; var rows: [Row] }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        year = try container.decodeIfPresent(Located<Int>.self, forKey: .year)
        var tables: [String: [String: [String: Located<String>]]] = [:]
        for table in try container.decode([Table].self, forKey: .tables) {
            var rows: [String: [String: Located<String>]] = [:]
            for row in table.rows {
                rows[row.row] = Dictionary(row.cells.map { ($0.column, $0.value) }, uniquingKeysWith: { first, _ in first })
            }
            tables[table.table] = rows
        }
        self.tables = tables
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(year, forKey: .year)
        let list = tables.sorted { $0.key < $1.key }.map { table, rows in
            Table(table: table, rows: rows.sorted { $0.key < $1.key }.map { row, cells in
                Row(row: row, cells: cells.sorted { $0.key < $1.key }.map { Cell(column: $0.key, value: $0.value) })
            })
        }
        try container.encode(list, forKey: .tables)
    }
}

/// 重大行政决策事项 fields (DISCLOSURE.md §3.4).
public struct DecisionDetails: Sendable {
    /// The year of the directory the decision belongs to.
    public let year: Located<Int>?
    /// 承办单位: agency ids.
    public let lead: [Located<String>]
    /// 进展, as written (征求意见中, 已决策 …).
    public let status: String?
    /// The published items, in the order of `DecisionItem.allCases`.
    public let items: [(item: DecisionItem, target: Located<DecisionTarget>)]

    public init(year: Located<Int>?, lead: [Located<String>], status: String?, items: [(item: DecisionItem, target: Located<DecisionTarget>)]) {
        self.year = year
        self.lead = lead
        self.status = status
        self.items = items
    }
}

/// Coded by hand only because `items` is a list of pairs, which Swift cannot code on its own.
extension DecisionDetails: Codable {
    private enum CodingKeys: String, CodingKey { case year, lead, status, items, targets }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        year = try container.decodeIfPresent(Located<Int>.self, forKey: .year)
        lead = try container.decode([Located<String>].self, forKey: .lead)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        let items = try container.decode([DecisionItem].self, forKey: .items)
        let targets = try container.decode([Located<DecisionTarget>].self, forKey: .targets)
        guard items.count == targets.count else {
            throw DecodingError.dataCorruptedError(forKey: .targets, in: container, debugDescription: "one target per item")
        }
        self.items = Array(zip(items, targets)).map { (item: $0.0, target: $0.1) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(year, forKey: .year)
        try container.encode(lead, forKey: .lead)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encode(items.map(\.item), forKey: .items)
        try container.encode(items.map(\.target), forKey: .targets)
    }
}

/// Where a decision item is published: a document of the site, or a page elsewhere (a 融媒体 site).
public enum DecisionTarget: Sendable, Hashable, Codable {
    case document(DocumentID)
    case external(String)
}

/// The items a decision publishes, as seed 004 lists them; the last three only "视情".
public enum DecisionItem: String, Sendable, CaseIterable, Codable {
    case draft
    case draftExplanation = "draft_explanation"
    case background
    case opinionAdoption = "opinion_adoption"
    case attendance
    case result
    case riskAssessment = "risk_assessment"
    case expertReview = "expert_review"
    case effectEvaluation = "effect_evaluation"

    public var chinese: String {
        switch self {
        case .draft: "草案全文"
        case .draftExplanation: "草案说明"
        case .background: "决策背景"
        case .opinionAdoption: "意见收集和采纳情况"
        case .attendance: "公众代表列席情况"
        case .result: "决策结果"
        case .riskAssessment: "风险评估"
        case .expertReview: "专家论证"
        case .effectEvaluation: "效果评估"
        }
    }

    /// The six items every decision is expected to publish; the others are published "视情".
    public var isRequired: Bool {
        switch self {
        case .riskAssessment, .expertReview, .effectEvaluation: false
        default: true
        }
    }
}

/// `privacy:` in front matter: the lawful basis on which a document publishes personal data
/// (DISCLOSURE.md §5.3). Findings of the allowed kinds drop to info; they are never silent.
public struct PrivacyException: Sendable, Codable {
    public enum Basis: String, Sendable, CaseIterable, Codable {
        /// 惩戒公示
        case punitiveDisclosure
        /// 强制性信息披露
        case mandatoryDisclosure

        public var chinese: String { self == .punitiveDisclosure ? "惩戒公示" : "强制性信息披露" }
    }

    public let exception: Located<Basis>
    /// The law, regulation or notice that requires the publication.
    public let basis: String?
    /// `name`, `residentId`, `mobile`, `bankCard`.
    public let allow: Set<String>
    /// The end of the 公示 period.
    public let displayUntil: Located<CalendarDate>?

    public init(exception: Located<Basis>, basis: String?, allow: Set<String>, displayUntil: Located<CalendarDate>?) {
        self.exception = exception
        self.basis = basis
        self.allow = allow
        self.displayUntil = displayUntil
    }
}

/// 保密审查 and 三审 of a document, as `review:` records them (DISCLOSURE.md §6.7). Staff names or ids
/// stay in the source: nothing of this is rendered, and a reviewer's name in the output is an error.
public struct ReviewRecord: Sendable, Codable {
    /// One signature: who, and on which day.
    public struct Step: Sendable, Codable {
        /// 初审, 复审, 终审 for a stage; 保密审查 for the confidentiality review.
        public let label: String
        public let by: Located<String>
        public let on: Located<CalendarDate>

        public init(label: String, by: Located<String>, on: Located<CalendarDate>) {
            self.label = label
            self.by = by
            self.on = on
        }
    }

    /// 保密审查 (条例 第十七条).
    public let confidentiality: Step?
    /// 初审, 复审, 终审, in the order written.
    public let stages: [Step]
    /// Where `review:` was written.
    public let location: SourceLocation

    public init(confidentiality: Step?, stages: [Step], location: SourceLocation) {
        self.confidentiality = confidentiality
        self.stages = stages
        self.location = location
    }

    /// The stage names, in order.
    public static let stageNames = ["初审", "复审", "终审"]

    /// Everyone who signed, for the leak check.
    public var reviewers: [String] { ([confidentiality].compactMap { $0 } + stages).map(\.by.value) }
}

/// One entry of 更新记录: `{date: 2022-03-01, note: 修改第三条}`, with `published` when the change
/// went online later than it was made (the 20-working-day clock runs from `date`).
public struct DocumentChange: Sendable, Codable {
    /// 变更日期
    public let date: Located<CalendarDate>
    /// The day the changed text was published on the site.
    public let published: Located<CalendarDate>
    /// What changed, one line.
    public let note: String

    public init(date: Located<CalendarDate>, published: Located<CalendarDate>, note: String) {
        self.date = date
        self.published = published
        self.note = note
    }
}
