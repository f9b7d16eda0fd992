import SiteCore

/// The official arrangement of rest days and adjusted working days (调休), by year.
///
/// Deadlines in working days (工作日) depend on it: the State Council publishes each year's arrangement
/// in a notice late in the year before, with weekend days declared working days, so no rule about
/// weekdays gives the right answer (DISCLOSURE.md §4.1). Days are kept as sets of `daysSinceEpoch`,
/// because the compliance rules ask about thousands of documents.
public struct HolidayCalendar: Sendable {
    /// One year's notice (《国务院办公厅关于20XX年部分节假日安排的通知》), as amended.
    public struct Year: Sendable {
        /// The year the notice arranges. Its ranges may start in the year before (元旦 from 12-30).
        public let year: Int
        /// Whether the dates were checked against the published notice; an unconfirmed year is not
        /// enough for a final result (§4.2).
        public let confirmed: Bool
        /// The notice's 文号, e.g. `国办发明电〔2025〕7号`; nil when a site adds a year without one.
        public let notice: String?
        /// Whole contiguous breaks, inclusive, including the weekend days they adjoin.
        public let rest: [ClosedRange<CalendarDate>]
        /// Weekend days declared working days (调休上班).
        public let adjustedWorkdays: [CalendarDate]

        public init(year: Int, confirmed: Bool, notice: String?, rest: [ClosedRange<CalendarDate>], adjustedWorkdays: [CalendarDate]) {
            self.year = year
            self.confirmed = confirmed
            self.notice = notice
            self.rest = rest
            self.adjustedWorkdays = adjustedWorkdays
        }
    }

    /// The years by number.
    private let years: [Int: Year]
    /// Days in some rest range of any year, as `daysSinceEpoch`.
    private let restDays: Set<Int>
    /// Adjusted working days of any year, as `daysSinceEpoch`.
    private let workdays: Set<Int>

    /// A calendar of these years; of two entries for one year, the later one counts.
    public init(years: [Year]) {
        var byNumber: [Int: Year] = [:]
        for year in years { byNumber[year.year] = year }
        self.init(byNumber: byNumber)
    }

    private init(byNumber years: [Int: Year]) {
        var restDays: Set<Int> = []
        var workdays: Set<Int> = []
        for year in years.values {
            for range in year.rest {
                restDays.formUnion(range.lowerBound.daysSinceEpoch...range.upperBound.daysSinceEpoch)
            }
            workdays.formUnion(year.adjustedWorkdays.map(\.daysSinceEpoch))
        }
        self.years = years
        self.restDays = restDays
        self.workdays = workdays
    }

    /// 2018–2026 from the State Council notices.
    ///
    /// Generated from `docs/data/holidays-cn.yaml` by `script/generate-holidays`.
    public static let china = HolidayCalendar(years: chinaYears)

    /// Whether the calendar has an arrangement for `year`, confirmed or not.
    public func hasYear(_ year: Int) -> Bool { years[year] != nil }

    /// The calendar with more years (a site may add years in site.yaml); a year given again replaces the built-in one.
    ///
    /// The replaced year goes as a whole, including the days it set in the year before (2018-12-29
    /// works only because the 2019 notice says so).
    public func adding(_ years: [Year]) -> HolidayCalendar {
        if years.isEmpty { return self }
        var byNumber = self.years
        for year in years { byNumber[year.year] = year }
        return HolidayCalendar(byNumber: byNumber)
    }

