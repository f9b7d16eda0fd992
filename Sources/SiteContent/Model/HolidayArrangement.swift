import SiteCore

/// One year's holiday arrangement added in site.yaml (`holidays:`), in the schema of the built-in
/// `docs/data/holidays-cn.yaml`, so a web team can copy the State Council notice in as soon as it is
/// published, before the tool ships it (DISCLOSURE.md §4.2).
public struct HolidayArrangement: Sendable {
    public let year: Located<Int>
    /// Checked against the published notice; an unconfirmed year still counts as missing.
    public let confirmed: Bool
    /// The notice's 文号 (`国办发明电〔2026〕7号`); a year without one gives a warning.
    public let notice: String?
    /// Whole breaks, inclusive, with the weekend days they adjoin.
    public let rest: [ClosedRange<CalendarDate>]
    /// Weekend days declared working days (调休上班).
    public let adjustedWorkdays: [CalendarDate]

    public init(year: Located<Int>, confirmed: Bool, notice: String?, rest: [ClosedRange<CalendarDate>], adjustedWorkdays: [CalendarDate]) {
        self.year = year
        self.confirmed = confirmed
        self.notice = notice
        self.rest = rest
        self.adjustedWorkdays = adjustedWorkdays
    }
}
