/// A small valid site as inline files, for tests that change one thing and expect one diagnostic.
/// Its documents: a normative policy with an interpretation, a plan with tasks, and a withheld
/// document. `SampleSite.files` builds with no diagnostics at all.
public enum SampleSite {
    public static let siteYAML = """
        name: 示例县人民政府
        base_url: https://www.example.gov.cn/
        language: zh-CN
        organization_code: 11370921004336564T
        sponsor: 示例县人民政府办公室
        website_code: "3709210001"
        icp: 鲁ICP备05012345号
        police_record: 鲁公网安备37092102000123号
        contact: 0538-5621234

        """

    public static let agenciesYAML = """
        - id: xzf
          name: 示例县人民政府
          short: 县政府
          level: county-government
        - id: xzfb
          name: 示例县人民政府办公室
          short: 县政府办公室
          level: county-office
        - id: fgj
          name: 示例县发展和改革局
          short: 县发改局
          level: department

        """

    public static let catalogYAML = """
        - id: zcwj
          title: 政策文件
          children:
            - id: gfxwj
              title: 行政规范性文件
        - id: zcjd
          title: 政策解读
        - id: ghxx
          title: 规划信息

        """

    public static let policy = """
        ---
        title: 示例县人民政府办公室关于印发示例县政务公开办法的通知
        kind: policy
        issuer: xzfb
        document_number: 示政办规〔2021〕3号
        index_number: 11370921004336564T/2021-00003
        written: 2021-05-10
        published: 2021-05-12
        disclosure: 主动公开
        catalog: [zcwj, gfxwj]
        topics: [综合政务]
        validity: 现行有效
        normative: true
        ---

        各乡镇人民政府，县政府各部门：

        现将《示例县政务公开办法》印发给你们，请认真贯彻执行。

        """

    public static let interpretation = """
        ---
        title: 《示例县政务公开办法》政策解读
        kind: interpretation
        issuer: xzfb
        index_number: 11370921004336564T/2021-00004
        written: 2021-05-12
        published: 2021-05-13
        disclosure: 主动公开
        catalog: [zcjd]
        interprets: policies/gongkai
        forms: [文字, 图解, 简明问答, 视频, 新闻发布会]
        ---

        近日，县政府办公室印发了[《示例县政务公开办法》](../policies/gongkai.md)。现解读如下。

        """

    public static let plan = """
        ---
        title: 2021年示例县政务公开工作要点
        kind: plan
        issuer: xzfb
        document_number: 示政办发〔2021〕6号
        index_number: 11370921004336564T/2021-00006
        written: 2021-05-19
        published: 2021-05-21
        disclosure: 主动公开
        catalog: [ghxx]
        tasks:
          - area: [推进重点领域信息公开]
            task: 及时公开重大项目建设信息。
            lead: [fgj]
            responsible: [xzfb]
            due: 2021年12月底前
        ---

        各乡镇人民政府，县政府各部门：现将有关事项通知如下。

        """

    /// The sample policy's predecessor of 2019 (示政办规〔2019〕2号), repealed and replaced by it:
    /// saved as `Content/policies/old.md`.
    public static let repealed = policy
        .replacingOccurrences(of: "validity: 现行有效", with: "validity: 已废止\nsuperseded_by: policies/gongkai")
        .replacingOccurrences(of: "示政办规〔2021〕3号", with: "示政办规〔2019〕2号")
        .replacingOccurrences(of: "2021-00003", with: "2019-00002")
        .replacingOccurrences(of: "2021-05-1", with: "2019-05-1")

    public static let withheld = """
        ---
        title: 内部事务文件
        kind: policy
        issuer: xzfb
        index_number: 11370921004336564T/2021-00009
        written: 2021-03-01
        published: 2021-03-01
        disclosure: 不予公开
        disclosure_reason: 属于内部事务信息（《中华人民共和国政府信息公开条例》第十六条第一款）
        catalog: [zcwj]
        validity: 现行有效
        ---

        内部事务。

        """

    /// The whole site, keyed by path relative to the site folder.
    public static var files: [String: String] {
        [
            "Content/site.yaml": siteYAML,
            "Content/agencies.yaml": agenciesYAML,
            "Content/catalog.yaml": catalogYAML,
            "Content/policies/gongkai.md": policy,
            "Content/interpretations/gongkai-jd.md": interpretation,
            "Content/plans/2021-yaodian.md": plan,
            "Content/policies/neibu.md": withheld,
        ]
    }
}
