import SiteCore
import Testing

@testable import SiteCompliance

private func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

@Suite("holiday calendar and working-day arithmetic")
struct HolidayCalendarTests {
    let china = HolidayCalendar.china

    // DISCLOSURE.md §4.4, working days.
    @Test("§4.4 working-day vectors", arguments: [
        ("2021-09-28", 20, "2021-11-01"),  // 10-01..07 rest; 10-09 (Sat) works
        ("2023-09-27", 3, "2023-10-08"),  // 09-28 = 1; 09-29..10-06 rest; 10-07 (Sat) = 2; 10-08 (Sun) = 3
        ("2024-04-30", 7, "2024-05-13"),  // 05-01..05 rest; 05-11 (Sat) works
        ("2022-01-28", 3, "2022-02-07"),  // 01-29, 01-30 work; 01-31..02-06 rest
        ("2025-01-24", 20, "2025-02-27"),  // 春节 01-28..02-04; 01-26 and 02-08 work
        ("2025-09-30", 10, "2025-10-21"),  // 10-01..08 rest; 10-11 (Sat) works
    ])
    func workingDayVectors(_ start: String, _ n: Int, _ expected: String) {
        #expect(china.addingWorkingDays(n, to: day(start)) == .init(date: day(expected), missingYears: []))
    }

    // The six vectors at the end of holidays-cn.yaml.
    @Test("holidays-cn.yaml working-day vectors", arguments: [
        ("2021-09-30", 3, "2021-10-11"),  // 10-08 Fri = 1, 10-09 Sat make-up = 2, 10-11 Mon = 3
        ("2023-01-20", 1, "2023-01-28"),  // 01-21..27 rest; 01-28 Sat is a make-up working day
        ("2020-01-23", 1, "2020-02-03"),  // amended 春节 rest to 02-02; 02-01 Sat no longer works
        ("2024-02-08", 2, "2024-02-18"),  // 02-09 Fri = 1 (除夕 not official rest), 02-18 Sun make-up = 2
        ("2026-02-13", 1, "2026-02-14"),  // 02-14 Sat is a make-up working day
        ("2018-12-28", 1, "2018-12-29"),  // 2018-12-29 Sat declared working day by the 2019 notice
    ])
    func dataFileVectors(_ start: String, _ n: Int, _ expected: String) {
        #expect(china.addingWorkingDays(n, to: day(start)) == .init(date: day(expected), missingYears: []))
    }

    // DISCLOSURE.md §4.4, calendar days.
    @Test("§4.4 calendar-day vectors", arguments: [
        ("2023-09-01", 30, "2023-10-07"),  // 10-01 is a rest day → next working day 10-07 (Sat, make-up)
        ("2025-01-01", 30, "2025-02-05"),  // 01-31 falls in 春节
    ])
    func calendarDayVectors(_ start: String, _ n: Int, _ expected: String) {
        #expect(china.addingCalendarDays(n, to: day(start)) == .init(date: day(expected), missingYears: []))
    }

    @Test("calendar days ending on a working day stay there")
    func calendarDaysOnWorkingDay() {
        #expect(china.addingCalendarDays(30, to: day("2023-03-01")) == .init(date: day("2023-03-31"), missingYears: []))
        #expect(china.addingCalendarDays(10, to: day("2023-09-28")) == .init(date: day("2023-10-08"), missingYears: []))
    }

    @Test("a computation into a year without a notice is provisional and names the years (§4.4)")
    func provisionalVector() {
        let result = china.addingWorkingDays(20, to: day("2026-12-10"))
        #expect(result.date == day("2027-01-07"))
        #expect(result.provisional)
        #expect(result.missingYears == [2026, 2027])
    }

    @Test("§4.2 example: 2026-12-25 + 5 wd gives a provisional 2027-01-01")
    func provisionalNewYear() {
        #expect(china.addingWorkingDays(5, to: day("2026-12-25")) == .init(date: day("2027-01-01"), missingYears: [2026, 2027]))
    }

