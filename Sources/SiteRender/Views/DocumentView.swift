/// A document page: the metadata table Chinese disclosure pages show, the body, attachments and
/// relations.
struct DocumentView {
    let id: String
    /// `policy`, `interpretation`, `plan`, `annual-report`, `page`.
    let kind: String
    /// 政策文件, 政策解读 …
    let kindName: String
    let title: String
    let href: String
    /// 索引号
    let indexNumber: String?
    /// 发布机构: full names, joined by 、
    let issuer: String?
    /// The issuing agencies, linking to their pages.
    let issuers: [LinkView]
    /// 成文日期, ISO
    let written: String?
    /// 发布日期, ISO
    let published: String?
    /// 文号
    let documentNumber: String?
    /// 有效性
    let validity: String?
    /// `in-force`, `amended`, `repealed`, `expired`: a CSS hook for the validity.
    let validityClass: String?
    /// 行政规范性文件
    let normative: Bool
    /// 主题分类, joined by 、
    let topics: String?
    /// 内容概述
    let summary: String?
    /// The rendered body (the only unescaped value).
    var bodyHTML: String
    let attachments: [AttachmentView]
    /// The catalog sections the document is listed in.
    let sections: [LinkView]

    /// A policy's interpretations (政策解读).
    let interpretations: [RelatedView]
    /// An interpretation's policy (解读对象).
    let policy: RelatedView?
    /// An interpretation's forms, joined by 、
    let forms: String?
    /// The document that replaces this one, for the 本文件已废止 banner.
    /// The document in force now, at the end of the `superseded_by` chain.
    let supersededBy: RelatedView?
    /// The direct replacement when no document of its chain is in force (it was repealed too).
    let successor: RelatedView?
    /// In a preview: 草稿, or 定时发布 with the day, for a document a real build holds back.
    let previewNotice: String?
    /// 更新记录, oldest first.
    let changes: [ChangeView]
    /// 本文件已废止 / 本文件已修改 / 本文件已失效, when not in force.
    let statusNotice: String?
    /// Documents this one replaces.
    let replaces: [RelatedView]
    /// Public documents whose bodies link here (被以下文件引用).
    let backlinks: [RelatedView]
    /// A plan's task decomposition table.
    let tasks: [TaskView]
    let hasTasks: Bool
    /// An annual report's or a decision's year.
    let reportYear: String?
    /// A decision's 承办单位, full names.
    let lead: String?
    /// A decision's 进展.
    let status: String?
    /// A decision's items, published or not.
    let decisionItems: [DecisionItemView]
    let isDecision: Bool
    /// The decisions this document is an item of.
    let decisions: [RelatedView]

    /// An annual report: the format it follows, its text before the first section, and its six
    /// sections with their tables.
    let reportFormat: String?
    let preambleHTML: String?
    let reportSections: [ReportSectionView]
    let hasReportSections: Bool
    /// An annual report: the year's work plans and their progress.
    let yearPlans: [PlanSummaryView]

    /// A plan: the task decomposition table with its merged area cells, counts by status, and the
    /// tasks past their deadline.
    let taskTable: TableView?
    let statusCounts: [StatusCountView]
    let tracksProgress: Bool
    let overdue: [TaskView]
    let hasOverdue: Bool
}

/// Another document, as a line in a relation list.
struct RelatedView {
    let title: String
    let href: String
    let documentNumber: String?
    let published: String?
    /// For interpretations: 文字、图解 …
    let forms: String?
    let kindName: String
}

struct AttachmentView {
    let title: String
    let href: String
    let fileName: String
}

/// A row of a task decomposition table.
struct TaskView {
    /// 序号
    let number: String
    /// 工作任务, the levels joined by ' / '
    let area: String
    /// 具体要求
    let task: String
    /// 牵头单位, short names
    let lead: String
    /// 责任单位, short names
    let responsible: String
    /// 完成时限
    let due: String
    /// 进展
    let status: String?
    /// 完成时限 as a date, when it is one.
    let dueDate: String?
}

/// One line of 更新记录.
struct ChangeView {
    /// The day the change was published on the site, `YYYY-MM-DD`.
    let date: String
    let note: String
}
