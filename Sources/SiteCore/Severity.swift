/// How much a finding matters. An error stops the build from publishing; a warning is reported
/// (and fails only under `--strict`); info is reported only.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case error
    case warning
    case info

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}
