import Foundation

/// The one "today" of a run (DISCLOSURE.md P4): `--as-of`, else `SOURCE_DATE_EPOCH`, else the
/// current date in Asia/Shanghai (UTC+8 all year: China has no daylight saving time).
public enum AsOfDate {
    public static func resolve(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        now: Date = Date()
    ) -> CalendarDate? {
        if let explicit { return CalendarDate(iso: explicit) }
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap({ Int($0) }) { return shanghai(epoch) }
        return shanghai(Int(now.timeIntervalSince1970))
    }

    static func shanghai(_ epochSeconds: Int) -> CalendarDate {
        let seconds = epochSeconds + 8 * 3600
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return CalendarDate(daysSinceEpoch: days)
    }
}
