import Foundation
import SiteCore
import Yams

/// Turns the text of one Markdown file into a `Document`, reporting every problem of its front
/// matter with the position of the key or value concerned.
struct DocumentDecoder {
    /// The site's organisation code, for the wording of 索引号 problems.
    let organizationCode: String
    /// Whether a path under Content/ is a regular file (for attachments).
    let fileExists: @Sendable (String) -> Bool

    struct Result {
        var document: Document?
        var diagnostics: [Diagnostic]
    }

    func decode(id: DocumentID, path: String, text: String) -> Result {
        let split: FrontMatter
        switch FrontMatter.split(text) {
        case .success(let value): split = value
        case .failure(let problem):
            return Result(document: nil, diagnostics: [Diagnostic(problem, at: SourceLocation(path: path, line: 1, column: 1))])
        }
        var reader = YAMLReader(path: path, firstLine: FrontMatter.yamlLine)
        guard let parsed = reader.parse(String(split.yaml)) else {
            var diagnostics = reader.diagnostics
            if let line = Self.bodyLineInFrontMatter(split.yaml), let index = diagnostics.firstIndex(where: { $0.code == "content.yaml-syntax" }) {
                // A body that begins before the closing '---': the '---' of a Markdown rule or of
                // a table closed the front matter instead.
                let fence = SourceLocation(path: path, line: split.bodyLine - 1, column: 1)
                diagnostics[index].related.append(Diagnostic.Related(
                    fence, note: "the front matter ran on to this '---'; line \(line + FrontMatter.yamlLine - 1) looks like body text, so the closing '---' before it may be missing"))
            }
            return Result(document: nil, diagnostics: diagnostics)
        }
        let header = SourceLocation(path: path, line: 1, column: 1)
        guard let root = parsed else {
            reader.report(.missingField(key: "title", context: "document"), at: header)
            return Result(document: nil, diagnostics: reader.diagnostics)
        }
        guard var fields = reader.mapping(root, key: "front matter") else {
            return Result(document: nil, diagnostics: reader.diagnostics)
        }

        var decoding = Decoding(reader: reader, id: id, path: path, header: header, decoder: self)
        let document = decoding.decode(&fields, frontMatter: split.yaml, body: split.body, bodyLine: split.bodyLine)
        return Result(document: document, diagnostics: decoding.reader.diagnostics)
    }
}

extension DocumentDecoder {
    /// The first line (1-based, within the YAML) that follows a blank line and reads like Markdown
    /// prose rather than YAML: no `key:`, no list item, no comment, no indentation. Nil when every
    /// line after a blank one could be YAML.
    static func bodyLineInFrontMatter(_ yaml: Substring) -> Int? {
        var afterBlank = false
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                afterBlank = true
                continue
            }
            defer { afterBlank = false }
            guard afterBlank, line.first != " ", line.first != "\t" else { continue }
            if trimmed.hasPrefix("#") || trimmed.hasPrefix("- ") || trimmed == "-" { continue }
            let looksLikeKey = trimmed.range(of: #"^[A-Za-z_][A-Za-z0-9_-]*\s*:(\s|$)"#, options: .regularExpression) != nil
            if !looksLikeKey { return index + 1 }
        }
        return nil
    }
}

/// The state of decoding one document.
private struct Decoding {
    var reader: YAMLReader
    let id: DocumentID
    let path: String
    let header: SourceLocation
    let decoder: DocumentDecoder