    @Test("only the days visited count toward missing years")
    func visitedDays() {
        // Ends on 12-14: never visits 12-15.
        #expect(china.addingWorkingDays(2, to: day("2026-12-10")) == .init(date: day("2026-12-14"), missingYears: []))
        // 12-15 onwards, still in 2026.
        #expect(china.addingWorkingDays(3, to: day("2026-12-10")) == .init(date: day("2026-12-15"), missingYears: [2026]))
        // Calendar days look at the end only: 2026-12-31 is a Thursday.
        #expect(china.addingCalendarDays(30, to: day("2026-12-01")) == .init(date: day("2026-12-31"), missingYears: [2026]))
        // 2027-01-02 is a Saturday: moved across the weekend, all in 2027.
        #expect(china.addingCalendarDays(33, to: day("2026-11-30")) == .init(date: day("2027-01-04"), missingYears: [2027]))
        // Before 2018: the year is absent, and the 2018 notice's 2017-12-30 rest day still applies.
        #expect(china.addingWorkingDays(2, to: day("2017-12-28")) == .init(date: day("2018-01-02"), missingYears: [2017]))
    }

    @Test("adjusted Saturdays and Sundays work, rest days rest", arguments: [
        ("2023-10-07", true),  // Sat, 调休
        ("2023-10-08", true),  // Sun, 调休
        ("2023-10-01", false),  // Sun, 国庆节
        ("2023-10-02", false),  // Mon, 国庆节
        ("2018-12-29", true),  // Sat, declared by the 2019 notice
        ("2018-12-31", false),  // Mon, 元旦 break of the 2019 notice
        ("2024-02-09", true),  // Fri, 除夕 only 'encouraged' off
        ("2020-02-01", false),  // Sat, make-up day withdrawn by 国办发明电〔2020〕1号
        ("2020-01-31", false),  // Fri, extended 春节
        ("2020-02-03", true),  // Mon
        ("2026-01-04", true),  // Sun, 调休
        ("2026-12-19", false),  // Sat, no notice
        ("2027-01-01", true),  // Fri: 2027 absent, so weekends only
    ])
    func workingDays(_ date: String, _ working: Bool) {
        #expect(china.isWorkingDay(day(date)) == working)
    }

    @Test("coverage around 12-15", arguments: [
        ("2017-12-31", false),  // 2017 absent
        ("2018-01-01", true),
        ("2025-12-14", true),
        ("2025-12-15", true),  // 2026 present
        ("2025-12-31", true),
        ("2026-12-14", true),
        ("2026-12-15", false),  // 2027 absent
        ("2026-12-31", false),
        ("2027-01-01", false),  // 2027 absent
    ])
    func coverage(_ date: String, _ covered: Bool) {
        #expect(china.isCovered(day(date)) == covered)
    }

    @Test("an added year extends coverage; unconfirmed it covers the year before only")
    func addedYear() {
        let draft = HolidayCalendar.Year(
            year: 2027, confirmed: false, notice: nil, rest: [day("2027-01-01")...day("2027-01-03")], adjustedWorkdays: [])
        let drafted = china.adding([draft])
        #expect(drafted.isCovered(day("2026-12-15")))
        #expect(!drafted.isCovered(day("2027-01-04")))
        #expect(!drafted.isWorkingDay(day("2027-01-01")))
        #expect(drafted.addingWorkingDays(20, to: day("2026-12-10")) == .init(date: day("2027-01-08"), missingYears: [2027]))

        let confirmed = HolidayCalendar.Year(
            year: 2027, confirmed: true, notice: "国办发明电〔2026〕1号", rest: draft.rest, adjustedWorkdays: [])
        let complete = china.adding([confirmed])
        #expect(complete.addingWorkingDays(20, to: day("2026-12-10")) == .init(date: day("2027-01-08"), missingYears: []))
        #expect(complete.isCovered(day("2027-06-01")))
        #expect(!complete.isCovered(day("2027-12-15")))
    }

    @Test("adding a year given again replaces the built-in one, with its days in the year before")
    func replacedYear() {
        let empty2026 = HolidayCalendar.Year(year: 2026, confirmed: true, notice: nil, rest: [], adjustedWorkdays: [])
        let replaced = china.adding([empty2026])
        #expect(replaced.isWorkingDay(day("2026-10-01")))  // Thu, 国庆节 no more
        #expect(!replaced.isWorkingDay(day("2026-10-10")))  // Sat, 调休 no more
        #expect(replaced.addingWorkingDays(1, to: day("2026-09-30")) == .init(date: day("2026-10-01"), missingYears: []))
        #expect(!china.isWorkingDay(day("2026-10-01")))  // the built-in calendar is unchanged

        let empty2019 = HolidayCalendar.Year(year: 2019, confirmed: true, notice: nil, rest: [], adjustedWorkdays: [])
        let without2019 = china.adding([empty2019])
        #expect(!without2019.isWorkingDay(day("2018-12-29")))
        #expect(without2019.isWorkingDay(day("2018-12-31")))
    }

