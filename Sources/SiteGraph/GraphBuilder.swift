import Foundation
import SiteContent
import SiteCore
import SiteMarkdown

/// Links loaded documents and the links found in their bodies into a `ContentGraph`, and reports
/// every reference that does not link up: unknown agencies and catalog sections, duplicate 索引号
/// and 文号, `interprets` and `superseded_by` targets, body links, and output path collisions.
public struct GraphBuilder: Sendable {
    public init() {}

    public func build(
        configuration: SiteConfiguration, content: LoadedContent, links: [DocumentID: [LinkReference]],
        anchors: [DocumentID: [String]] = [:]
    ) -> (ContentGraph, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let documents = content.documents
        var byID: [DocumentID: Document] = [:]
        for document in documents { byID[document.id] = document }
        let allIDs = documents.map(\.id.rawValue) + content.undecodable.map(\.rawValue)
        let agencyIDs = Set(content.agencies.map(\.id))
        let sectionIDs = Set(content.catalog.flatMap(\.flattened).map(\.id))

        func suggestion(_ id: String, among candidates: some Sequence<String>) -> String? {
            Suggestion.closest(to: id, among: candidates)
        }
        func checkAgency(_ id: Located<String>) {
            if !agencyIDs.contains(id.value) {
                diagnostics.append(Diagnostic(.unknownAgency(id: id.value, suggestion: suggestion(id.value, among: agencyIDs)), at: id.location))
            }
        }

        // Identifiers and references of each document.
        var unknownSections = false
        var indexNumbers: [String: [Document]] = [:]
        var documentNumbers: [String: SourceLocation] = [:]
        for document in documents {
            document.issuers.forEach(checkAgency)
            for section in document.catalog where !sectionIDs.contains(section.value) {
                unknownSections = true
                diagnostics.append(Diagnostic(.unknownSection(id: section.value, suggestion: suggestion(section.value, among: sectionIDs)), at: section.location))
            }
            if let number = document.indexNumber {
                indexNumbers[number.value.text, default: []].append(document)
            }
            if let number = document.documentNumber {
                if let first = documentNumbers[number.value.text] {
                    diagnostics.append(Diagnostic(.documentNumberDuplicate(value: number.value.text), at: number.location, related: [.init(first, note: "also used here")]))
                } else {
                    documentNumbers[number.value.text] = number.location
                }
            }
            for task in document.plan?.tasks ?? [] {
                task.lead.forEach(checkAgency)
                task.responsible.forEach(checkAgency)
                for evidence in task.evidence {
                    if let target = byID[evidence.value] {
                        if document.isPublic, let hold = Self.held(target) {
                            diagnostics.append(Diagnostic(.heldTarget(reference: "'evidence'", target: evidence.value.rawValue, hold: hold), at: evidence.location))
                        } else if document.isPublic, !target.isPublic, target.disclosure != nil {
                            diagnostics.append(Diagnostic(.evidenceNonPublic(target: evidence.value.rawValue), at: evidence.location))
                        }
                    } else if !content.undecodable.contains(evidence.value) {
                        diagnostics.append(Diagnostic(
                            .evidenceMissing(target: evidence.value.rawValue, suggestion: suggestion(evidence.value.rawValue, among: allIDs)),
                            at: evidence.location))
                    }
                }
            }
            if ReservedPaths.isReserved(topLevel: document.id.rawValue) {
                diagnostics.append(Diagnostic(.outputCollision(path: document.id.page.outputFile), at: document.headerLocation))
            }
        }

        // A shared 索引号 stays with the one published first: the error goes to the newcomer, whose
        // number is the one to change. When the ledger records the number, its check below says
        // which document may keep it.
        for (text, sharing) in indexNumbers.sorted(by: { $0.key < $1.key }) where sharing.count > 1 {
            if content.ledger?.entry(for: sharing[0].indexNumber!.value) != nil { continue }
            let owner = sharing.min { Self.oldestFirst($0, $1) }!
            for document in sharing where document.id != owner.id {
                diagnostics.append(Diagnostic(
                    .indexNumberDuplicate(value: text), at: document.indexNumber!.location,
                    related: [.init(owner.indexNumber!.location, note: "given first to '\(owner.id)' here")]))
            }
        }
        if let ledger = content.ledger {
            diagnostics += ledgerProblems(ledger, documents: documents)
        }

        for section in content.catalog.flatMap(\.flattened) where ReservedPaths.sectionIDs.contains(section.id) {
            diagnostics.append(Diagnostic(.reservedSectionID(id: section.id), at: section.location))
        }

        // Interpretations.
        var interpretations: [DocumentID: [DocumentID]] = [:]
        for document in documents {
            guard let target = document.interpretation?.interprets else { continue }
            guard let policy = byID[target.value] else {
                if !content.undecodable.contains(target.value) {
                    diagnostics.append(Diagnostic(.interpretsMissing(target: target.value.rawValue, suggestion: suggestion(target.value.rawValue, among: allIDs)), at: target.location))
                }
                continue
            }
            guard policy.kind == .policy else {
                diagnostics.append(Diagnostic(.interpretsNotPolicy(target: target.value.rawValue, kind: policy.kind.rawValue), at: target.location))
                continue
            }
            if document.isPublic && !policy.isPublic {
                // A target without any disclosure has its own error; do not repeat it here.
                if policy.disclosure == nil { continue }
                if let hold = Self.held(policy) {
                    diagnostics.append(Diagnostic(.heldTarget(reference: "'interprets'", target: target.value.rawValue, hold: hold), at: target.location))
                    continue
                }
                diagnostics.append(Diagnostic(.interpretsNonPublic(target: target.value.rawValue), at: target.location))
                continue
            }
            if document.isPublic { interpretations[policy.id, default: []].append(document.id) }
        }

        // Supersession: targets exist and are public, chains end.
        var replaces: [DocumentID: [DocumentID]] = [:]
        for document in documents {
            guard let details = document.policy, let target = details.supersededBy else { continue }
            guard let replacement = byID[target.value] else {
                if !content.undecodable.contains(target.value) {
                    diagnostics.append(Diagnostic(.supersededByMissing(target: target.value.rawValue, suggestion: suggestion(target.value.rawValue, among: allIDs)), at: target.location))
                }
                continue
            }
            if document.isPublic && !replacement.isPublic {
                if replacement.disclosure == nil { continue }
                if let hold = Self.held(replacement) {
                    diagnostics.append(Diagnostic(.heldTarget(reference: "'superseded_by'", target: target.value.rawValue, hold: hold), at: target.location))
                    continue
                }
                diagnostics.append(Diagnostic(.supersededByNonPublic(target: target.value.rawValue), at: target.location))
                continue
            }
            if details.validity?.value == .inForce {
                diagnostics.append(Diagnostic(.supersededButInForce(target: target.value.rawValue), at: target.location))
            }
            if document.isPublic { replaces[replacement.id, default: []].append(document.id) }
        }
        diagnostics += supersessionCycles(documents, byID: byID)

        // Decision entries: their units exist and their items are public documents.
        var decisionsOf: [DocumentID: [DocumentID]] = [:]
        for document in documents {
            guard let decision = document.decision else { continue }
            decision.lead.forEach(checkAgency)
            for (item, target) in decision.items {
                guard case .document(let id) = target.value else { continue }
                guard let linked = byID[id] else {
                    if !content.undecodable.contains(id) {
                        diagnostics.append(Diagnostic(
                            .decisionItemMissing(item: item.rawValue, target: id.rawValue, suggestion: suggestion(id.rawValue, among: allIDs)),
                            at: target.location))
                    }
                    continue
                }
                if document.isPublic {
                    if linked.isPublic {
                        decisionsOf[id, default: []].append(document.id)
                    } else if let hold = Self.held(linked) {
                        diagnostics.append(Diagnostic(.heldTarget(reference: "item '\(item.rawValue)'", target: id.rawValue, hold: hold), at: target.location))
                    } else if linked.disclosure != nil {
                        diagnostics.append(Diagnostic(.decisionItemNonPublic(item: item.rawValue, target: id.rawValue), at: target.location))
                    }
                }
            }
        }

        // Body links. A file is published only when a public document links to it or attaches it,
        // and never when it belongs to a document that is not public or is one the build reads.
        var backlinks: [DocumentID: Set<DocumentID>] = [:]
        var publishedFiles: [String: DocumentID] = [:]
        var withheldAttachments: [String: Document] = [:]
        for document in documents where !document.isPublic {
            for attachment in document.attachments { withheldAttachments[attachment.contentPath] = document }
        }
        for document in documents {
            for link in links[document.id] ?? [] {
                switch link.target {
                case .document(let target, let fragment):
                    guard let linked = byID[target] else { continue }
                    if let fragment, !fragment.isEmpty, let ids = anchors[target] {
                        let decoded = fragment.percentDecoded
                        if !ids.contains(decoded) {
                            diagnostics.append(Diagnostic(
                                .danglingFragment(target: link.destination, fragment: decoded, suggestion: suggestion(decoded, among: ids)),
                                at: link.location))
                        }
                    }
                    if document.isPublic {
                        if linked.isPublic {
                            if target != document.id { backlinks[target, default: []].insert(document.id) }
                        } else if let hold = Self.held(linked) {
                            diagnostics.append(Diagnostic(.heldTarget(reference: "a link", target: link.destination, hold: hold), at: link.location))
                        } else if linked.disclosure != nil {
                            diagnostics.append(Diagnostic(.linkToNonPublic(target: link.destination, disclosure: linked.disclosure?.value.chinese ?? "not 主动公开"), at: link.location))
                        }
                    }
                case .missing(let path):
                    let candidates: [String] =
                        path.hasSuffix(".md")
                        ? allIDs.map { $0 + ".md" }
                        : Array(content.files)
                    let near = suggestion(path, among: candidates).map { relative($0, from: document.id.folder) }
                    diagnostics.append(Diagnostic(.danglingLink(target: link.destination, suggestion: near), at: link.location))
                case .outside(let destination):
                    diagnostics.append(Diagnostic(.pathOutsideContent(path: destination), at: link.location))
                case .localFile(let destination):
                    diagnostics.append(Diagnostic(.linkToLocalFile(destination: destination), at: link.location))
                case .unsafe(let destination):
                    diagnostics.append(Diagnostic(.unsafeLink(destination: destination), at: link.location))
                case .file(let path):
                    guard document.isPublic else { continue }
                    if Self.sourceFiles.contains(path) {
                        diagnostics.append(Diagnostic(.linkToSourceFile(path: link.destination), at: link.location))
                    } else if let owner = withheldAttachments[path], let hold = Self.held(owner) {
                        diagnostics.append(Diagnostic(.heldTarget(reference: "a link", target: link.destination, hold: "belongs to '\(owner.id)', which \(hold)"), at: link.location))
                    } else if let owner = withheldAttachments[path] {
                        let disclosure = owner.disclosure?.value.chinese ?? "not 主动公开"
                        diagnostics.append(Diagnostic(
                            .linkToNonPublic(target: link.destination, disclosure: "an attachment of '\(owner.id)', which is \(disclosure)"),
                            at: link.location))
                    } else if publishedFiles[path] == nil {
                        publishedFiles[path] = document.id
                    }
                case .external, .fragment:
                    break
                }
            }
            if document.isPublic {
                for attachment in document.attachments where publishedFiles[attachment.contentPath] == nil {
                    if Self.sourceFiles.contains(attachment.contentPath) {
                        diagnostics.append(Diagnostic(.linkToSourceFile(path: attachment.file.value), at: attachment.file.location))
                    } else {
                        publishedFiles[attachment.contentPath] = document.id
                    }
                }
            }
        }

        // Output paths: a published file must not land on a page, nor where the output needs a
        // folder (`pages/a` beside `pages/a.md`, whose page is `pages/a/index.html`).
        let pages = Set(documents.filter(\.isPublic).map { $0.id.page.outputFile })
        var folders: Set<String> = []
        for path in pages.union(publishedFiles.keys) {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                guard folders.insert(parts.joined(separator: "/")).inserted else { break }
                parts = parts.dropLast()
            }
        }
        for (path, owner) in publishedFiles.sorted(by: { $0.key < $1.key }) {
            if pages.contains(path) || folders.contains(path) || ReservedPaths.isReserved(topLevel: path) || path == "index.html" || path == "404.html" {
                diagnostics.append(Diagnostic(.outputCollision(path: path), at: byID[owner]?.headerLocation))
            }
        }

