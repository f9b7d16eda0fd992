import SiteContent
import SiteCore
import SiteGraph

/// 依法保护好个人隐私 (seed 001; DISCLOSURE.md §5): resident ID numbers, mobile numbers and bank card
/// numbers in anything a public document publishes — title, summary, body (with its tables and link
/// URLs), plan tasks, report cells, attachment names, and the text of plain-text attachments. 文号 and
/// 索引号 are not scanned: they have their own checks.
///
/// Every finding points at the exact line and column and prints the value masked. A document that
/// declares a lawful basis under `privacy:` (惩戒公示, 强制性信息披露) turns the kinds it allows into
/// `privacy.allowed`: info, never silence, and a warning for a full 18-digit ID (§5.3).
struct PersonalDataRule: ComplianceRule {
    /// Attachments whose text is read; anything else gets `privacy.attachment-unscanned`.
    static let textExtensions: Set<String> = ["txt", "csv", "md", "html", "htm"]

    func check(_ context: ComplianceContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for document in context.graph.documents where document.isPublic {
            guard let privacy = document.privacy else { continue }
            if privacy.basis == nil {
                diagnostics.append(Diagnostic(.privacyExceptionBasis, at: privacy.exception.location))
            }
            if let until = privacy.displayUntil, until.value < context.asOf {
                diagnostics.append(Diagnostic(.privacyExceptionExpired(until: "\(until.value)"), at: until.location))
            }
        }
        return diagnostics + sourceFindings(context) + scanConfiguration(context)
    }

    /// What a public document publishes: its values, located in its front-matter text, its body
    /// and its attachments.
    func checkSource(_ document: Document, context: SourceContext) -> [Diagnostic] {
        document.isPublic ? scan(document, context: context) : []
    }

    /// What the configuration files put on every page or on catalog and agency pages: the footer
    /// marks and notice of site.yaml, agency names, section titles, descriptions and empty reasons.
    /// No exception applies there (a lawful basis belongs to a document).
    private func scanConfiguration(_ context: ComplianceContext) -> [Diagnostic] {
        let graph = context.graph
        var diagnostics: [Diagnostic] = []
        func scan(_ value: String?, field: String, file: String, near: SourceLocation) {
            guard let value else { return }
            let found = findings(in: value, context: context.source)
            guard !found.isEmpty else { return }
            let lines = context.attachmentText?(file)?.text.split(separator: "\n", omittingEmptySubsequences: false) ?? []
            for finding in found {
                let needle = String(String.UnicodeScalarView(value.unicodeScalars.dropFirst(finding.offset).prefix(finding.length)))
                let location = Self.locate(needle, in: lines, path: near.path, from: near.line) ?? near
                diagnostics.append(diagnostic(finding, field: field, exception: nil, at: location))
            }
        }
        let site = graph.configuration
        for (value, key) in [(site.name, "name"), (site.sponsor, "sponsor"), (site.contact, "contact"), (site.address, "address"), (site.notice, "notice")] {
            scan(value, field: "site.yaml '\(key)'", file: "site.yaml", near: site.location)
        }
        for agency in graph.agencies {
            scan(agency.name, field: "an agency's name", file: "agencies.yaml", near: agency.location)
            scan(agency.shortName, field: "an agency's short name", file: "agencies.yaml", near: agency.location)
        }
        for section in graph.catalog.flatMap(\.flattened) {
            scan(section.title, field: "a section's title", file: "catalog.yaml", near: section.location)
            scan(section.description, field: "a section's description", file: "catalog.yaml", near: section.location)
            scan(section.emptyReason, field: "a section's empty_reason", file: "catalog.yaml", near: section.location)
        }
        return diagnostics
    }

    /// The first place at or after line `from` (1-based) of a file's lines where `needle` is written.
    static func locate(_ needle: String, in lines: [Substring], path: String, from: Int) -> SourceLocation? {
        guard from - 1 < lines.count else { return nil }
        for index in max(0, from - 1)..<lines.count {
            guard let range = lines[index].range(of: needle) else { continue }
            let column = lines[index][..<range.lowerBound].unicodeScalars.count + 1
            return SourceLocation(path: path, line: index + 1, column: column)
        }
        return nil
    }