    mutating func decode(_ fields: inout MappingFields, frontMatter: Substring, body: Substring, bodyLine: Int) -> Document? {
        let kindNode = field(&fields, .kind)
        let kind = kindNode.flatMap { node in
            reader.choice(node, key: "kind", allowed: DocumentKind.allCases.map(\.rawValue)) { DocumentKind(rawValue: $0) }
        }
        let title = field(&fields, .title).flatMap { reader.string($0, key: "title") }
        let issuers = field(&fields, .issuer).map { reader.stringList($0, key: "issuer") } ?? []
        let documentNumber = field(&fields, .documentNumber).flatMap { decodeDocumentNumber($0) }
        let indexNumber = field(&fields, .indexNumber).flatMap { decodeIndexNumber($0) }
        let written = field(&fields, .written).flatMap { reader.date($0, key: "written") }
        let published = field(&fields, .published).flatMap { reader.date($0, key: "published") }
        let disclosure = field(&fields, .disclosure).flatMap { node in
            reader.choice(node, key: "disclosure", allowed: Disclosure.allCases.map(\.chinese)) { Disclosure(spelling: $0) }
        }
        let disclosureReason = field(&fields, .disclosureReason).flatMap { reader.string($0, key: "disclosure_reason") }
        let catalog = field(&fields, .catalog).map { reader.stringList($0, key: "catalog") } ?? []
        let topics = field(&fields, .topics).map { reader.stringList($0, key: "topics") } ?? []
        let summary = field(&fields, .summary).flatMap { reader.string($0, key: "summary") }
        let attachments = field(&fields, .attachments).map { decodeAttachments($0) } ?? []
        let privacy = field(&fields, .privacy).flatMap { decodePrivacy($0) }
        let review = field(&fields, .review).flatMap { decodeReview($0) }
        let draft = field(&fields, .draft).flatMap { reader.bool($0, key: "draft") } ?? false
        let changes = field(&fields, .changes).map { decodeChanges($0) } ?? []

        // Kind-specific keys: decoded when they apply, reported when they do not.
        var details: Document.Details = .page
        switch kind?.value {
        case .policy:
            let validity = field(&fields, .validity).flatMap { node in
                reader.choice(node, key: "validity", allowed: Validity.allCases.map(\.rawValue)) { Validity(rawValue: $0) }
            }
            let supersededBy = field(&fields, .supersededBy).flatMap { reader.string($0, key: "superseded_by") }
            let normative = field(&fields, .normative).flatMap { reader.bool($0, key: "normative") } ?? false
            details = .policy(PolicyDetails(
                validity: validity, supersededBy: supersededBy.map { $0.map { DocumentID($0) } }, normative: normative))
        case .interpretation:
            let interprets = field(&fields, .interprets).flatMap { reader.string($0, key: "interprets") }
            let forms = field(&fields, .forms).map { decodeForms($0) } ?? []
            details = .interpretation(InterpretationDetails(interprets: interprets.map { $0.map { DocumentID($0) } }, forms: forms))
        case .plan:
            details = .plan(PlanDetails(tasks: field(&fields, .tasks).map { decodeTasks($0) } ?? []))
        case .annualReport:
            let year = field(&fields, .year).flatMap { reader.integer($0, key: "year") }
            let tables = field(&fields, .tables).map { decodeTables($0) } ?? [:]
            if year == nil, !wasWritten(.year) {
                reader.report(.missingField(key: "year", context: "a document of kind 'annual-report'"), at: header)
            }
            details = .annualReport(AnnualReportDetails(year: year, tables: tables))
        case .decision:
            let year = field(&fields, .year).flatMap { reader.integer($0, key: "year") }
            let lead = field(&fields, .lead).map { reader.stringList($0, key: "lead") } ?? []
            let status = field(&fields, .status).flatMap { reader.string($0, key: "status") }
            let items = field(&fields, .items).map { decodeItems($0) } ?? []
            let context = "a document of kind 'decision'"
            if year == nil, !wasWritten(.year) { reader.report(.missingField(key: "year", context: context), at: header) }
            if lead.isEmpty, !wasWritten(.lead) { reader.report(.missingField(key: "lead", context: context), at: header) }
            details = .decision(DecisionDetails(year: year, lead: lead, status: status?.value, items: items))
        case .page, nil:
            details = .page
        }

        // What is left is either unknown or belongs to another kind.
        for field in fields.remaining {
            if let known = FrontMatterKey(rawValue: field.key), let kinds = known.kinds {
                if let kind = kind?.value {
                    reader.report(.keyNotForKind(key: field.key, kind: kind.rawValue, kinds: kinds.map(\.rawValue)), at: field.keyLocation)
                }
            } else {
                let suggestion = Suggestion.closest(to: field.key, among: FrontMatterKey.allSpellings)
                reader.report(.unknownKey(key: field.key, suggestion: suggestion), at: field.keyLocation)
            }
        }

        // Required keys. A key that is present but wrong has been reported already.
        func required(_ key: FrontMatterKey, _ present: Bool, _ context: String) {
            if !present, !wasWritten(key) {
                reader.report(.missingField(key: key.rawValue, context: context), at: header)
            }
        }
        required(.title, title != nil, "document")
        required(.kind, kind != nil, "document")
        if !wasWritten(.disclosure), disclosure == nil {
            reader.report(.disclosureMissing, at: header)
        }
        if let disclosure, disclosure.value != .proactive, disclosureReason == nil, !wasWritten(.disclosureReason) {
            reader.report(.disclosureReasonMissing(disclosure: disclosure.value.chinese), at: disclosure.location)
        }
        if let kind = kind?.value {
            let context = "a document of kind '\(kind.rawValue)'"
            required(.published, published != nil, context)
            if kind.isCatalogEntry {
                required(.issuer, !issuers.isEmpty, context)
                required(.indexNumber, indexNumber != nil, context)
                required(.written, written != nil, context)
                required(.catalog, !catalog.isEmpty, context)
            }
            if kind == .interpretation, case .interpretation(let details) = details, details.forms.isEmpty, !wasWritten(.forms) {
                reader.report(.missingField(key: "forms", context: context), at: header)
            }
        }
        if let published, let written, published.value < written.value {
            reader.report(.publishedBeforeWritten(published: published.value.description, written: written.value.description), at: published.location)
        }

        guard let kind = kind?.value else { return nil }
        return Document(
            id: id, path: path, kind: kind,
            title: title ?? Located("", at: header),
            issuers: issuers, documentNumber: documentNumber, indexNumber: indexNumber,
            written: written, published: published, disclosure: disclosure,
            disclosureReason: disclosureReason?.value,
            catalog: catalog, topics: topics, summary: summary?.value,
            attachments: attachments, details: details,
            body: String(body), bodyLine: bodyLine, keys: keysWritten, summaryLocation: summary?.location, privacy: privacy, frontMatter: String(frontMatter),
            review: review, draft: draft, changes: changes)
    }

