import SiteCore

/// The files of a new portal's `Content/`, written by `site init` (see `NewPortal`): placeholders
/// an editor must change, each marked 请修改, that are valid as they are, so the portal builds with no
/// diagnostic at all on the day it is created.
enum PortalStarter {
    /// The placeholder organisation code: 18 characters with a right GB 32100 check character
    /// (its characters 9–17, 000000000, are a right GB 11714 code too), all zeros, so no editor takes
    /// it for a real one.
    static let organizationCode = "11000000000000000U"

    /// The sample document: the 政府信息公开指南, a page, so it needs no 索引号 (one made from the
    /// placeholder code would be wrong as soon as the editor sets the real code, and the ledger
    /// would keep it for ever).
    static let samplePath = "guide/xxgkzn.md"

    static let siteYAML = """
        # 网站配置（site init 生成）。标有“请修改”的各项是占位内容：发布前逐项改为本单位的真实信息。
        # 每个键的含义见 site 仓库的 docs/content-format.md。
        name: 示例县人民政府                       # 请修改：网站名称，如 宁阳县人民政府
        base_url: https://www.example.gov.cn/      # 请修改：网址，须为域名（不能用IP地址）；路径部分（如 /xxgk/）作为每个链接的前缀
        language: zh-CN
        organization_code: \(organizationCode)      # 请修改：统一社会信用代码（18位）或组织机构代码（9位），校验位会被核对。它是索引号的前段：先改好它，再用 site new 新建文件
        sponsor: 示例县人民政府办公室              # 请修改：主办单位
        website_code: "0000000000"                 # 请修改：网站标识码（10位数字，须加引号）
        icp: 京ICP备00000000号                     # 请修改：ICP备案号
        police_record: 京公网安备00000000000000号  # 请修改：公安机关备案号
        contact: 0000-0000000                      # 请修改：联系电话
        address: 示例县人民路1号                   # 请修改：主办单位地址（可删除本行）
        # 先审后发：每个公开文件都要有保密审查和三审记录（review:），缺少即为错误。导入历史档案时可改为 recommended（只警告）。
        review_records: required
        # 每个页面顶部显示的提示。上线前删除本行。
        notice: 本站由 site init 生成，网站名称、备案信息和栏目内容均为占位示例，请在发布前修改。

        """

    static let agenciesYAML = """
        # 发布机构、牵头单位和责任单位（site init 生成）。请修改：改为本县的真实机构，按需增加。
        # 文件的 issuer（发布机构）、任务分解表的 lead（牵头单位）和 responsible（责任单位）都用这里的 id。
        # id 只用英文字母、数字、- 和 _，一经使用不要再改。
        # level: county-government 县政府 | county-office 县政府办公室 | department 部门 | township 乡镇（街道）| group 统称

        - id: xzf
          name: 示例县人民政府                 # 请修改
          short: 县政府
          level: county-government
        - id: xzfb
          name: 示例县人民政府办公室           # 请修改
          short: 县政府办公室
          level: county-office
        - id: fgj
          name: 示例县发展和改革局             # 请修改：示例部门，按需增加其他部门
          short: 县发改局
          level: department
          # org_code: "000000000"             # 可选：本单位的组织机构代码，本单位文件的索引号以它开头

        # 任务分解表中的统称，例如：
        # - id: gxz
        #   name: 各乡镇人民政府（街道办事处）
        #   short: 各乡镇（街道）
        #   level: group

        """

    static let catalogYAML = """
        # 主动公开目录（site init 生成）：请按本县的目录调整。
        # 栏目 id 即网址（/xxgk/zcwj/）；years、topics、normative、decisions 已被系统页面占用。
        # 没有任何主动公开文件的栏目（空白栏目）是错误，除非写明 empty_reason：栏目没有文件时页面显示这段说明。

        - id: xxgkzn
          title: 政府信息公开指南
          description: 依据《中华人民共和国政府信息公开条例》第十二条编制，说明主动公开的范围和方式、依申请公开的受理机构和办理程序、收费及监督救济渠道。

        - id: xxgkzd
          title: 政府信息公开制度
          description: 政府信息公开和政务公开的法规制度，以及本县保密审查、依申请公开办理、考核评议和责任追究等工作制度。
          empty_reason: 本县政府信息公开工作制度正在汇编整理，将按规定在本栏目公开。

        - id: fdzdgknr
          title: 法定主动公开内容
          description: 依据《中华人民共和国政府信息公开条例》第十九条、第二十条、第二十一条应当主动公开的政府信息。
          empty_reason: 本栏目按信息类别分设下级栏目，请在下列子栏目中查阅。
          children:
            - id: jgzn
              title: 机构职能
              description: 县政府及其工作部门的职能、机构设置、办公地址、办公时间、联系方式和负责人姓名。
              empty_reason: 机构职能信息正在整理，将按规定在本栏目公开。
            - id: zcwj
              title: 政策文件
              description: 县政府、县政府办公室及县政府各部门制发的政策文件，标注有效性。
              empty_reason: 本栏目暂无政策文件。政策文件自形成之日起20个工作日内在本栏目公开。
              children:
                - id: gfxwj
                  title: 行政规范性文件
                  description: 对公民、法人和其他组织权利义务产生影响、在一定期限内反复适用的行政规范性文件，实行统一登记、统一编号、统一印发。
                  empty_reason: 本栏目暂无行政规范性文件。行政规范性文件印发后在本栏目公开，并标注有效性。
            - id: zcjd
              title: 政策解读
              description: 与政策文件同步起草、同步审批、同步发布的解读材料，包括文字、图解、简明问答、视频等形式。
              empty_reason: 本栏目暂无政策解读。政策解读材料于政策文件公开后3个工作日内在本栏目发布。
            - id: ghxx
              title: 规划信息
              description: 国民经济和社会发展规划、专项规划、区域规划及年度工作计划、政务公开工作要点等。
              empty_reason: 规划信息正在整理，将按规定在本栏目公开。
            - id: czxx
              title: 财政信息
              description: 财政预算、决算报告，部门预决算，政府债务，行政事业性收费项目及其依据、标准。
              empty_reason: 财政预决算信息在批准后20日内在本栏目公开。
            - id: zdxzjc
              title: 重大行政决策
              description: 县政府年度重大行政决策事项目录，决策草案征求意见、意见采纳情况及决策结果等信息。
              empty_reason: 年度重大行政决策事项目录经县政府确定后在本栏目公开。

        - id: xxgknb
          title: 政府信息公开年报
          description: 依据《中华人民共和国政府信息公开条例》第四十九条、第五十条，于每年3月31日前公布的上一年度政府信息公开工作年度报告。
          empty_reason: 政府信息公开工作年度报告于每年3月31日前在本栏目公布。

        - id: ysqgk
          title: 依申请公开
          description: 政府信息公开申请的受理渠道、申请方式、办理流程和信息处理费收取标准。
          empty_reason: 依申请公开的受理机构、申请方式和办理程序见本专栏《政府信息公开指南》。

        """

