import Foundation
import SiteCore
import SiteTestSupport
import Testing

@testable import SiteCompliance

private let policyPath = "Content/policies/gongkai.md"

/// The sample policy with a line added to its body, which then is line 19.
private func policy(body line: String) -> String { SampleSite.policy + line + "\n" }

/// The sample policy with front-matter lines added after `topics` (line 11).
private func policy(frontMatter lines: String, body line: String = "") -> String {
    SampleSite.policy.replacing("topics: [综合政务]\n", "topics: [综合政务]\n" + lines) + (line.isEmpty ? "" : line + "\n")
}

@Suite("Personal data in public documents (DISCLOSURE.md §5)")
struct PersonalDataRuleTests {
    @Test("each kind is found in the body at its exact line and column, masked")
    func body() throws {
        let found = try findings(PersonalDataRule(), changes: [policyPath: policy(body: "联系人身份证号：11010519491231002X，手机138-1234-5678，卡号 6222 0200 0000 0000 000，旧证110105491231002。")])
        #expect(found == [
            Diagnostic(.privacyResidentID(masked: "110105********002X", confident: true, field: "the body"), at: at(policyPath, 19, 9)),
            Diagnostic(.privacyMobile(masked: "138****5678", field: "the body"), at: at(policyPath, 19, 30)),
            Diagnostic(.privacyBankCard(masked: "***************0000", confident: true, field: "the body"), at: at(policyPath, 19, 47)),
            Diagnostic(.privacyResidentID15(masked: "110105*****1002", field: "the body"), at: at(policyPath, 19, 73)),
        ])
        #expect(found.map(\.severity) == [.error, .error, .error, .warning])
        #expect(found.first?.message == "resident ID number 110105********002X in the body")
        // Nothing prints a value in full.
        #expect(!found.contains { $0.message.contains("11010519491231002X") || $0.message.contains("13812345678") })
    }

    @Test("personal data in site.yaml, agencies.yaml, catalog.yaml and topics is found where it is written")
    func configuration() throws {
        let found = try findings(PersonalDataRule(), changes: [
            "Content/site.yaml": SampleSite.siteYAML.replacing("contact: 0538-5621234", "contact: 0538-5621234，值班手机13812345678"),
            "Content/catalog.yaml": SampleSite.catalogYAML + "- id: kong\n  title: 空栏目\n  empty_reason: 联系人张三，身份证11010519491231002X\n",
            "Content/agencies.yaml": SampleSite.agenciesYAML.replacing("  short: 县发改局", "  short: 县发改局（13912345678）"),
            policyPath: SampleSite.policy.replacing("topics: [综合政务]", "topics: [综合政务, 手机13712345678]"),
        ])
        #expect(found.map { "\($0.location!) \($0.message)" } == [
            "Content/agencies.yaml:11:15 mobile number 139****5678 in an agency's short name",
            "Content/catalog.yaml:12:26 resident ID number 110105********002X in a section's empty_reason",
            "Content/policies/gongkai.md:11:18 mobile number 137****5678 in the topics",
            "Content/site.yaml:9:27 mobile number 138****5678 in site.yaml 'contact'",
        ])
    }

    @Test("a wrong check character or a card without keyword or UnionPay prefix is a warning")
    func uncertain() throws {
        let found = try findings(PersonalDataRule(), changes: [policyPath: policy(body: "号码110105194912310021；编号4111111111111111。")])
        #expect(found == [
            Diagnostic(.privacyResidentID(masked: "110105********0021", confident: false, field: "the body"), at: at(policyPath, 19, 3)),
            Diagnostic(.privacyBankCard(masked: "************1111", confident: false, field: "the body"), at: at(policyPath, 19, 24)),
        ])
        #expect(found.map(\.severity) == [.warning, .warning])
    }

    @Test("文号, 索引号, dates, landlines, hotlines and amounts are not personal data; withheld documents are not published")
    func noFalsePositives() throws {
        let body = "依据国办发〔2017〕47号，索引号11370322004222241N/2021-5135380，2021-05-19印发。电话0538-5621234，热线12345，金额12345678.90元。"
        let withheld = SampleSite.withheld + "身份证号11010519491231002X\n"
        #expect(try findings(PersonalDataRule(), changes: [policyPath: policy(body: body), "Content/policies/neibu.md": withheld]) == [])
    }

    @Test("front-matter values: the column of the value's characters, quoted or in a block")
    func frontMatter() throws {
        let titled = SampleSite.policy.replacing("title: 示例县人民政府办公室关于印发示例县政务公开办法的通知", "title: 关于13812345678号码的通知")
        #expect(try findings(PersonalDataRule(), changes: [policyPath: titled])
            == [Diagnostic(.privacyMobile(masked: "138****5678", field: "the title"), at: at(policyPath, 2, 10))])
        let quoted = SampleSite.policy.replacing("title: 示例县人民政府办公室关于印发示例县政务公开办法的通知", "title: \"关于13812345678号码的通知\"")
        #expect(try findings(PersonalDataRule(), changes: [policyPath: quoted])
            == [Diagnostic(.privacyMobile(masked: "138****5678", field: "the title"), at: at(policyPath, 2, 11))])
        let summary = policy(frontMatter: "summary: |\n  联系人张三，电话13812345678，备用13812345678。\n")
        #expect(try findings(PersonalDataRule(), changes: [policyPath: summary]) == [
            Diagnostic(.privacyMobile(masked: "138****5678", field: "the summary"), at: at(policyPath, 13, 11)),
            Diagnostic(.privacyMobile(masked: "138****5678", field: "the summary"), at: at(policyPath, 13, 25)),
        ])
    }

    @Test("a plan's task text")
    func planTask() throws {
        let plan = SampleSite.plan.replacing("task: 及时公开重大项目建设信息。", "task: 向困难群众发放补助，银行卡号6222020000000000000。")
        #expect(try findings(PersonalDataRule(), changes: ["Content/plans/2021-yaodian.md": plan])
            == [Diagnostic(.privacyBankCard(masked: "***************0000", confident: true, field: "task 1"), at: at("Content/plans/2021-yaodian.md", 13, 25))])
    }

    @Test("attachments: names, the text of plain-text files, and the files that cannot be read")
    func attachments() throws {
        let lines = """
            attachments:
              - {file: 名单.txt, title: 附件1：名单}
              - {file: 附件2.pdf, title: 附件2：联系人13812345678}

            """
        let found = try findings(
            PersonalDataRule(),
            changes: [policyPath: policy(frontMatter: lines), "Content/policies/名单.txt": "序号 姓名 身份证号\n1 张三 11010519491231002X\n"],
            data: ["Content/policies/附件2.pdf": Data("%PDF-1.4\n".utf8)])
        #expect(found == [
            Diagnostic(.privacyAttachmentUnscanned(file: "附件2.pdf"), at: at(policyPath, 14, 12)),
            Diagnostic(.privacyMobile(masked: "138****5678", field: "an attachment's title"), at: at(policyPath, 14, 35)),
            Diagnostic(.privacyResidentID(masked: "110105********002X", confident: true, field: "attachment 名单.txt"), at: at("Content/policies/名单.txt", 2, 6)),
        ])
        #expect(found[0].severity == .info)
    }

    /// `privacy:` lines after `topics` (lines 12–16), with the body line 24 holding a mobile, an ID and a card.
    private static func exceptionPolicy(_ privacy: String) -> String {
        policy(frontMatter: privacy, body: "联系电话13812345678，身份证号11010519491231002X，银行卡号6222020000000000000。")
    }

    private static let punitive = """
        privacy:
          exception: 惩戒公示
          basis: 《关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》
          allow: [mobile, residentId]
          display_until: 2026-12-31

        """

    @Test("a declared exception turns the kinds it allows into privacy.allowed: info, a warning for a full ID; the rest stay errors")
    func exception() throws {
        let found = try findings(PersonalDataRule(), changes: [policyPath: Self.exceptionPolicy(Self.punitive)])
        #expect(found == [
            Diagnostic(.privacyAllowed(kind: "mobile number", masked: "138****5678", exception: "惩戒公示", fullResidentID: false), at: at(policyPath, 24, 5)),
            Diagnostic(.privacyAllowed(kind: "resident ID number", masked: "110105********002X", exception: "惩戒公示", fullResidentID: true), at: at(policyPath, 24, 21)),
            Diagnostic(.privacyBankCard(masked: "***************0000", confident: true, field: "the body"), at: at(policyPath, 24, 44)),
        ])
        #expect(found.map(\.severity) == [.info, .warning, .error])
    }

    @Test("privacy.exception-basis: an exception names the law that requires it; privacy.exception-expired after display_until")
    func exceptionProblems() throws {
        let noBasis = Self.punitive.replacing("  basis: 《关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》\n", "")
        let found = try findings(PersonalDataRule(), changes: [policyPath: Self.exceptionPolicy(noBasis)])
        #expect(found.first == Diagnostic(.privacyExceptionBasis, at: at(policyPath, 13, 14)))
        #expect(found.first?.severity == .error)
        let expired = try findings(PersonalDataRule(), changes: [policyPath: Self.exceptionPolicy(Self.punitive)], asOf: "2027-01-01")
        #expect(expired.contains(Diagnostic(.privacyExceptionExpired(until: "2026-12-31"), at: at(policyPath, 16, 18))))
    }

    @Test("office duty mobiles listed in site.yaml never flag, however they are written")
    func allowedNumbers() throws {
        let site = SampleSite.siteYAML + "privacy:\n  allowed_numbers: [\"13800000000\"]\n"
        let changes: [String: String?] = ["Content/site.yaml": site, policyPath: policy(body: "值班手机13800000000，或+86 138 0000 0000；个人13812345678。")]
        #expect(try findings(PersonalDataRule(), changes: changes)
            == [Diagnostic(.privacyMobile(masked: "138****5678", field: "the body"), at: at(policyPath, 19, 38))])
    }
}
