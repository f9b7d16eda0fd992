import SiteCore
import Yams

/// Decodes site.yaml, agencies.yaml and catalog.yaml.
enum ConfigurationDecoder {
    /// site.yaml keys: 网站名称, 网址, 语言, 组织机构代码, and the footer marks (DISCLOSURE.md §6.3).
    enum SiteKey: String, CaseIterable {
        case name, baseURL = "base_url", language
        case organizationCode = "organization_code"
        case sponsor, websiteCode = "website_code", icp, policeRecord = "police_record", contact, address
        case notice, allowRawHTML = "allow_raw_html", pageSize = "page_size", rules, privacy, holidays
        case interpretationForms = "interpretation_forms"
        case townshipReportDeadline = "township_report_deadline"
        case reviewRecords = "review_records"
    }

    static func site(path: String, text: String) -> (SiteConfiguration?, [Diagnostic]) {
        var reader = YAMLReader(path: path, firstLine: 1)
        let start = SourceLocation(path: path, line: 1, column: 1)
        guard let parsed = reader.parse(text) else { return (nil, reader.diagnostics) }
        // An empty file is a mapping with no keys: every required one is then reported.
        var fields = MappingFields(fields: [], location: start)
        if let root = parsed, !Self.isNull(root) {
            guard let mapping = reader.mapping(root, key: "site.yaml") else { return (nil, reader.diagnostics) }
            fields = mapping
        }
        let required: [SiteKey] = [.name, .baseURL, .organizationCode, .sponsor, .websiteCode, .icp, .policeRecord, .contact]
        for key in required where fields.keyLocation(key.rawValue) == nil {
            reader.report(.missingField(key: key.rawValue, context: "site.yaml"), at: start)
        }
        var values: [SiteKey: Located<String>] = [:]
        var allowRawHTML = false
        var pageSize = 20
        var rules: [RuleSetting] = []
        var allowedNumbers: Set<String> = []
        var holidays: [HolidayArrangement] = []
        var interpretationForms = InterpretationFormMinimum()
        var townshipReportDeadline = (month: 1, day: 31)
        var reviewRecords: Severity?
        for key in SiteKey.allCases {
            guard let node = fields.take(key.rawValue) else { continue }
            switch key {
            case .allowRawHTML:
                allowRawHTML = reader.bool(node, key: key.rawValue) ?? false
            case .rules:
                rules = decodeRules(node, reader: &reader)
            case .privacy:
                allowedNumbers = decodePrivacy(node, reader: &reader)
            case .holidays:
                holidays = decodeHolidays(node, reader: &reader)
            case .interpretationForms:
                interpretationForms = decodeInterpretationForms(node, reader: &reader)
            case .reviewRecords:
                reviewRecords = reader.choice(node, key: key.rawValue, allowed: ["required", "recommended"]) { text -> Severity? in
                    text == "required" ? .error : text == "recommended" ? .warning : nil
                }?.value
            case .townshipReportDeadline:
                // MM-DD of the year after the report's; 02-29 is refused (not every year has it).
                if let text = reader.string(node, key: key.rawValue) {
                    let parts = text.value.split(separator: "-").compactMap { Int($0) }
                    if parts.count == 2, text.value.count == 5, let day = CalendarDate(year: 2021, month: parts[0], day: parts[1]) {
                        townshipReportDeadline = (day.month, day.day)
                    } else {
                        reader.report(.wrongType(key: key.rawValue, expected: "a day of the year as MM-DD, e.g. 01-31"), at: text.location)
                    }
                }
            case .pageSize:
                if let size = reader.integer(node, key: key.rawValue) {
                    if size.value < 1 || size.value > 500 {
                        reader.report(.wrongType(key: key.rawValue, expected: "a number from 1 to 500"), at: size.location)
                    } else {
                        pageSize = size.value
                    }
                }
            default:
                values[key] = reader.string(node, key: key.rawValue)
            }
        }
        for field in fields.remaining {
            reader.report(.unknownKey(key: field.key, suggestion: Suggestion.closest(to: field.key, among: SiteKey.allCases.map(\.rawValue))), at: field.keyLocation)
        }
        if let code = values[.organizationCode] {
            reader.checkOrganisationCode(code)
        }
        if let url = values[.baseURL], let reason = BaseURL.problem(url.value) {
            reader.report(.baseURL(value: url.value, reason: reason), at: url.location)
        }
        guard required.allSatisfy({ values[$0] != nil }) else { return (nil, reader.diagnostics) }
        let configuration = SiteConfiguration(
            name: values[.name]!.value, baseURL: values[.baseURL]!.value,
            language: values[.language]?.value ?? "zh-CN",
            organizationCode: values[.organizationCode]!.value, sponsor: values[.sponsor]!.value,
            websiteCode: values[.websiteCode]!.value, icp: values[.icp]!.value,
            policeRecord: values[.policeRecord]!.value, contact: values[.contact]!.value,
            address: values[.address]?.value, notice: values[.notice]?.value,
            allowRawHTML: allowRawHTML, pageSize: pageSize, rules: rules,
            allowedNumbers: allowedNumbers, holidays: holidays, interpretationForms: interpretationForms,
            townshipReportDeadline: townshipReportDeadline, reviewRecords: reviewRecords, location: start)
        return (configuration, reader.diagnostics)
    }

