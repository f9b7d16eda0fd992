import SiteCore
import Testing

@testable import SiteCompliance

private let asOf = CalendarDate(year: 2026, month: 11, day: 22)!

private func findings(in text: String, asOf date: CalendarDate = asOf, allowed: Set<String> = []) -> [PersonalDataFinding] {
    PersonalDataScanner.scan(text, asOf: date, allowedNumbers: allowed)
}

private func found(
    _ kind: PersonalDataFinding.Kind, at offset: Int, _ length: Int, _ masked: String, confident: Bool = true
) -> PersonalDataFinding {
    PersonalDataFinding(kind: kind, offset: offset, length: length, masked: masked, confident: confident)
}

@Suite("Personal data scanner (DISCLOSURE.md §5.2)")
struct PersonalDataScannerTests {
    // MARK: Resident IDs

    @Test("the §5.2 resident ID vectors", arguments: [
        ("11010519491231002X", found(.residentID, at: 0, 18, "110105********002X")),
        ("440524188001010014", found(.residentID, at: 0, 18, "440524********0014")),
        ("110105194912310021", found(.residentID, at: 0, 18, "110105********0021", confident: false)),
        ("11010519491231002x", found(.residentID, at: 0, 18, "110105********002x")),
        ("110105491231002", found(.residentID15, at: 0, 15, "110105*****1002")),
    ])
    func residentIDVectors(_ text: String, _ expected: PersonalDataFinding) {
        #expect(findings(in: text) == [expected])
    }

    @Test("a legacy 15-digit ID upgrades by inserting 19 and appending the check character")
    func legacyUpgrade() {
        #expect(PersonalDataScanner.upgradedLegacyID("110105491231002") == "11010519491231002X")
        #expect(PersonalDataScanner.upgradedLegacyID("11010549123100") == nil)
        #expect(PersonalDataScanner.upgradedLegacyID("11010549123100A") == nil)
        #expect(findings(in: "11010519491231002X").map(\.confident) == [true])
    }

    @Test("an ID whose region or date is not valid is not an ID", arguments: [
        "99010519491231002X",  // no province 99
        "11010519490229002X",  // 1949 is not a leap year
        "11010519491301002X",  // month 13
        "11010517991231002X",  // before 1800
        "990105491231002",  // legacy, no province 99
        "110105490229002",  // legacy, 1949-02-29
        "110105491300002",  // legacy, month 13
    ])
    func invalidIDs(_ text: String) {
        #expect(findings(in: text) == [])
    }

