import SiteCore

/// site.yaml: the portal's name, address, organisation code and the marks every page's footer
/// must show (DISCLOSURE.md §6.3).
public struct SiteConfiguration: Sendable {
    /// 网站名称: 宁阳县人民政府
    public var name: String
    /// The address the portal is served at, e.g. `https://www.ningyang.gov.cn/`. Its path is the
    /// prefix of every link.
    public var baseURL: String
    /// `zh-CN`
    public var language: String
    /// 组织机构代码 or 统一社会信用代码 that fronts every 索引号 unless an agency has its own.
    public var organizationCode: String
    /// 主办单位
    public var sponsor: String
    /// 网站标识码 (10 characters)
    public var websiteCode: String
    /// ICP备案号: 鲁ICP备05001234号
    public var icp: String
    /// 公安机关备案号: 鲁公网安备37092102000123号
    public var policeRecord: String
    /// 联系方式 shown in the footer.
    public var contact: String
    /// 地址 of the sponsor, optional.
    public var address: String?
    /// A line shown under the header on every page (e.g. that this is a demonstration site).
    public var notice: String?
    /// Keep raw HTML in Markdown bodies (default: dropped, with a warning).
    public var allowRawHTML: Bool
    /// Entries per page of a catalog list.
    public var pageSize: Int
    /// Rules whose severity this site changes, each with the reason the report prints.
    public var rules: [RuleSetting]
    /// Office duty mobiles published on purpose (`privacy.allowed_numbers`), 11 digits each.
    public var allowedNumbers: Set<String>
    /// Holiday arrangements the site adds to the built-in calendar (`holidays:`).
    public var holidays: [HolidayArrangement]
    /// The fewest interpretation forms a normative document's interpretations should use together
    /// (`interpretation_forms:`): seed 004 asks ≥5 of the county government and its office and
    /// ≥2 of departments and townships, "原则上", so a site may set its own.
    public var interpretationForms: InterpretationFormMinimum
    /// The day of the next year by which a township's (乡镇/街道) annual report is published
    /// (`township_report_deadline: 01-31`): the 条例 sets none for them (DISCLOSURE.md §4.1).
    public var townshipReportDeadline: (month: Int, day: Int)
    /// `review_records: required | recommended`: whether a public document without complete review
    /// records is an error (a new site) or a warning (an imported archive); nil: not asked for.
    public var reviewRecords: Severity?
    public var location: SourceLocation

    public init(
        name: String, baseURL: String, language: String, organizationCode: String, sponsor: String,
        websiteCode: String, icp: String, policeRecord: String, contact: String, address: String? = nil,
        notice: String? = nil, allowRawHTML: Bool = false, pageSize: Int = 20, rules: [RuleSetting] = [],
        allowedNumbers: Set<String> = [], holidays: [HolidayArrangement] = [],
        interpretationForms: InterpretationFormMinimum = InterpretationFormMinimum(),
        townshipReportDeadline: (month: Int, day: Int) = (1, 31), reviewRecords: Severity? = nil, location: SourceLocation
    ) {
        self.reviewRecords = reviewRecords
        self.townshipReportDeadline = townshipReportDeadline
        self.interpretationForms = interpretationForms
        self.name = name
        self.baseURL = baseURL
        self.language = language
        self.organizationCode = organizationCode
        self.sponsor = sponsor
        self.websiteCode = websiteCode
        self.icp = icp
        self.policeRecord = policeRecord
        self.contact = contact
        self.address = address
        self.notice = notice
        self.allowRawHTML = allowRawHTML
        self.pageSize = pageSize
        self.rules = rules
        self.allowedNumbers = allowedNumbers
        self.holidays = holidays
        self.location = location
    }

    /// The path part of the base URL, always starting and ending with `/`: `/` or `/xxgk/`.
    public var basePath: String {
        var rest = baseURL
        if let scheme = rest.range(of: "://") { rest = String(rest[scheme.upperBound...]) }
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        var path = String(rest[slash...])
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<query]) }
        return path.hasSuffix("/") ? path : path + "/"
    }
}

/// `interpretation_forms: {county: 5, department: 2}`.
public struct InterpretationFormMinimum: Sendable, Equatable {
    /// For documents of the county government or its office.
    public var county: Int
    /// For documents of departments, townships and other units.
    public var department: Int

    public init(county: Int = 5, department: Int = 2) {
        self.county = county
        self.department = department
    }
}