    /// `interpretation_forms: {county: 5, department: 2}`: each a number of forms from 1 to 8.
    static func decodeInterpretationForms(_ node: Node, reader: inout YAMLReader) -> InterpretationFormMinimum {
        var minimum = InterpretationFormMinimum()
        guard var fields = reader.mapping(node, key: "interpretation_forms") else { return minimum }
        for key in ["county", "department"] {
            guard let value = fields.take(key), let number = reader.integer(value, key: key) else { continue }
            guard (1...8).contains(number.value) else {
                reader.report(.wrongType(key: key, expected: "a number of forms from 1 to 8"), at: number.location)
                continue
            }
            if key == "county" { minimum.county = number.value } else { minimum.department = number.value }
        }
        for field in fields.remaining {
            reader.report(.unknownKey(key: field.key, suggestion: Suggestion.closest(to: field.key, among: ["county", "department"])), at: field.keyLocation)
        }
        return minimum
    }

    /// An empty document written with a `---` line: a null scalar rather than no document.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null"].contains(scalar.string)
    }

    /// `rules: {code: {severity: error|warning|info|off, reason: …}}`.
    static func decodeRules(_ node: Node, reader: inout YAMLReader) -> [RuleSetting] {
        guard let fields = reader.mapping(node, key: "rules") else { return [] }
        var settings: [RuleSetting] = []
        for field in fields.remaining {
            guard let rule = RuleCatalog.rule(field.key) else {
                let suggestion = Suggestion.closest(to: field.key, among: RuleCatalog.rules.filter(\.configurable).map(\.code))
                reader.report(.ruleUnknown(code: field.key, suggestion: suggestion), at: field.keyLocation)
                continue
            }
            guard rule.configurable else {
                reader.report(.ruleNotConfigurable(code: field.key), at: field.keyLocation)
                continue
            }
            guard var setting = reader.mapping(field.value, key: field.key) else { continue }
            let severity = setting.take("severity").flatMap { node in
                reader.choice(node, key: "severity", allowed: ["error", "warning", "info", "off"]) { text -> Severity?? in
                    text == "off" ? .some(nil) : Severity(rawValue: text).map { .some($0) }
                }
            }
            let reason = setting.take("reason").flatMap { reader.string($0, key: "reason") }
            for extra in setting.remaining {
                reader.report(.unknownKey(key: extra.key, suggestion: Suggestion.closest(to: extra.key, among: ["severity", "reason"])), at: extra.keyLocation)
            }
            guard let severity else {
                reader.report(.missingField(key: "severity", context: "the setting of rule '\(field.key)'"), at: field.keyLocation)
                continue
            }
            guard let reason else {
                reader.report(.ruleReasonMissing(code: field.key), at: field.keyLocation)
                continue
            }
            settings.append(RuleSetting(code: field.key, severity: severity.value, reason: reason.value, location: field.keyLocation))
        }
        return settings
    }

    /// agencies.yaml: a list of `{id, name, short, level, org_code}`.
    static func agencies(path: String, text: String) -> ([Agency], [Diagnostic]) {
        var reader = YAMLReader(path: path, firstLine: 1)
        guard let parsed = reader.parse(text) else { return ([], reader.diagnostics) }
        guard let root = parsed else { return ([], reader.diagnostics) }
        guard case .sequence(let list) = root else {
            reader.report(.wrongType(key: "agencies.yaml", expected: "a list of agencies"), at: root.mark)
            return ([], reader.diagnostics)
        }
        let keys = ["id", "name", "short", "level", "org_code"]
        var agencies: [Agency] = []
        var seen: [String: SourceLocation] = [:]
        for element in list {
            guard var fields = reader.mapping(element, key: "agency") else { continue }
            let location = reader.location(of: element)
            for key in ["id", "name", "level"] where fields.keyLocation(key) == nil {
                reader.report(.missingField(key: key, context: "an agency"), at: location)
            }
            let id = fields.take("id").flatMap { reader.string($0, key: "id") }
            let name = fields.take("name").flatMap { reader.string($0, key: "name") }
            let short = fields.take("short").flatMap { reader.string($0, key: "short") }
            let level = fields.take("level").flatMap { node in
                reader.choice(node, key: "level", allowed: AgencyLevel.allCases.map(\.rawValue)) { AgencyLevel(rawValue: $0) }
            }
            let orgCode = fields.take("org_code").flatMap { reader.string($0, key: "org_code") }
            for field in fields.remaining {
                reader.report(.unknownKey(key: field.key, suggestion: Suggestion.closest(to: field.key, among: keys)), at: field.keyLocation)
            }
            if let orgCode { reader.checkOrganisationCode(orgCode) }
            guard let id, let name, let level else { continue }
            guard reader.checkIdentifier(id) else { continue }
            if let first = seen[id.value] {
                reader.report(Diagnostic(.duplicateID(what: "agency", id: id.value), at: id.location, related: [.init(first, note: "first defined here")]))
                continue
            }
            seen[id.value] = id.location
            agencies.append(Agency(
                id: id.value, name: name.value, shortName: short?.value ?? name.value, level: level.value,
                orgCode: orgCode?.value, location: id.location))
        }
        return (agencies, reader.diagnostics)
    }

    /// catalog.yaml: a list of sections `{id, title, description, empty_reason, children}`.
    static func catalog(path: String, text: String) -> ([CatalogSection], [Diagnostic]) {
        var reader = YAMLReader(path: path, firstLine: 1)
        guard let parsed = reader.parse(text) else { return ([], reader.diagnostics) }
        guard let root = parsed else { return ([], reader.diagnostics) }
        var seen: [String: SourceLocation] = [:]
        let sections = sectionList(root, reader: &reader, seen: &seen)
        return (sections, reader.diagnostics)
    }

    private static func sectionList(_ node: Node, reader: inout YAMLReader, seen: inout [String: SourceLocation]) -> [CatalogSection] {
        guard case .sequence(let list) = node else {
            reader.report(.wrongType(key: "catalog", expected: "a list of sections"), at: node.mark)
            return []
        }
        let keys = ["id", "title", "description", "empty_reason", "children"]
        var sections: [CatalogSection] = []
        for element in list {
            guard var fields = reader.mapping(element, key: "section") else { continue }
            let location = reader.location(of: element)
            for key in ["id", "title"] where fields.keyLocation(key) == nil {
                reader.report(.missingField(key: key, context: "a catalog section"), at: location)
            }
            let id = fields.take("id").flatMap { reader.string($0, key: "id") }
            let title = fields.take("title").flatMap { reader.string($0, key: "title") }
            let description = fields.take("description").flatMap { reader.string($0, key: "description") }
            let emptyReason = fields.take("empty_reason").flatMap { reader.string($0, key: "empty_reason") }
            let children = fields.take("children").map { sectionList($0, reader: &reader, seen: &seen) } ?? []
            for field in fields.remaining {
                reader.report(.unknownKey(key: field.key, suggestion: Suggestion.closest(to: field.key, among: keys)), at: field.keyLocation)
            }
            guard let id, let title, reader.checkIdentifier(id) else { continue }
            if let first = seen[id.value] {
                reader.report(Diagnostic(.duplicateID(what: "catalog section", id: id.value), at: id.location, related: [.init(first, note: "first defined here")]))
                continue
            }
            seen[id.value] = id.location
            sections.append(CatalogSection(
                id: id.value, title: title.value, description: description?.value, emptyReason: emptyReason?.value,
                children: children, location: id.location))
        }
        return sections
    }
}