    private func scan(_ document: Document, context: SourceContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let frontMatter = FrontMatterText(document.frontMatter)
        func scanValue(_ text: String, field: String, at anchor: SourceLocation) {
            var cursor = anchor
            for finding in findings(in: text, context: context) {
                let needle = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(finding.offset).prefix(finding.length)))
                let location = frontMatter.locate(needle, from: cursor) ?? anchor
                if location != anchor { cursor = SourceLocation(path: location.path, line: location.line, column: location.column + finding.length) }
                diagnostics.append(diagnostic(finding, field: field, exception: document.privacy, at: location))
            }
        }
        func scanText(_ text: String, field: String, path: String, firstLine: Int) {
            let found = findings(in: text, context: context)
            guard !found.isEmpty else { return }
            var positions = TextPositions(text, firstLine: firstLine)
            for finding in found {
                let (line, column) = positions.position(ofScalar: finding.offset)
                diagnostics.append(diagnostic(finding, field: field, exception: document.privacy, at: SourceLocation(path: path, line: line, column: column)))
            }
        }

        scanValue(document.title.value, field: "the title", at: document.title.location)
        if let summary = document.summary {
            scanValue(summary, field: "the summary", at: document.summaryLocation ?? document.headerLocation)
        }
        scanText(document.body, field: "the body", path: document.path, firstLine: document.bodyLine)
        for topic in document.topics { scanValue(topic.value, field: "the topics", at: topic.location) }
        if let decision = document.decision {
            if let status = decision.status { scanValue(status, field: "the decision's status", at: document.headerLocation) }
            for (_, target) in decision.items {
                if case .external(let url) = target.value { scanValue(url, field: "a decision item's address", at: target.location) }
            }
        }
        if let plan = document.plan {
            for (index, task) in plan.tasks.enumerated() {
                let field = "task \(task.number ?? index + 1)"
                for area in task.area { scanValue(area, field: field, at: task.location) }
                scanValue(task.task, field: field, at: task.location)
            }
        }
        if let report = document.annualReport {
            for (table, rows) in report.tables.sorted(by: { $0.key < $1.key }) {
                for (_, columns) in rows.sorted(by: { $0.key < $1.key }) {
                    for (_, cell) in columns.sorted(by: { $0.key < $1.key }) {
                        scanValue(cell.value, field: "table \(table)", at: cell.location)
                    }
                }
            }
        }
        for attachment in document.attachments {
            scanValue(attachment.title, field: "an attachment's title", at: attachment.file.location)
            scanValue(attachment.file.value, field: "an attachment's file name", at: attachment.file.location)
            guard let read = context.attachmentText else { continue }
            let fileExtension = attachment.fileName.split(separator: ".").last.map { $0.lowercased() } ?? ""
            if Self.textExtensions.contains(fileExtension), let file = read(attachment.contentPath) {
                scanText(file.text, field: "attachment \(attachment.fileName)", path: file.path, firstLine: 1)
            } else {
                diagnostics.append(Diagnostic(.privacyAttachmentUnscanned(file: PersonalDataScanner.redact(attachment.file.value, asOf: context.asOf)), at: attachment.file.location))
            }
        }
        return diagnostics
    }

    private func findings(in text: String, context: SourceContext) -> [PersonalDataFinding] {
        PersonalDataScanner.scan(text, asOf: context.asOf, allowedNumbers: context.allowedNumbers)
    }

    /// The finding as a diagnostic, or as `privacy.allowed` when the document's exception covers its kind.
    private func diagnostic(_ finding: PersonalDataFinding, field: String, exception: PrivacyException?, at location: SourceLocation) -> Diagnostic {
        let allowKey: String
        let words: String
        switch finding.kind {
        case .residentID: (allowKey, words) = ("residentId", "resident ID number")
        case .residentID15: (allowKey, words) = ("residentId", "legacy resident ID number")
        case .mobile: (allowKey, words) = ("mobile", "mobile number")
        case .bankCard: (allowKey, words) = ("bankCard", "bank card number")
        }
        if let privacy = exception, privacy.allow.contains(allowKey) {
            return Diagnostic(
                .privacyAllowed(kind: words, masked: finding.masked, exception: privacy.exception.value.chinese, fullResidentID: finding.kind == .residentID),
                at: location)
        }
        let problem: Problem = switch finding.kind {
        case .residentID: .privacyResidentID(masked: finding.masked, confident: finding.confident, field: field)
        case .residentID15: .privacyResidentID15(masked: finding.masked, field: field)
        case .mobile: .privacyMobile(masked: finding.masked, field: field)
        case .bankCard: .privacyBankCard(masked: finding.masked, confident: finding.confident, field: field)
        }
        return Diagnostic(problem, at: location)
    }
}

/// The raw front matter, for finding where a value's characters were written: decoded values lose
/// their quotes, escapes and line breaks, so a finding's offset inside the value is not a column.
private struct FrontMatterText {
    private let lines: [Substring]

    init(_ text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// The first place at or after `start` (same file) where `needle` is written; nil if nowhere.
    func locate(_ needle: String, from start: SourceLocation) -> SourceLocation? {
        var lineIndex = start.line - FrontMatter.yamlLine
        guard lineIndex >= 0 else { return nil }
        var skip = max(0, start.column - 1)
        while lineIndex < lines.count {
            let scalars = Array(lines[lineIndex].unicodeScalars)
            let target = Array(needle.unicodeScalars)
            if scalars.count >= target.count + skip {
                for column in skip...(scalars.count - target.count) where scalars[column..<column + target.count].elementsEqual(target) {
                    return SourceLocation(path: start.path, line: lineIndex + FrontMatter.yamlLine, column: column + 1)
                }
            }
            lineIndex += 1
            skip = 0
        }
        return nil
    }
}

/// Line and column (in Unicode scalars, 1-based) of scalar offsets in a text, asked in increasing order.
private struct TextPositions {
    private let scalars: String.UnicodeScalarView
    private var index: String.UnicodeScalarView.Index
    private var offset = 0
    private var line: Int
    private var column = 1

    init(_ text: String, firstLine: Int) {
        scalars = text.unicodeScalars
        index = scalars.startIndex
        line = firstLine
    }

    mutating func position(ofScalar target: Int) -> (line: Int, column: Int) {
        while offset < target, index < scalars.endIndex {
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            scalars.formIndex(after: &index)
            offset += 1
        }
        return (line, column)
    }
}