    // MARK: Helpers

    /// Keys that were present in the file (even if their value was rejected).
    var keysWritten: Set<String> = []

    func wasWritten(_ key: FrontMatterKey) -> Bool { keysWritten.contains(key.rawValue) }

    /// Takes a key's value, remembering that the key was written.
    private mutating func field(_ fields: inout MappingFields, _ key: FrontMatterKey) -> Node? {
        guard let node = fields.take(key.rawValue) else { return nil }
        keysWritten.insert(key.rawValue)
        return node
    }

    /// `privacy: {exception: 惩戒公示, basis: …, allow: [name, residentId], display_until: 2024-03-31}`.
    /// `review: {confidentiality: {by, on}, stages: [{stage, by, on}, …]}`.
    private mutating func decodeReview(_ node: Node) -> ReviewRecord? {
        guard var fields = reader.mapping(node, key: "review") else { return nil }
        func step(_ node: Node, key: String, label: String?) -> ReviewRecord.Step? {
            guard var step = reader.mapping(node, key: key) else { return nil }
            let written = (by: step.keyLocation("by") != nil, on: step.keyLocation("on") != nil, stage: step.keyLocation("stage") != nil)
            let stage = label == nil ? step.take("stage").flatMap { reader.string($0, key: "stage") } : nil
            if let stage, !ReviewRecord.stageNames.contains(stage.value) {
                reader.report(.invalidValue(key: "stage", value: stage.value, allowed: ReviewRecord.stageNames, suggestion: nil), at: stage.location)
            }
            let by = step.take("by").flatMap { reader.string($0, key: "by") }
            let on = step.take("on").flatMap { reader.date($0, key: "on") }
            for field in step.remaining {
                let allowed = label == nil ? ["stage", "by", "on"] : ["by", "on"]
                reader.report(.unknownKey(key: field.key, suggestion: Suggestion.closest(to: field.key, among: allowed)), at: field.keyLocation)
            }
            for (name, present) in [("stage", label != nil || written.stage), ("by", written.by), ("on", written.on)] where !present {
                reader.report(.missingField(key: name, context: "a review step"), at: step.location)
            }
            guard let by, let on, let name = label ?? stage?.value else { return nil }
            return ReviewRecord.Step(label: name, by: by, on: on)
        }
        let confidentiality = fields.take("confidentiality").flatMap { step($0, key: "confidentiality", label: "保密审查") }
        var stages: [ReviewRecord.Step] = []
        if let node = fields.take("stages") {
            if case .sequence(let sequence) = node {
                stages = sequence.compactMap { step($0, key: "stages", label: nil) }
            } else {
                reader.report(.wrongType(key: "stages", expected: "a list of {stage, by, on}"), at: node.mark)
            }
        }
        for field in fields.remaining {
            reader.report(.unknownKey(key: field.key, suggestion: Suggestion.closest(to: field.key, among: ["confidentiality", "stages"])), at: field.keyLocation)
        }
        return ReviewRecord(confidentiality: confidentiality, stages: stages, location: fields.location)
    }