    /// The 政府信息公开指南 of the placeholder county, written and published on `date`.
    static func guide(date: CalendarDate) -> String {
        """
        ---
        # 示例文件（site init 生成）：请按本单位实际情况修改标题和正文。正文中“示例县”、地址、电话等均为占位内容。
        title: 示例县人民政府政府信息公开指南
        kind: page
        issuer: xzfb
        written: \(date)
        published: \(date)
        disclosure: 主动公开
        catalog: [xxgkzn]
        topics: [综合政务, 政务公开]
        summary: 依据《中华人民共和国政府信息公开条例》第十二条编制，说明县政府主动公开的范围和方式、依申请公开的受理机构和办理程序、信息处理费以及监督和救济渠道。
        # 先审后发：保密审查和三审记录（by 填工号或姓名）。只留在源文件中，不会发布。请修改为实际的审核人和日期。
        review:
          confidentiality: {by: bgs-bm, on: \(date)}
          stages:
            - {stage: 初审, by: bgs-03, on: \(date)}
            - {stage: 复审, by: bgs-02, on: \(date)}
            - {stage: 终审, by: bgs-01, on: \(date)}
        ---
        为保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第十二条，编制本指南。本指南适用于示例县人民政府及示例县人民政府办公室（以下简称县政府、县政府办公室），每年至少更新一次。

        ## 一、主动公开

        ### （一）公开范围

        县政府依照《条例》第十九条、第二十条、第二十一条的规定，主动公开涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，主要包括：

        1. 机构职能、机构设置、办公地址、办公时间、联系方式、负责人姓名；
        2. 行政规范性文件和其他政策文件，以及相应的政策解读；
        3. 国民经济和社会发展规划、专项规划及相关政策，年度工作计划和政务公开工作要点；
        4. 财政预算、决算信息，行政事业性收费项目及其依据、标准；
        5. 重大行政决策事项目录、决策草案征求意见及决策结果；
        6. 政府信息公开工作年度报告；
        7. 法律、法规、规章和国家有关规定要求主动公开的其他政府信息。

        主动公开的具体内容按本专栏“法定主动公开内容”各栏目编排，每条信息标注索引号、发布机构、成文日期、发布日期、文号和有效性。

        ### （二）公开方式

        主动公开的政府信息以示例县人民政府门户网站“政府信息公开”专栏为第一平台集中发布，并视情通过政府公报、新闻发布会、政务新媒体以及广播、电视、报刊等途径公开。

        ### （三）公开时限

        属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开。法律、法规对公开期限另有规定的，从其规定。

        ## 二、依申请公开

        ### （一）受理机构

        县政府、县政府办公室的政府信息公开申请，由县政府办公室受理。

        - 办公地址：示例县人民路1号
        - 办公时间：法定工作日上午8:30—12:00，下午13:30—17:00
        - 联系电话：0000-0000000

        县政府各部门的政府信息，请向掌握该信息的部门提出申请。

        ### （二）申请方式

        申请人可以当面、信函、传真或者通过本专栏“依申请公开”栏目提出申请。申请应当包括申请人的姓名或者名称、身份证明、联系方式，申请公开的政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式、途径。采用书面形式确有困难的，申请人可以口头提出，由受理机构代为填写申请。

        ### （三）办理程序和时限

        受理机构收到申请，能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。申请内容不明确的，受理机构自收到申请之日起7个工作日内一次性告知申请人作出补正。

        ## 三、收费

        县政府依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费。

        ## 四、监督和救济

        公民、法人或者其他组织认为县政府、县政府办公室未依法履行政府信息公开义务的，可以向县政府办公室（县政府信息公开工作主管部门）投诉、举报，也可以向上一级人民政府办公室投诉、举报。

        公民、法人或者其他组织认为在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。

        """
    }

    static let gitignoreLines = ["Public/", ".site-cache/"]
}
