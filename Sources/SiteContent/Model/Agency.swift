import SiteCore

/// An issuing or responsible unit (发布机构 / 牵头单位 / 责任单位), from agencies.yaml.
public struct Agency: Sendable, Identifiable {
    /// A short ASCII id that documents use (`issuer: fgj`).
    public let id: String
    /// The full name, printed as 发布机构 (never abbreviated): 宁阳县发展和改革局.
    public let name: String
    /// The short name used in tables: 县发改局.
    public let shortName: String
    public let level: AgencyLevel
    /// 组织机构代码 or 统一社会信用代码 that fronts the 索引号 of its documents; the site's code when nil.
    public let orgCode: String?
    public let location: SourceLocation

    public init(id: String, name: String, shortName: String, level: AgencyLevel, orgCode: String?, location: SourceLocation) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.level = level
        self.orgCode = orgCode
        self.location = location
    }
}

/// 机关层级: decides deadlines and the minimum number of interpretation forms.
public enum AgencyLevel: String, Sendable, CaseIterable {
    /// 县人民政府
    case countyGovernment = "county-government"
    /// 县人民政府办公室
    case countyOffice = "county-office"
    /// 县政府部门 (局、委、办)
    case department
    /// 乡镇人民政府、街道办事处
    case township
    /// A collective term in task tables: 各乡镇（街道）, 县政府各部门.
    case group
}
