import SiteCore

/// 完成时限 as editors write it, normalised (DISCLOSURE.md §3.3).
public enum TaskDeadline: Hashable, Sendable {
    /// Due on or before this day.
    case date(CalendarDate)
    /// 长期坚持: never overdue.
    case ongoing
    /// 年初 and the like: no date can be derived.
    case vague

    /// Reads `2023-12-31`, `2023年12月31日前`, `2023年12月底前`, `12月底前`, `年底前`, `年内`,
    /// `上半年`, `第三季度`, `每年7月底前`, `本文公布后30日内`, `今年年底前`, `长期坚持`, `常态化`. Month and quarter ends are
    /// inclusive; forms without a year take the plan's year. Nil for anything else.
    public static func parse(_ raw: String, planYear: Int, published: CalendarDate?) -> TaskDeadline? {
        var text = String(raw.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
        if let date = CalendarDate(iso: text) { return .date(date) }
        if ["长期坚持", "长期", "持续推进", "长期推进", "常态化", "常态化推进", "常态化开展"].contains(text) { return .ongoing }
        if ["年初", "年中", "适时"].contains(text) { return .vague }
        for suffix in ["以前", "之前", "前", "内", "完成"] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
            break
        }
        if text.hasPrefix("每年") { text.removeFirst(2) }
        // 本文公布后30日内, 印发后30日内
        for prefix in ["本文公布后", "本文印发后", "印发后", "公布后"] where text.hasPrefix(prefix) {
            guard let published else { return nil }
            let rest = text.dropFirst(prefix.count)
            guard rest.hasSuffix("日") || rest.hasSuffix("天"), let days = Int(rest.dropLast()) else { return nil }
            return .date(published.adding(days: days))
        }
        var year = planYear
        if let index = text.firstIndex(of: "年"), let explicit = Int(text[..<index]), (1900...2200).contains(explicit) {
            year = explicit
            text = String(text[text.index(after: index)...])
        }
        switch text {
        case "", "年", "年底", "底", "年内", "本年", "本年底", "今年", "今年底", "今年年底", "本年年底", "本年度", "年度", "全年", "下半年",
            "第四季度", "四季度":
            return CalendarDate(year: year, month: 12, day: 31).map(TaskDeadline.date)
        case "上半年", "第二季度", "二季度": return CalendarDate(year: year, month: 6, day: 30).map(TaskDeadline.date)
        case "第一季度", "一季度": return CalendarDate(year: year, month: 3, day: 31).map(TaskDeadline.date)
        case "第三季度", "三季度": return CalendarDate(year: year, month: 9, day: 30).map(TaskDeadline.date)
        default: break
        }
        // M月底, M月D日, M月
        guard let monthEnd = text.firstIndex(of: "月"), let month = Int(text[..<monthEnd]), (1...12).contains(month) else { return nil }
        let rest = text[text.index(after: monthEnd)...]
        if rest.isEmpty || rest == "底" || rest == "末" {
            return CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year)).map(TaskDeadline.date)
        }
        guard rest.hasSuffix("日") || rest.hasSuffix("号"), let day = Int(rest.dropLast()) else { return nil }
        return CalendarDate(year: year, month: month, day: day).map(TaskDeadline.date)
    }

    /// `2023-12-31`, or `长期坚持`.
    public var display: String? {
        switch self {
        case .date(let date): date.description
        case .ongoing: "长期坚持"
        case .vague: nil
        }
    }
}

/// 进展 of a task.
public enum TaskStatus: String, Sendable, CaseIterable, Codable {
    case notStarted = "未开始"
    case inProgress = "推进中"
    case done = "已完成"

    public var chinese: String { rawValue }
}