        // Lists, newest first.
        // Sorted on keys taken once: comparing documents field by field copied their located
        // values at each of the 1.5 million comparisons of 100,000 documents. The other lists of
        // public documents sort by their place in this one.
        let publicDocuments = documents.filter(\.isPublic).map(ListOrder.init).sorted(by: ListOrder.newestFirst).map(\.id)
        let rank = Dictionary(uniqueKeysWithValues: publicDocuments.enumerated().map { ($1, $0) })
        func ranked(_ ids: some Sequence<DocumentID>, newestFirst: Bool) -> [DocumentID] {
            ids.map { (rank[$0] ?? Int.max, $0) }.sorted { newestFirst ? $0 < $1 : $0 > $1 }.map(\.1)
        }
        var sectionMembers: [String: [DocumentID]] = [:]
        var issuedBy: [String: [DocumentID]] = [:]
        var tasksByAgency: [String: [TaskReference]] = [:]
        for id in publicDocuments {
            let document = byID[id]!
            for section in Set(document.catalog.map(\.value)) where sectionIDs.contains(section) {
                sectionMembers[section, default: []].append(id)
            }
            for issuer in Set(document.issuers.map(\.value)) where agencyIDs.contains(issuer) {
                issuedBy[issuer, default: []].append(id)
            }
        }
        for document in documents where document.isPublic {
            for (index, task) in (document.plan?.tasks ?? []).enumerated() {
                for lead in Set(task.lead.map(\.value)) {
                    tasksByAgency[lead, default: []].append(TaskReference(plan: document.id, index: index, role: .lead))
                }
                for unit in Set(task.responsible.map(\.value)).subtracting(task.lead.map(\.value)) {
                    tasksByAgency[unit, default: []].append(TaskReference(plan: document.id, index: index, role: .responsible))
                }
            }
        }
        // Facets: by year, by topic, and the normative documents by validity.
        var byYear: [Int: [DocumentID]] = [:]
        var byTopic: [String: [DocumentID]] = [:]
        var normativeInForce: [DocumentID] = []
        var normativeNotInForce: [DocumentID] = []
        for id in publicDocuments {
            let document = byID[id]!
            guard document.isListed else { continue }
            if let year = document.published?.value.year { byYear[year, default: []].append(id) }
            for topic in Set(document.topics.map(\.value)) { byTopic[topic, default: []].append(id) }
            if let policy = document.policy, policy.normative {
                if policy.validity?.value == .inForce { normativeInForce.append(id) } else { normativeNotInForce.append(id) }
            }
        }
        let decisions = documents.filter { $0.isPublic && $0.decision != nil }.sorted { a, b in
            let ya = a.decision?.year?.value ?? 0, yb = b.decision?.year?.value ?? 0
            return ya != yb ? ya > yb : (a.title.value, a.id) < (b.title.value, b.id)
        }.map(\.id)

