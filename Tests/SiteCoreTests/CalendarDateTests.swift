import Testing

@testable import SiteCore

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test("ISO dates parse only when they are real days", arguments: [
        ("2021-05-19", true), ("2020-02-29", true), ("2021-02-29", false), ("2021-13-01", false),
        ("2021-5-19", false), ("2021/05/19", false), ("20210519", false), ("2021-05-19 ", false), ("", false),
    ])
    func parsing(_ text: String, _ valid: Bool) {
        #expect((CalendarDate(iso: text) != nil) == valid)
    }

    @Test("days since the epoch round-trip across centuries")
    func roundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CalendarDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CalendarDate(iso: "1970-01-01")?.daysSinceEpoch == 0)
        #expect(CalendarDate(iso: "2000-03-01")?.daysSinceEpoch == 11_017)
    }

    @Test("weekdays are ISO numbered from Monday")
    func weekdays() {
        #expect(CalendarDate(iso: "2021-05-19")?.weekday == 3)  // a Wednesday
        #expect(CalendarDate(iso: "2023-10-07")?.weekday == 6)  // a Saturday (a make-up working day)
        #expect(CalendarDate(iso: "2024-12-29")?.weekday == 7)
    }

    @Test("adding days crosses months and years")
    func adding() {
        #expect(CalendarDate(iso: "2021-12-25")?.adding(days: 10).description == "2022-01-04")
        #expect(CalendarDate(iso: "2024-02-28")?.adding(days: 1).description == "2024-02-29")
    }

    @Test("Chinese form")
    func chinese() {
        #expect(CalendarDate(iso: "2021-05-09")?.chinese == "2021年5月9日")
    }
}