    @Test("an ID born after the as-of date is not flagged; born on it, it is")
    func bornAfterAsOf() {
        // 110105202612011009 has the right check character and fails Luhn, so it is no card either.
        #expect(findings(in: "110105202612011009") == [])
        #expect(
            findings(in: "110105202612011009", asOf: CalendarDate(year: 2026, month: 12, day: 1)!)
                == [found(.residentID, at: 0, 18, "110105********1009")]
        )
    }

    @Test("an 18-digit run that reads as an ID is an ID, never a card, even when it passes Luhn")
    func idBeatsCard() {
        #expect(PersonalDataScanner.passesLuhn(Array("440524188001010014".utf8)))
        #expect(findings(in: "卡号440524188001010014") == [found(.residentID, at: 2, 18, "440524********0014")])
        // Wrong check character (X expected), passes Luhn: still an ID, not confident.
        #expect(PersonalDataScanner.passesLuhn(Array("110105194912310028".utf8)))
        #expect(findings(in: "110105194912310028") == [found(.residentID, at: 0, 18, "110105********0028", confident: false)])
    }

    // MARK: Adjacency and Chinese text

    @Test("matches are found inside Chinese text, with offsets in scalars")
    func chineseText() {
        #expect(
            findings(in: "身份证号11010519491231002X，电话13812345678。") == [
                found(.residentID, at: 4, 18, "110105********002X"),
                found(.mobile, at: 25, 11, "138****5678"),
            ]
        )
        #expect(
            findings(in: "| 张三 | 11010519491231002X | 13812345678 |") == [
                found(.residentID, at: 7, 18, "110105********002X"),
                found(.mobile, at: 28, 11, "138****5678"),
            ]
        )
        #expect(findings(in: "身份证：11010519491231002X号") == [found(.residentID, at: 4, 18, "110105********002X")])
        #expect(findings(in: "🙂13812345678") == [found(.mobile, at: 1, 11, "138****5678")])
    }

    @Test("a match never sits inside a longer alphanumeric run", arguments: [
        "911010519491231002X", "11010519491231002X9", "ID11010519491231002X", "11010519491231002XY",
        "1440524188001010014", "A13812345678", "13812345678B", "213812345678", "138123456789", "x110105491231002",
    ])
    func adjacency(_ text: String) {
        #expect(findings(in: text) == [])
    }

    @Test("a 19-digit run containing an ID is read as a card only")
    func nineteenDigitsContainingAnID() {
        #expect(findings(in: "4405241880010100148") == [found(.bankCard, at: 0, 19, "***************0148", confident: false)])
    }

    // MARK: Mobiles

    @Test("mobile variants: prefix, grouping and separators", arguments: [
        ("电话：13812345678", 3, 11),
        ("电话：+8613812345678", 3, 14),
        ("电话：8613812345678", 3, 13),
        ("电话：+86 13812345678", 3, 15),
        ("电话：86-13812345678", 3, 14),
        ("电话：+86-13812345678", 3, 15),
        ("电话：138 1234 5678", 3, 13),
        ("电话：138-1234-5678", 3, 13),
        ("电话：+86 138 1234 5678", 3, 17),
        ("电话：86-138-1234-5678", 3, 16),
        ("电话：+13812345678", 4, 11),
    ])
    func mobileVariants(_ text: String, _ offset: Int, _ length: Int) {
        #expect(findings(in: text) == [found(.mobile, at: offset, length, "138****5678")])
    }

    @Test("every 1[3-9] mobile prefix, and no other", arguments: ["13", "14", "15", "16", "17", "18", "19", "10", "11", "12"])
    func mobilePrefixes(_ prefix: String) {
        let expected = prefix >= "13" ? [found(.mobile, at: 0, 11, "\(prefix)0****5678")] : []
        #expect(findings(in: "\(prefix)012345678") == expected)
    }

    @Test("not mobiles", arguments: ["1381234567", "138 12345 678", "138 1234 56789", "138 1234 5678 9", "+87 13812345678x"])
    func notMobiles(_ text: String) {
        #expect(findings(in: text) == [])
    }

    @Test("allowed duty numbers never flag, however they are written")
    func allowedNumbers() {
        let allowed: Set<String> = ["13800000000"]
        #expect(findings(in: "值班电话：13800000000", allowed: allowed) == [])
        #expect(findings(in: "值班电话：+86 138-0000-0000", allowed: allowed) == [])
        #expect(findings(in: "值班电话：8613800000000", allowed: allowed) == [])
        #expect(findings(in: "值班电话：13800000000") == [found(.mobile, at: 5, 11, "138****0000")])
        #expect(
            findings(in: "值班电话13800000000，联系人13812345678", allowed: allowed) == [found(.mobile, at: 19, 11, "138****5678")]
        )
    }

    @Test("a landline never flags, but a mobile after it does")
    func landlineThenMobile() {
        #expect(findings(in: "0538-5621234 13812345678") == [found(.mobile, at: 13, 11, "138****5678")])
    }

    // MARK: Bank cards

    @Test("the §5.2 Luhn vectors")
    func luhnVectors() {
        #expect(PersonalDataScanner.passesLuhn(Array("6222020000000000000".utf8)))
        #expect(!PersonalDataScanner.passesLuhn(Array("6222020000000000001".utf8)))
        #expect(findings(in: "6222020000000000000") == [found(.bankCard, at: 0, 19, "***************0000")])
        #expect(findings(in: "6222020000000000001") == [])
    }

    @Test("a card is confident after a keyword", arguments: ["卡号", "账号", "帐号", "银行卡", "账户", "开户"])
    func cardKeywords(_ keyword: String) {
        let offset = keyword.unicodeScalars.count + 1
        #expect(findings(in: "\(keyword)：4111111111111111") == [found(.bankCard, at: offset, 16, "************1111")])
    }

    @Test("card confidence: prefix 62, or a keyword wholly within the 12 characters before", arguments: [
        ("4111111111111111", found(.bankCard, at: 0, 16, "************1111", confident: false)),
        ("编号：4111111111111111", found(.bankCard, at: 3, 16, "************1111", confident: false)),
        ("卡号一二三四五六七八九十4111111111111111", found(.bankCard, at: 12, 16, "************1111")),
        ("卡号一二三四五六七八九十〇4111111111111111", found(.bankCard, at: 13, 16, "************1111", confident: false)),
        ("62220200000000000", found(.bankCard, at: 0, 17, "*************0000")),
        ("622202000000000007", found(.bankCard, at: 0, 18, "**************0007")),
    ])
    func cardConfidence(_ text: String, _ expected: PersonalDataFinding) {
        #expect(findings(in: text) == [expected])
    }

    @Test("cards grouped by 4, with spaces or hyphens", arguments: [
        ("卡号 4111 1111 1111 1111", found(.bankCard, at: 3, 19, "************1111")),
        ("4111-1111-1111-1111", found(.bankCard, at: 0, 19, "************1111", confident: false)),
        ("6222 0200 0000 0000 000", found(.bankCard, at: 0, 23, "***************0000")),
        ("账号：6222-0200-0000-0000-000。", found(.bankCard, at: 3, 23, "***************0000")),
    ])
    func groupedCards(_ text: String, _ expected: PersonalDataFinding) {
        #expect(findings(in: text) == [expected])
    }

    @Test("not cards: Luhn fails, leading zero, or a grouping that does not cover the whole chain", arguments: [
        "4111111111111112", "0000000000000000", "0440524188001010014", "6222 0200 0000 0000 000 1",
        "2021 4111 1111 1111 1111", "411 1111 1111 1111 1111", "4111 1111 1111 1111 1111",
    ])
    func notCards(_ text: String) {
        #expect(findings(in: text) == [])
    }

    // MARK: Must not fire

    @Test("identifiers, dates, landlines, amounts, years, times and hotlines never fire", arguments: [
        "11370322004222241N/2021-5135380", "11370921004336564T/2021-00006", "000014349/2017-00110", "国办发〔2017〕47号",
        "宁政办发〔2021〕6号", "2021-05-19", "0538-5621234", "0538-5621234转8001", "（0538）5621234", "053856212345",
        "12345678.90", "2021", "2021年", "2021年5月19日", "2021年5月19日14:30", "14:30", "12345", "拨打12345热线",
        "2017 2018 2019 2020 2021", "2018 2019 2020 2021",
        "索引号：11370322004222241N/2021-5135380，发布日期：2021-05-19，联系电话：0538-5621234转8001，金额12345678.90元。",
    ])
    func mustNotFire(_ text: String) {
        #expect(findings(in: text) == [])
    }

    @Test("an empty text has no findings")
    func empty() {
        #expect(findings(in: "") == [])
    }

    // MARK: Full-width forms, amounts, redaction

    @Test("full-width digits, Ｘ, ＋ and － are read as their ASCII forms, at the same offsets")
    func fullWidth() {
        #expect(findings(in: "手机１３８１２３４５６７８") == [found(.mobile, at: 2, 11, "138****5678")])
        #expect(findings(in: "身份证11010519491231002Ｘ") == [found(.residentID, at: 3, 18, "110105********002X")])
        #expect(findings(in: "＋86 138－1234－5678") == [found(.mobile, at: 0, 17, "138****5678")])
        #expect(findings(in: "文号〔２０２１〕３号，电话０５３８－５６２１２３４").isEmpty)
    }

    @Test("sums of money are not mobiles or cards; the same digits alone are")
    func amounts() {
        for text in ["总投资15000000000元", "13812345678.00", "约15000000000万", "¥13812345678", "￥6222020000000000000", "$13812345678"] {
            #expect(findings(in: text).isEmpty, "\(text)")
        }
        #expect(findings(in: "电话15000000000。").map(\.kind) == [.mobile])
        #expect(findings(in: "13812345678。00").map(\.kind) == [.mobile])
    }

    @Test("redaction stars every digit of a finding but the last four and keeps the line's length")
    func redaction() {
        let line = "联系人手机：138 1234 5678，身份证11010519491231002X，文号宁政办发〔2021〕6号"
        let redacted = PersonalDataScanner.redact(line, asOf: asOf)
        #expect(redacted == "联系人手机：*** **** 5678，身份证**************002X，文号宁政办发〔2021〕6号")
        #expect(redacted.unicodeScalars.count == line.unicodeScalars.count)
        #expect(PersonalDataScanner.redact("没有个人信息 2021-05-19", asOf: asOf) == "没有个人信息 2021-05-19")
    }
}