    /// `changes: [{date, note, published?}]`, oldest first.
    private mutating func decodeChanges(_ node: Node) -> [DocumentChange] {
        guard case .sequence(let sequence) = node else {
            reader.report(.wrongType(key: "changes", expected: "a list of {date, note}"), at: node.mark)
            return []
        }
        return sequence.compactMap { element -> DocumentChange? in
            guard var change = reader.mapping(element, key: "changes") else { return nil }
            let written = (date: change.keyLocation("date") != nil, note: change.keyLocation("note") != nil)
            let date = change.take("date").flatMap { reader.date($0, key: "date") }
            let published = change.take("published").flatMap { reader.date($0, key: "published") }
            let note = change.take("note").flatMap { reader.string($0, key: "note") }
            for field in change.remaining {
                reader.report(.unknownKey(key: field.key, suggestion: Suggestion.closest(to: field.key, among: ["date", "published", "note"])), at: field.keyLocation)
            }
            if !written.date { reader.report(.missingField(key: "date", context: "a change"), at: change.location) }
            if !written.note { reader.report(.missingField(key: "note", context: "a change"), at: change.location) }
            guard let date, let note else { return nil }
            return DocumentChange(date: date, published: published ?? date, note: note.value)
        }
    }

    private mutating func decodePrivacy(_ node: Node) -> PrivacyException? {
        guard var fields = reader.mapping(node, key: "privacy") else { return nil }
        let spellings: [String: PrivacyException.Basis] = [
            "惩戒公示": .punitiveDisclosure, "punitiveDisclosure": .punitiveDisclosure,
            "强制性信息披露": .mandatoryDisclosure, "mandatoryDisclosure": .mandatoryDisclosure,
        ]
        let exceptionWritten = fields.keyLocation("exception") != nil
        let exception = fields.take("exception").flatMap { node in
            reader.choice(node, key: "exception", allowed: ["惩戒公示", "强制性信息披露"]) { spellings[$0] }
        }
        let basis = fields.take("basis").flatMap { reader.string($0, key: "basis") }
        let kinds = ["name", "residentId", "mobile", "bankCard"]
        let allow = fields.take("allow").map { node in
            reader.stringList(node, key: "allow").compactMap { item -> String? in
                guard kinds.contains(item.value) else {
                    reader.report(.invalidValue(key: "allow", value: item.value, allowed: kinds, suggestion: Suggestion.closest(to: item.value, among: kinds)), at: item.location)
                    return nil
                }
                return item.value
            }
        } ?? []
        let displayUntil = fields.take("display_until").flatMap { reader.date($0, key: "display_until") }
        for field in fields.remaining {
            reader.report(.unknownKey(key: field.key, suggestion: Suggestion.closest(to: field.key, among: ["exception", "basis", "allow", "display_until"])), at: field.keyLocation)
        }
        guard let exception else {
            if !exceptionWritten { reader.report(.missingField(key: "exception", context: "'privacy'"), at: reader.location(of: node)) }
            return nil
        }
        return PrivacyException(exception: exception, basis: basis?.value, allow: Set(allow), displayUntil: displayUntil)
    }

