/// 有效性 of a policy: its place in the lifecycle of 立、改、废.
public enum Validity: String, Sendable, CaseIterable, Codable {
    /// 现行有效
    case inForce = "现行有效"
    /// 已修改: changed in part by a later document.
    case amended = "已修改"
    /// 已废止
    case repealed = "已废止"
    /// 已失效: its term ended or its basis lapsed.
    case expired = "已失效"

    public var chinese: String { rawValue }
}
