/// 公开属性: whether a document is published. Only `.proactive` documents reach `Public/`.
public enum Disclosure: String, Sendable, CaseIterable, Codable {
    /// 主动公开: published on the organ's own initiative.
    case proactive
    /// 依申请公开: provided to applicants only.
    case onRequest = "on-request"
    /// 不予公开: not disclosed, for a legal reason.
    case withheld

    /// The spelling editors write, which is also how pages print it.
    public var chinese: String {
        switch self {
        case .proactive: "主动公开"
        case .onRequest: "依申请公开"
        case .withheld: "不予公开"
        }
    }

    /// Reads `主动公开` or its English alias `proactive` (also `on-request`, `withheld`).
    public init?(spelling: String) {
        if let value = Disclosure.allCases.first(where: { $0.chinese == spelling || $0.rawValue == spelling }) {
            self = value
        } else {
            return nil
        }
    }

    public static var spellings: [String] { allCases.map(\.chinese) + allCases.map(\.rawValue) }
}