    private mutating func decodeForms(_ node: Node) -> [Located<InterpretationForm>] {
        reader.stringList(node, key: "forms").compactMap { text in
            guard let form = InterpretationForm(spelling: text.value) else {
                let suggestion = Suggestion.closest(to: text.value, among: InterpretationForm.allSpellings)
                reader.report(
                    .invalidValue(key: "forms", value: text.value, allowed: InterpretationForm.allCases.map(\.chinese), suggestion: suggestion),
                    at: text.location)
                return nil
            }
            return Located(form, at: text.location)
        }
    }

    /// `items: {draft: policies/x, result: https://…}`, in the order of `DecisionItem.allCases`.
    private mutating func decodeItems(_ node: Node) -> [(item: DecisionItem, target: Located<DecisionTarget>)] {
        guard let fields = reader.mapping(node, key: "items") else { return [] }
        var found: [DecisionItem: Located<DecisionTarget>] = [:]
        for field in fields.remaining {
            guard let item = DecisionItem(rawValue: field.key) else {
                let suggestion = Suggestion.closest(to: field.key, among: DecisionItem.allCases.map(\.rawValue))
                reader.report(.unknownKey(key: field.key, suggestion: suggestion), at: field.keyLocation)
                continue
            }
            guard let text = reader.string(field.value, key: field.key) else { continue }
            let lower = text.value.lowercased()
            let target: DecisionTarget =
                lower.hasPrefix("https://") || lower.hasPrefix("http://") ? .external(text.value) : .document(DocumentID(text.value))
            found[item] = Located(target, at: text.location)
        }
        return DecisionItem.allCases.compactMap { item in found[item].map { (item, $0) } }
    }

    private mutating func decodeDocumentNumber(_ node: Node) -> Located<DocumentNumber>? {
        guard let text = reader.string(node, key: "document_number") else { return nil }
        guard let number = DocumentNumber(text.value) else {
            reader.report(.documentNumberFormat(value: text.value, fix: DocumentNumber.suggestedFix(for: text.value)), at: text.location)
            return nil
        }
        return Located(number, at: text.location)
    }

    private mutating func decodeIndexNumber(_ node: Node) -> Located<IndexNumber>? {
        guard let text = reader.string(node, key: "index_number") else { return nil }
        guard let number = IndexNumber(text.value) else {
            reader.report(.indexNumberFormat(value: text.value, expectedPrefix: decoder.organizationCode), at: text.location)
            return nil
        }
        return Located(number, at: text.location)
    }

