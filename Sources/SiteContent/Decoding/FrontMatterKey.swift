/// Every front-matter key, one spelling per concept (docs/content-format.md).
enum FrontMatterKey: String, CaseIterable {
    /// 标题: `title: 宁阳县人民政府办公室关于做好2021年全县政务公开工作的通知`
    case title
    /// 类别: `kind: policy` (policy, interpretation, plan, annual-report, page)
    case kind
    /// 发布机构: an agency id, or a list for a joint issuance: `issuer: xzfb`
    case issuer
    /// 文号: `document_number: 宁政办发〔2021〕6号`
    case documentNumber = "document_number"
    /// 索引号: `index_number: 004336540/2021-00006`
    case indexNumber = "index_number"
    /// 成文日期: `written: 2021-05-19`
    case written
    /// 发布日期: `published: 2021-05-21`
    case published
    /// 公开属性: `disclosure: 主动公开` (or 依申请公开, 不予公开; English aliases proactive, on-request, withheld)
    case disclosure
    /// 不公开理由 (legal basis), required unless 主动公开
    case disclosureReason = "disclosure_reason"
    /// 目录栏目: `catalog: [zcwj]`
    case catalog
    /// 主题分类: `topics: [综合政务]`
    case topics
    /// 内容概述
    case summary
    /// 附件: `attachments: [{file: 附件1.pdf, title: 附件1：申请表}]`
    case attachments
    /// 个人信息公开依据: `privacy: {exception: 惩戒公示, basis: …, allow: [name, residentId], display_until: 2024-03-31}`
    case privacy
    /// 有效性 (policy): `validity: 现行有效` (已修改, 已废止, 已失效)
    case validity
    /// 替代文件 (policy): the id of the document that replaces this one
    case supersededBy = "superseded_by"
    /// 行政规范性文件 (policy): `normative: true`
    case normative
    /// 解读对象 (interpretation): the id of the policy explained
    case interprets
    /// 解读形式 (interpretation): `forms: [文字, 图解, 简明问答]`
    case forms
    /// 任务分解表 (plan): a list of tasks
    case tasks
    /// 年度 (annual-report, decision): `year: 2021`
    case year
    /// 报告表格 (annual-report): table id → row id → column id → number
    case tables
    /// 承办单位 (decision): agency ids
    case lead
    /// 进展 (decision): 征求意见中, 已决策 …
    case status
    /// 事项材料 (decision): item → document id or URL: `items: {draft: policies/x, result: policies/y}`
    case items
    /// 保密审查和三审 (never rendered): `review: {confidentiality: {by, on}, stages: [{stage: 初审, by, on}, …]}`
    case review
    /// 草稿: `draft: true` keeps the document out of Public/ (site build --drafts previews it)
    case draft
    /// 更新记录: `changes: [{date: 2022-03-01, note: 修改第三条}]`
    case changes

    /// The kinds that may use the key; nil means every kind.
    var kinds: [DocumentKind]? {
        switch self {
        case .validity, .supersededBy, .normative: [.policy]
        case .interprets, .forms: [.interpretation]
        case .tasks: [.plan]
        case .year: [.annualReport, .decision]
        case .tables: [.annualReport]
        case .lead, .status, .items: [.decision]
        default: nil
        }
    }

    static var allSpellings: [String] { allCases.map(\.rawValue) }
}

/// The keys of one row of a task decomposition table.
enum TaskKey: String, CaseIterable {
    /// 序号
    case number
    /// 工作任务: one or two levels, `area: [推进重点领域信息公开, 财政信息]`
    case area
    /// 具体要求
    case task
    /// 牵头单位: agency ids
    case lead
    /// 责任单位: agency ids
    case responsible
    /// 完成时限: `2023-12-31`, `2023年12月底前`, `长期坚持`
    case due
    /// 进展: 未开始, 推进中, 已完成
    case status
    /// 佐证: the documents that show the task done
    case evidence
}