        // Empty sections (空白栏目): nothing public in them or below them, and no reason given.
        func hasMembers(_ section: CatalogSection) -> Bool {
            !(sectionMembers[section.id] ?? []).isEmpty || section.children.contains(where: hasMembers)
        }
        // Skipped while some document's sections or disclosure are unknown: it would only repeat that error.
        let membershipKnown = content.undecodable.isEmpty && !unknownSections && documents.allSatisfy { $0.disclosure != nil }
        for section in content.catalog.flatMap(\.flattened) where membershipKnown {
            if section.emptyReason == nil, !hasMembers(section) {
                diagnostics.append(Diagnostic(.emptySection(id: section.id, title: section.title), at: section.location))
            } else if section.emptyReason != nil, hasMembers(section) {
                diagnostics.append(Diagnostic(.emptyReasonUnused(id: section.id), at: section.location))
            }
        }

        // Of public documents only, as their lists in `publicDocuments`.
        interpretations = interpretations.mapValues { ranked($0, newestFirst: false) }
        replaces = replaces.mapValues { ranked($0, newestFirst: true) }

        let graph = ContentGraph(
            configuration: configuration, agencies: content.agencies, catalog: content.catalog, documents: documents,
            publicDocuments: publicDocuments, sectionMembers: sectionMembers, interpretations: interpretations,
            replaces: replaces,
            backlinks: backlinks.mapValues { ranked($0, newestFirst: true) },
            issuedBy: issuedBy, tasksByAgency: tasksByAgency, publishedFiles: publishedFiles,
            byYear: byYear, byTopic: byTopic, normativeInForce: normativeInForce, normativeNotInForce: normativeNotInForce,
            decisions: decisions, decisionsOf: decisionsOf.mapValues { Array(Set($0)).sorted() })
        return (graph, diagnostics)
    }

    /// A 索引号 keeps its document: changed, reused and unrecorded numbers (DISCLOSURE.md §2.3).
    private func ledgerProblems(_ ledger: IndexNumberLedger, documents: [Document]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for document in documents {
            guard let number = document.indexNumber else { continue }
            if let recorded = ledger.entry(for: document.id), recorded.indexNumber != number.value {
                diagnostics.append(Diagnostic(
                    .indexNumberChanged(recorded: recorded.indexNumber.text, current: number.value.text), at: number.location,
                    related: [.init(recorded.location, note: "recorded here")]))
            } else if let owner = ledger.entry(for: number.value), owner.document != document.id {
                diagnostics.append(Diagnostic(
                    .indexNumberReused(value: number.value.text, owner: owner.document.rawValue), at: number.location,
                    related: [.init(owner.location, note: "recorded here")]))
            } else if ledger.entry(for: document.id) == nil {
                diagnostics.append(Diagnostic(.indexNumberUnrecorded(value: number.value.text), at: number.location))
            }
        }
        return diagnostics
    }

    /// Each chain of `superseded_by` must end; a cycle is reported once, at its smallest member.
    private func supersessionCycles(_ documents: [Document], byID: [DocumentID: Document]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported = Set<DocumentID>()
        for document in documents {
            var chain: [DocumentID] = [document.id]
            var current = document
            while let next = current.policy?.supersededBy?.value, let target = byID[next] {
                if let start = chain.firstIndex(of: next) {
                    let cycle = Array(chain[start...])
                    if cycle.allSatisfy({ !reported.contains($0) }), let first = cycle.min(), let origin = byID[first],
                        let location = origin.policy?.supersededBy?.location
                    {
                        let rotated = Array(cycle[cycle.firstIndex(of: first)!...] + cycle[..<cycle.firstIndex(of: first)!])
                        diagnostics.append(Diagnostic(.supersessionCycle(chain: (rotated + [first]).map(\.rawValue)), at: location))
                        reported.formUnion(cycle)
                    }
                    break
                }
                chain.append(next)
                current = target
            }
        }
        return diagnostics
    }

    /// A content path as a link written in `folder` would name it.
    private func relative(_ path: String, from folder: String) -> String {
        let from = folder.split(separator: "/").map(String.init)
        let to = path.split(separator: "/").map(String.init)
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
    }

    /// Why a 主动公开 document is held back in this build, for messages; nil when it is not held.
    static func held(_ document: Document) -> String? {
        switch document.hold {
        case .draft?: "is a draft (draft: true)"
        case .scheduled(let date)?: "is scheduled for \(date)"
        case nil: nil
        }
    }

    /// Files under Content/ that the build reads and never publishes, whoever links to them.
    static let sourceFiles = Set(ContentLoader.configurationFiles + [IndexNumberLedger.fileName])

    /// 发布日期 descending, then 索引号 descending, then id: the order of every list.
    public static func newestFirst(_ a: Document, _ b: Document) -> Bool {
        ListOrder.newestFirst(ListOrder(a), ListOrder(b))
    }

    static func oldestFirst(_ a: Document, _ b: Document) -> Bool {
        a.id != b.id && !newestFirst(a, b)
    }

    /// What the order of lists compares of a document.
    struct ListOrder {
        let published: CalendarDate?
        let indexNumber: String
        let id: DocumentID

        init(_ document: Document) {
            published = document.published?.value
            indexNumber = document.indexNumber?.value.text ?? ""
            id = document.id
        }

        static func newestFirst(_ a: ListOrder, _ b: ListOrder) -> Bool {
            if a.published != b.published {
                guard let da = a.published else { return false }
                guard let db = b.published else { return true }
                return da > db
            }
            if a.indexNumber != b.indexNumber { return a.indexNumber > b.indexNumber }
            return a.id < b.id
        }
    }
}