    /// Working day iff in adjusted_workdays, or Monday–Friday and in no rest range (all years merged by date).
    ///
    /// A year missing from the calendar has weekends as its only rest days, which is the provisional
    /// reading of §4.2; ask `isCovered` whether the answer is final.
    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        isWorkingDay(daysSinceEpoch: date.daysSinceEpoch)
    }

    private func isWorkingDay(daysSinceEpoch day: Int) -> Bool {
        if workdays.contains(day) { return true }
        let weekday = ((day + 3) % 7 + 7) % 7 + 1  // 1970-01-01 was a Thursday; 1 = Monday
        return weekday <= 5 && !restDays.contains(day)
    }

    /// §4.2: covered iff year(D) is present and confirmed and, when D is on or after 12-15, year(D)+1 is present too.
    ///
    /// The next notice's 元旦 break has reached back to 12-29 (2019 notice) and 12-30 (2018, 2024), so
    /// the last days of a year are only known once the next year's notice is in. That next year
    /// needs to be present, not confirmed, as §4.2 says; its own dates need it confirmed.
    public func isCovered(_ date: CalendarDate) -> Bool {
        guard let year = years[date.year], year.confirmed else { return false }
        return (date.month, date.day) < (12, 15) || years[date.year + 1] != nil
    }

    /// A date computed from the calendar, and whether the calendar was complete enough for it.
    ///
    /// A day is *visited* when the computation asks whether it is a working day: for
    /// `addingWorkingDays` every day after the start up to the result, for `addingCalendarDays` the
    /// end date and the days it is moved across. Days it never asks about (the start, the days in
    /// between for calendar days) cannot change the result and are not reported.
    ///
    /// `missingYears` names year(D) for every visited day D that is not covered (`isCovered`):
    /// - D's year is absent or unconfirmed: that year, whose arrangement is unknown;
    /// - D is on or after 12-15 of a confirmed year Y and Y+1 is absent: Y, whose last weeks still
    ///   wait for the Y+1 notice's 元旦 arrangement. Y+1 itself is named only if the computation
    ///   goes on into Y+1.
    ///
    /// So 2026-12-10 + 20 working days (2027-01-07) names [2026, 2027]: 2026-12-15…31 need the 2027
    /// notice, and 2027-01-01…07 lie in 2027, which is absent. 2026-12-01 + 30 calendar days
    /// (2026-12-31) names only [2026]. Each year once, in ascending order.
    public struct Result: Equatable, Sendable {
        public let date: CalendarDate
        /// Some day visited lies in a year the calendar does not cover: the result is provisional (weekends only there).
        public let provisional: Bool
        /// The years missing, sorted (e.g. [2026, 2027] for a computation that visits 2026-12-15 onwards and 2027).
        public let missingYears: [Int]

        init(date: CalendarDate, missingYears: [Int]) {
            self.date = date
            self.provisional = !missingYears.isEmpty
            self.missingYears = missingYears
        }
    }

    /// deadline(start, n) of §4.1: the n-th working day strictly after start.
    ///
    /// The start day itself never counts, so starting on a rest day changes nothing, and the result is
    /// always a working day (民法典 第二百零三条 is implicit). For n ≤ 0 the result is the start itself.
    public func addingWorkingDays(_ n: Int, to start: CalendarDate) -> Result {
        var day = start.daysSinceEpoch
        var counted = 0
        var missing = MissingYears(calendar: self)
        while counted < n {
            day += 1
            missing.visit(day)
            if isWorkingDay(daysSinceEpoch: day) { counted += 1 }
        }
        return Result(date: CalendarDate(daysSinceEpoch: day), missingYears: missing.years)
    }

    /// Calendar days (§4.1): start + n days, moved to the next working day if it is not one.
    ///
    /// For "30日内" and "不少于30日": 民法典 第二百零三条 moves a period's last day past the rest days.
    public func addingCalendarDays(_ n: Int, to start: CalendarDate) -> Result {
        var day = start.daysSinceEpoch + n
        var missing = MissingYears(calendar: self)
        missing.visit(day)
        while !isWorkingDay(daysSinceEpoch: day) {
            day += 1
            missing.visit(day)
        }
        return Result(date: CalendarDate(daysSinceEpoch: day), missingYears: missing.years)
    }

    /// Whether something done on `actual` kept a limit of `n` working days from `start`: §4.1's
    /// `met = actual <= deadline(start, n)`, with the deadline for the message.
    ///
    /// Only the days that decide the answer make it provisional: for a kept limit the days after
    /// `start` up to the day before `actual` (fewer than n working days among them is what "kept"
    /// means), for a missed one the days up to the deadline. So a document published on 12-10 gets a
    /// final answer even when its deadline would run into a year the calendar lacks.
    public struct Verdict: Equatable, Sendable {
        public let met: Bool
        public let deadline: CalendarDate
        public let provisional: Bool
        public let missingYears: [Int]
    }

    public func verdict(_ actual: CalendarDate, within n: Int, workingDaysAfter start: CalendarDate) -> Verdict {
        let deadline = addingWorkingDays(n, to: start).date
        let met = actual <= deadline
        let lastDeciding = met ? actual.daysSinceEpoch - 1 : deadline.daysSinceEpoch
        var missing = MissingYears(calendar: self)
        var day = start.daysSinceEpoch + 1
        while day <= lastDeciding {
            missing.visit(day)
            day += 1
        }
        return Verdict(met: met, deadline: deadline, provisional: !missing.years.isEmpty, missingYears: missing.years)
    }

    /// The years of uncovered days visited by one computation.
    private struct MissingYears {
        let calendar: HolidayCalendar
        private var found: Set<Int> = []

        init(calendar: HolidayCalendar) { self.calendar = calendar }

        mutating func visit(_ day: Int) {
            let date = CalendarDate(daysSinceEpoch: day)
            if !calendar.isCovered(date) { found.insert(date.year) }
        }

        var years: [Int] { found.sorted() }
    }
}