extension YAMLReader {
    /// Ids become URLs and file names: ASCII letters, digits, `-` and `_`.
    mutating func checkIdentifier(_ id: Located<String>) -> Bool {
        let ok = id.value.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
        if !ok {
            report(.wrongType(key: "id", expected: "made of ASCII letters, digits, '-' and '_' (it becomes part of URLs)"), at: id.location)
        }
        return ok
    }

    mutating func checkOrganisationCode(_ code: Located<String>) {
        switch OrganisationCode.check(code.value) {
        case .valid: break
        case .wrongCheckCharacter(let expected):
            report(.organisationCodeCheck(code: code.value, expected: String(expected)), at: code.location)
        case .malformed:
            report(.organisationCodeFormat(code: code.value), at: code.location)
        }
    }
}

/// The portal's base URL must be an absolute http(s) URL with a host name: an IP literal would
/// tie the site to one address family (DISCLOSURE.md §6.4, `site.base-url`).
public enum BaseURL {
    /// Why the URL is not acceptable, or nil.
    public static func problem(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else {
            return "is not an absolute http:// or https:// URL"
        }
        let rest = url[url.range(of: "://")!.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var host = authority
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if host.hasPrefix("[") { return "names its host by an IPv6 address" }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        if host.isEmpty { return "has no host name" }
        let parts = host.split(separator: ".")
        if parts.count == 4, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
            return "names its host by an IPv4 address"
        }
        return nil
    }
}