    private mutating func decodeAttachments(_ node: Node) -> [Attachment] {
        guard case .sequence(let sequence) = node else {
            reader.report(.wrongType(key: "attachments", expected: "a list of files"), at: node.mark)
            return []
        }
        var result: [Attachment] = []
        for element in sequence {
            var file: Located<String>?
            var title: String?
            switch element {
            case .scalar:
                file = reader.string(element, key: "attachments")
            case .mapping:
                guard var fields = reader.mapping(element, key: "attachments") else { continue }
                file = fields.take("file").flatMap { reader.string($0, key: "file") }
                title = fields.take("title").flatMap { reader.string($0, key: "title") }?.value
                for field in fields.remaining {
                    reader.report(.unknownKey(key: field.key, suggestion: Suggestion.closest(to: field.key, among: ["file", "title"])), at: field.keyLocation)
                }
                if file == nil, fields.keyLocation("file") == nil {
                    reader.report(.missingField(key: "file", context: "an attachment"), at: reader.location(of: element))
                }
            default:
                reader.report(.wrongType(key: "attachments", expected: "a file name or {file, title}"), at: element.mark)
            }
            guard let file else { continue }
            guard let contentPath = ContentPath.resolve(file.value, relativeTo: id.folder) else {
                reader.report(.pathOutsideContent(path: file.value), at: file.location)
                continue
            }
            guard decoder.fileExists(contentPath) else {
                reader.report(.attachmentMissing(file: file.value), at: file.location)
                continue
            }
            let name = String(contentPath.split(separator: "/").last ?? "")
            result.append(Attachment(file: file, contentPath: contentPath, title: title ?? name))
        }
        return result
    }

    private mutating func decodeTasks(_ node: Node) -> [PlanTask] {
        guard case .sequence(let sequence) = node else {
            reader.report(.wrongType(key: "tasks", expected: "a list of tasks"), at: node.mark)
            return []
        }
        var result: [PlanTask] = []
        for element in sequence {
            guard var fields = reader.mapping(element, key: "tasks") else { continue }
            let location = reader.location(of: element)
            let number = fields.take("number").flatMap { reader.integer($0, key: "number") }
            let area = fields.take("area").map { reader.stringList($0, key: "area").map(\.value) } ?? []
            let taskWritten = fields.keyLocation("task") != nil
            let task = fields.take("task").flatMap { reader.string($0, key: "task") }
            let lead = fields.take("lead").map { reader.stringList($0, key: "lead") } ?? []
            let responsible = fields.take("responsible").map { reader.stringList($0, key: "responsible") } ?? []
            let due = fields.take("due").flatMap { reader.string($0, key: "due") }
            let status = fields.take("status").flatMap { node in
                reader.choice(node, key: "status", allowed: TaskStatus.allCases.map(\.rawValue)) { TaskStatus(rawValue: $0) }
            }
            let evidence = fields.take("evidence").map { reader.stringList($0, key: "evidence").map { $0.map { DocumentID($0) } } } ?? []
            for field in fields.remaining {
                let suggestion = Suggestion.closest(to: field.key, among: TaskKey.allCases.map(\.rawValue))
                reader.report(.unknownKey(key: field.key, suggestion: suggestion), at: field.keyLocation)
            }
            if task == nil && !taskWritten {
                reader.report(.missingField(key: "task", context: "a task"), at: location)
            }
            result.append(PlanTask(
                number: number?.value, area: area, task: task?.value ?? "", lead: lead, responsible: responsible,
                due: due, status: status, evidence: evidence, location: location))
        }
        return result
    }

    private mutating func decodeTables(_ node: Node) -> [String: [String: [String: Located<String>]]] {
        guard let tableFields = reader.mapping(node, key: "tables") else { return [:] }
        var tables: [String: [String: [String: Located<String>]]] = [:]
        for table in tableFields.remaining {
            guard let rowFields = reader.mapping(table.value, key: table.key) else { continue }
            var rows: [String: [String: Located<String>]] = [:]
            for row in rowFields.remaining {
                guard let cellFields = reader.mapping(row.value, key: row.key) else { continue }
                var cells: [String: Located<String>] = [:]
                for cell in cellFields.remaining {
                    guard case .scalar(let scalar) = cell.value else {
                        reader.report(.wrongType(key: cell.key, expected: "a number"), at: cell.value.mark)
                        continue
                    }
                    cells[cell.key] = Located(scalar.string, at: reader.location(of: cell.value))
                }
                rows[row.key] = cells
            }
            tables[table.key] = rows
        }
        return tables
    }
}