    @Test("of two entries for one year, the later one counts")
    func duplicateYears() {
        let first = HolidayCalendar.Year(year: 2030, confirmed: true, notice: "a", rest: [day("2030-01-01")...day("2030-01-01")], adjustedWorkdays: [])
        let second = HolidayCalendar.Year(year: 2030, confirmed: true, notice: "b", rest: [], adjustedWorkdays: [])
        let calendar = HolidayCalendar(years: [first, second])
        #expect(calendar.isWorkingDay(day("2030-01-01")))  // Tue
    }

    @Test("starting on a rest day changes nothing", arguments: [
        ("2025-10-01", "2025-09-30", 3, "2025-10-11"),  // 国庆节: 10-09 = 1, 10-10 = 2, 10-11 (Sat, 调休) = 3
        ("2023-10-01", "2023-09-28", 1, "2023-10-07"),
        ("2024-02-17", "2024-02-09", 1, "2024-02-18"),  // Sat in 春节, Sun 02-18 works
        ("2021-10-03", "2021-09-30", 1, "2021-10-08"),  // Sun in 国庆节
    ])
    func restDayStart(_ start: String, _ lastWorkingDay: String, _ n: Int, _ expected: String) {
        #expect(china.addingWorkingDays(n, to: day(start)).date == day(expected))
        #expect(china.addingWorkingDays(n, to: day(lastWorkingDay)).date == day(expected))
    }

    @Test("n ≤ 0 working days gives the start")
    func zeroWorkingDays() {
        #expect(china.addingWorkingDays(0, to: day("2023-10-01")) == .init(date: day("2023-10-01"), missingYears: []))
    }

    @Test("every deadline is a working day, the n-th after the start")
    func deadlinesAreWorkingDays() {
        let first = day("2018-01-01").daysSinceEpoch
        let last = day("2026-11-01").daysSinceEpoch  // 20 wd later is still before 12-15
        for start in stride(from: first, through: last, by: 1).map(CalendarDate.init(daysSinceEpoch:)) {
            for n in [1, 3, 7, 20] {
                let result = china.addingWorkingDays(n, to: start)
                let between = (start.daysSinceEpoch + 1...result.date.daysSinceEpoch)
                    .filter { china.isWorkingDay(CalendarDate(daysSinceEpoch: $0)) }
                #expect(result.date.daysSinceEpoch > start.daysSinceEpoch && china.isWorkingDay(result.date))
                #expect(between.count == n && !result.provisional)
            }
            #expect(china.isWorkingDay(china.addingCalendarDays(30, to: start).date))
        }
    }

    @Test("the built-in years are 2018–2026, confirmed, with their notices")
    func builtInYears() {
        let years = HolidayCalendar.chinaYears
        #expect(years.map(\.year) == Array(2018...2026))
        #expect(years.allSatisfy { $0.confirmed })
        #expect(years.map(\.notice) == [
            "国办发明电〔2017〕12号", "国办发明电〔2018〕15号", "国办发明电〔2019〕16号", "国办发明电〔2020〕27号", "国办发明电〔2021〕11号",
            "国办发明电〔2022〕16号", "国办发明电〔2023〕7号", "国办发明电〔2024〕12号", "国办发明电〔2025〕7号",
        ])
        for year in years {
            #expect(year.adjustedWorkdays.allSatisfy { $0.weekday >= 6 }, "\(year.year): adjusted working days are weekend days")
            #expect(year.rest.allSatisfy { $0.lowerBound.year >= year.year - 1 && $0.upperBound.year == year.year })
        }
        #expect(years.map(\.rest.count) == [7, 7, 6, 7, 7, 6, 7, 6, 7])
        #expect(years.map(\.adjustedWorkdays.count) == [6, 7, 6, 7, 7, 7, 8, 5, 6])
    }
}
