import Testing

@testable import SiteContent

@Suite("文号, 索引号 and organisation codes")
struct IdentifierTests {
    // DISCLOSURE.md §2.5 test vectors.
    @Test("valid 文号 after removing whitespace", arguments: [
        "宁政办发〔2021〕6号", "高政办字〔2021〕24号", "会政办发〔2021〕85号", "平政办发〔2023〕5号", "鲁政办发〔2021〕5号",
        "泰政办发〔2021〕3号", "国办发〔2019〕54号", "国办秘函〔2019〕19号", "国办发明电〔2017〕12号", "宁政办发〔2021〕6 号",
        "国务院令第713号",
    ])
    func validDocumentNumbers(_ text: String) {
        #expect(DocumentNumber(text) != nil)
    }

    @Test("invalid 文号", arguments: ["宁政办发[2021]6号", "宁政办发〔21〕6号", "宁政办发〔2021〕第6号", "宁政办发〔2021〕06号", "宁政办发〔2021〕6", "〔2021〕6号", "宁政办发2021年6号"])
    func invalidDocumentNumbers(_ text: String) {
        #expect(DocumentNumber(text) == nil)
    }

    @Test("common 文号 mistakes get the corrected form", arguments: [
        ("宁政办发[2021]6号", "宁政办发〔2021〕6号"), ("宁政办发（2021）6号", "宁政办发〔2021〕6号"), ("宁政办发【2021】6号", "宁政办发〔2021〕6号"),
        ("宁政办发〔21〕6号", "宁政办发〔2021〕6号"), ("宁政办发〔2021〕第6号", "宁政办发〔2021〕6号"), ("宁政办发〔2021〕06号", "宁政办发〔2021〕6号"),
        ("宁政办发〔2021〕6", "宁政办发〔2021〕6号"),
    ])
    func fixes(_ text: String, _ fix: String) {
        #expect(DocumentNumber.suggestedFix(for: text) == fix)
    }

    @Test("a 文号 keeps its parts")
    func parts() throws {
        let number = try #require(DocumentNumber("宁政办发〔2021〕6 号"))
        #expect(number.text == "宁政办发〔2021〕6号")
        #expect(number.code == "宁政办发")
        #expect(number.year == 2021)
        #expect(number.serial == 6)
        #expect(DocumentNumber("国务院令第713号")?.year == nil)
    }

    @Test("索引号 forms", arguments: [
        ("000014349/2017-00110", true), ("11370921004336564T/2021-00006", true), ("11370322004222241N/2021-5135380", true),
        ("000014349/2017-110", false), ("000014349/17-00110", false), ("000014349-2017-00110", false),
        ("00001434/2017-00110", false), ("000014349/2017-0011000", false), ("abc014349/2017-00110", false),
    ])
    func indexNumbers(_ text: String, _ valid: Bool) {
        #expect((IndexNumber(text) != nil) == valid)
    }

    @Test("organisation codes: GB 11714 and GB 32100 check characters (DISCLOSURE.md §2.3 vectors)")
    func organisationCodes() {
        #expect(OrganisationCode.check("000014349") == .valid)
        #expect(OrganisationCode.check("004222241") == .valid)
        #expect(OrganisationCode.check("11370322004222241N") == .valid)
        #expect(OrganisationCode.check("11450100007564321A") == .valid)
        #expect(OrganisationCode.check("11370921004336564T") == .valid)
        #expect(OrganisationCode.check("000014348") == .wrongCheckCharacter(expected: "9"))
        #expect(OrganisationCode.check("11370322004222241M") == .wrongCheckCharacter(expected: "N"))
        #expect(OrganisationCode.check("1137032200422224") == .malformed)
        #expect(OrganisationCode.check("11370322004222241I") == .malformed)
    }

    @Test("interpretation forms accept their synonyms")
    func forms() {
        #expect(InterpretationForm(spelling: "图片") == .graphic)
        #expect(InterpretationForm(spelling: "短视频") == .video)
        #expect(InterpretationForm(spelling: "问答") == .qa)
        #expect(InterpretationForm(spelling: "漫画") == nil)
    }
}
