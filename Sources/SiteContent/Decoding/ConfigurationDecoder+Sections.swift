import SiteCore
import Yams

/// The site.yaml sections that carry data for the checks: `privacy:` and `holidays:`.
extension ConfigurationDecoder {
    /// `privacy: {allowed_numbers: ["13800000000"]}`: office duty mobiles published on purpose, which
    /// the personal-data scan never flags (DISCLOSURE.md §5.2).
    static func decodePrivacy(_ node: Node, reader: inout YAMLReader) -> Set<String> {
        guard var fields = reader.mapping(node, key: "privacy") else { return [] }
        var numbers: Set<String> = []
        if let list = fields.take("allowed_numbers") {
            for number in reader.stringList(list, key: "allowed_numbers") {
                let digits = number.value.filter { $0 != " " && $0 != "-" }
                guard digits.count == 11, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.hasPrefix("1") else {
                    reader.report(.wrongType(key: "allowed_numbers", expected: "11-digit mobile numbers, such as 13800000000"), at: number.location)
                    continue
                }
                numbers.insert(digits)
            }
        }
        for field in fields.remaining {
            reader.report(.unknownKey(key: field.key, suggestion: Suggestion.closest(to: field.key, among: ["allowed_numbers"])), at: field.keyLocation)
        }
        return numbers
    }

    /// `holidays: {2027: {confirmed: true, notice: {number: …}, holidays: [{name: 元旦, rest: [from, to], adjusted_workdays: […]}]}}`:
    /// the schema of docs/data/holidays-cn.yaml, whose `years:` entries can be copied as they are.
    static func decodeHolidays(_ node: Node, reader: inout YAMLReader) -> [HolidayArrangement] {
        guard let years = reader.mapping(node, key: "holidays") else { return [] }
        var arrangements: [HolidayArrangement] = []
        for entry in years.remaining {
            guard let year = Int(entry.key), (2000...2100).contains(year) else {
                reader.report(.wrongType(key: "holidays", expected: "years as keys, such as 2027"), at: entry.keyLocation)
                continue
            }
            guard var fields = reader.mapping(entry.value, key: entry.key) else { continue }
            let confirmed = fields.take("confirmed").flatMap { reader.bool($0, key: "confirmed") } ?? true
            let notice = fields.take("notice").flatMap { noticeNumber($0, reader: &reader) }
            _ = fields.take("amendments")  // documentation only, as in holidays-cn.yaml
            var rest: [ClosedRange<CalendarDate>] = []
            var adjusted: [CalendarDate] = []
            if let list = fields.take("holidays") {
                guard case .sequence(let holidays) = list else {
                    reader.report(.wrongType(key: "holidays", expected: "a list of {name, rest, adjusted_workdays}"), at: list.mark)
                    continue
                }
                for holiday in holidays {
                    guard var holidayFields = reader.mapping(holiday, key: "holidays") else { continue }
                    _ = holidayFields.take("name")
                    _ = holidayFields.take("notice_wording")
                    if let range = holidayFields.take("rest") {
                        let texts = reader.stringList(range, key: "rest")
                        let days = texts.compactMap { text -> CalendarDate? in
                            guard let date = CalendarDate(iso: text.value) else {
                                reader.report(.invalidDate(key: "rest", value: text.value), at: text.location)
                                return nil
                            }
                            return date
                        }
                        if days.count == 2, days[0] <= days[1] {
                            rest.append(days[0]...days[1])
                        } else if days.count == texts.count {
                            reader.report(.wrongType(key: "rest", expected: "[first day, last day] of the break, in order"), at: reader.location(of: range))
                        }
                    }
                    if let days = holidayFields.take("adjusted_workdays") {
                        for text in reader.stringList(days, key: "adjusted_workdays") {
                            guard let date = CalendarDate(iso: text.value) else {
                                reader.report(.invalidDate(key: "adjusted_workdays", value: text.value), at: text.location)
                                continue
                            }
                            adjusted.append(date)
                        }
                    }
                    for field in holidayFields.remaining {
                        reader.report(.unknownKey(key: field.key, suggestion: Suggestion.closest(to: field.key, among: ["name", "rest", "adjusted_workdays", "notice_wording"])), at: field.keyLocation)
                    }
                }
            }
            for field in fields.remaining {
                reader.report(.unknownKey(key: field.key, suggestion: Suggestion.closest(to: field.key, among: ["confirmed", "notice", "holidays", "amendments"])), at: field.keyLocation)
            }
            arrangements.append(HolidayArrangement(
                year: Located(year, at: entry.keyLocation), confirmed: confirmed, notice: notice, rest: rest, adjustedWorkdays: adjusted))
        }
        return arrangements
    }

    /// `notice: 国办发明电〔2026〕7号` or `notice: {number: …, published: …, url: …}`.
    private static func noticeNumber(_ node: Node, reader: inout YAMLReader) -> String? {
        if case .mapping = node {
            guard var fields = reader.mapping(node, key: "notice") else { return nil }
            return fields.take("number").flatMap { reader.string($0, key: "number")?.value }
        }
        return reader.string(node, key: "notice")?.value
    }
}
