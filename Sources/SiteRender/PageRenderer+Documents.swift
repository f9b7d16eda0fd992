import SiteContent
import SiteCore
import SiteGraph

/// Document pages and agency pages.
extension PageRenderer {
    func documentPage(_ document: Document) -> PageView {
        let sections = document.catalog.compactMap { graph.section($0.value) }
        let primary = sections.first
        var crumbs = [homeCrumb]
        if let primary {
            crumbs += [catalogCrumb] + sectionCrumbs(primary.id)
        } else if document.kind == .decision {
            crumbs += [catalogCrumb, LinkView(title: "重大行政决策事项目录", href: href(.decisions), current: false)]
        }
        crumbs.append(here(document.title.value))
        return page(
            .document(document.id), title: document.title.value, description: document.summary,
            breadcrumb: crumbs, navigation: primary.flatMap { graph.sectionPath($0.id).first?.id } ?? "xxgk",
            document: documentView(document, sections: sections))
    }

    func documentView(_ document: Document, sections: [CatalogSection]) -> DocumentView {
        let issuers = document.issuers.compactMap { graph.agency($0.value) }
        let policy = document.policy
        let validity = policy?.validity?.value
        func publicRelated(_ id: DocumentID?) -> RelatedView? {
            id.flatMap { graph[$0] }.flatMap { $0.isPublic ? related($0) : nil }
        }
        let year = (document.written ?? document.published)?.value.year ?? asOf.year
        let tasks = (document.plan?.tasks ?? []).enumerated().map { taskView($1, index: $0, year: year, published: document.published?.value) }
        let report = reportParts(document)
        let plan = planParts(document)
        return DocumentView(
            id: document.id.rawValue, kind: document.kind.rawValue, kindName: document.kind.chineseName,
            title: document.title.value, href: href(document.id.page),
            indexNumber: document.indexNumber?.value.text,
            issuer: issuers.isEmpty ? nil : issuers.map(\.name).joined(separator: "、"),
            issuers: issuers.map { LinkView(title: $0.name, href: href(.agency($0.id, page: 1)), current: false) },
            written: document.written?.value.description, published: document.published?.value.description,
            documentNumber: document.documentNumber?.value.text,
            validity: validity?.chinese, validityClass: validity.map(validityClass),
            normative: policy?.normative ?? false,
            topics: document.topics.isEmpty ? nil : document.topics.map(\.value).joined(separator: "、"),
            summary: document.summary, bodyHTML: bodies[document.id] ?? "",
            attachments: document.attachments.map {
                AttachmentView(title: $0.title, href: href(SitePath(file: $0.contentPath)), fileName: $0.fileName)
            },
            sections: sections.map { LinkView(title: $0.title, href: href(.section($0.id, page: 1)), current: false) },
            interpretations: (graph.interpretations[document.id] ?? []).compactMap { graph[$0] }.map(related),
            policy: publicRelated(document.interpretation?.interprets?.value),
            forms: document.interpretation.map(formsText),
            supersededBy: graph.currentVersion(of: document.id).map(related),
            successor: graph.currentVersion(of: document.id) == nil ? publicRelated(policy?.supersededBy?.value) : nil,
            previewNotice: document.previewHold.map { hold in
                switch hold {
                case .draft: "草稿：本页仅供审核预览，尚未发布"
                case .scheduled(let date): "定时发布：本页将于\(date.year)年\(date.month)月\(date.day)日发布，当前为预览"
                }
            },
            changes: document.changes.map { ChangeView(date: $0.published.value.description, note: $0.note) },
            statusNotice: validity.flatMap(statusNotice),
            replaces: (graph.replaces[document.id] ?? []).compactMap { graph[$0] }.map(related),
            backlinks: (graph.backlinks[document.id] ?? []).compactMap { graph[$0] }.map(related),
            tasks: tasks, hasTasks: !tasks.isEmpty,
            reportYear: (document.annualReport?.year ?? document.decision?.year).map { String($0.value) },
            lead: document.decision.map { leadNames($0.lead) },
            status: document.decision?.status,
            decisionItems: document.decision == nil ? [] : decisionItems(document, requiredOnly: false),
            isDecision: document.decision != nil,
            decisions: (graph.decisionsOf[document.id] ?? []).compactMap { graph[$0] }.map(related),
            reportFormat: report.format, preambleHTML: report.preamble, reportSections: report.sections,
            hasReportSections: !report.sections.isEmpty, yearPlans: report.yearPlans,
            taskTable: plan.table, statusCounts: plan.counts, tracksProgress: plan.tracks, overdue: plan.overdue,
            hasOverdue: !plan.overdue.isEmpty)
    }

    func validityClass(_ validity: Validity) -> String {
        switch validity {
        case .inForce: "in-force"
        case .amended: "amended"
        case .repealed: "repealed"
        case .expired: "expired"
        }
    }

    func statusNotice(_ validity: Validity) -> String? {
        switch validity {
        case .inForce: nil
        case .amended: "本文件已修改"
        case .repealed: "本文件已废止"
        case .expired: "本文件已失效"
        }
    }

    func unitNames(_ ids: [Located<String>]) -> String {
        ids.map { graph.agency($0.value)?.shortName ?? $0.value }.joined(separator: "、")
    }

    // MARK: Agencies

    func agencyPage(_ agency: Agency, page number: Int) -> PageView {
        let list = graph.issuedBy[agency.id] ?? []
        let entries = slice(list, page: number)
        // The tasks go on the first page only; later pages continue the list of documents.
        let tasks = number > 1 ? [] : (graph.tasksByAgency[agency.id] ?? []).compactMap { reference -> AgencyTaskView? in
            guard let plan = graph[reference.plan], let task = plan.plan?.tasks[reference.index] else { return nil }
            return AgencyTaskView(
                planTitle: plan.title.value, planHref: href(plan.id.page), number: String(task.number ?? reference.index + 1),
                task: task.task, role: reference.role == .lead ? "牵头" : "参与", due: task.due?.value ?? "",
                status: task.status?.value.chinese)
        }
        return page(
            .agency(agency.id, page: number), title: number > 1 ? "\(agency.name)（第\(number)页）" : agency.name,
            breadcrumb: [homeCrumb, catalogCrumb, LinkView(title: "按发布机构", href: href(.agencies), current: false), here(agency.name)],
            navigation: "xxgk",
            agency: AgencyView(
                name: agency.name, shortName: agency.shortName, levelName: levelName(agency.level),
                entries: entries, listCaption: caption("\(agency.name) 发布的信息", count: list.count, page: number),
                hasDocuments: !entries.isEmpty, count: list.count,
                pagination: pagination(count: list.count, page: number) { .agency(agency.id, page: $0) },
                tasks: tasks, hasTasks: !tasks.isEmpty))
    }
}
