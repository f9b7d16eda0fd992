import SiteCore

/// A piece of personal data found in a text.
public struct PersonalDataFinding: Equatable, Sendable {
    /// Which detector of DISCLOSURE.md §5.2 matched.
    public enum Kind: String, Sendable {
        /// 公民身份号码, 18 characters (`privacy.resident-id`).
        case residentID
        /// The legacy 15-digit 身份证号 (`privacy.resident-id-15`).
        case residentID15
        /// A mainland mobile number, 手机号 (`privacy.mobile`).
        case mobile
        /// A bank card or account number, 银行卡号 (`privacy.bank-card`).
        case bankCard
    }

    public let kind: Kind
    /// Where the match starts in the text, counted in Unicode scalars from 0, and its length in scalars.
    /// A mobile's `+86`/`86` prefix and the separators of a grouped number are part of the match.
    public let offset: Int
    public let length: Int
    /// The value as it may be printed in a report: resident IDs keep the first 6 and last 4 characters
    /// (`110105********002X`, legacy `110105*****1002`), mobiles 3 + 4 of the 11-digit number without
    /// prefix or separators (`138****5678`), bank cards only the last 4 digits, every other digit a `*`
    /// and no separators (`************1111`).
    public let masked: String
    /// For residentID: the check character is right (true) or only structure and date are valid (false: probably a typo).
    /// For bankCard: the prefix is 62 (UnionPay) or a keyword (卡号, 账号, 帐号, 银行卡, 账户, 开户) lies wholly within
    /// the 12 characters before the match (true), else false.
    /// Always true for residentID15 and mobile.
    public let confident: Bool

    public init(kind: Kind, offset: Int, length: Int, masked: String, confident: Bool) {
        self.kind = kind
        self.offset = offset
        self.length = length
        self.masked = masked
        self.confident = confident
    }
}

/// Finds the personal data that can be recognised by machine (DISCLOSURE.md §5.2): resident ID numbers, mobile
/// numbers and bank card numbers. Names, addresses and health data are left to the review records (§6.7).
///
/// How a text is read, in one pass over its UTF-8 bytes:
/// - **Only ASCII digit runs are candidates.** A run is a maximal run of ASCII letters and digits, so a match never
///   sits inside a longer alphanumeric run: `A13812345678`, `13812345678B` and the 19-digit `911010519491231002X`
///   give nothing. Chinese characters, punctuation and spaces around a run are fine. A run counts if it is all digits,
///   or 17 digits and a final `X`/`x` (read only as an 18-character resident ID). Full-width digits, `Ｘ`, `＋`,
///   `－` and the ideographic space are read as their ASCII forms.
/// - **Amounts** are not read alone: a run followed by 元, 万, 亿 or a decimal part, or after ¥, ￥ or $.
/// - **Groups.** Runs joined by exactly one space or hyphen form a chain (`138 1234 5678`, `2021-05-19`). If the
///   whole chain reads as a grouped number, that is the finding: a mobile split 3-4-4 (after an optional `86` group,
///   with a `+` just before it), or a bank card of four 4-digit groups and an optional last group of 1–3 digits.
///   A grouped reading never covers only part of a chain, so `2017 2018 2019 2020 2021` or a date before a grouped
///   number never make a card. Otherwise each run of the chain is read alone.
/// - **A run alone**, by its length: 11 digits `1[3-9]…` a mobile (taking in an `86` run joined just before it, and
///   a `+` before that); 13 digits `86` + mobile a prefixed mobile (with a `+` before it); 15 digits a legacy
///   resident ID; 18 characters a resident ID; 16–19 digits a bank card.
/// - **Overlaps.** One run (or chain) gives at most one finding. An 18-character run that reads as a resident ID
///   (region and date valid, whatever its check character) is a resident ID and never a bank card, even when it
///   passes Luhn too (`440524188001010014` does). Only a run of exactly 18 (or 15) is read as an ID, so a 19-digit
///   run containing an ID can only be a card.
/// - **Never flagged**: landlines `0\d{2,3}-?\d{7,8}` (no reading has that shape: split, both parts are too short;
///   joined, 10–12 digits starting with 0 are no reading), hotlines such as `12345`, numbers in `allowedNumbers`,
///   and card readings starting with `0` (ISO/IEC 7812 issues no card numbers there; this keeps zero-padded serials
///   like `0000000000000000`, which pass Luhn, out).
///
/// Findings come sorted by offset.
public enum PersonalDataScanner {
    /// The earliest birth year of a resident ID. GB 11643's own example, `440524188001010014` (a §5.2 test vector that
    /// must read as a valid ID), was born in 1880, so the bound is 1800 rather than 1900.
    static let earliestBirthYear = 1800

    /// Finds resident ID numbers (18 and legacy 15 digits), mainland mobile numbers and bank card numbers.
    /// `asOf`: an ID born after this day is not an ID (DISCLOSURE.md P4).
    /// `allowedNumbers`: published office duty mobiles that never flag (digits only, e.g. "13800000000"); a number
    /// written with a `+86`/`86` prefix or separators is compared by its 11 digits.
    public static func scan(_ text: String, asOf: CalendarDate, allowedNumbers: Set<String> = []) -> [PersonalDataFinding] {
        var text = halfWidth(text)
        return text.withUTF8 { bytes in
            var scanner = Scan(bytes: bytes, asOf: asOf, allowedNumbers: allowedNumbers)
            scanner.run()
            return scanner.findings
        }
    }

    /// The text with every digit (and `X`) of every finding but the last four replaced by `*`, so a
    /// source line can be shown with the caret still under the right column.
    public static func redact(_ text: String, asOf: CalendarDate) -> String {
        let found = scan(text, asOf: asOf)
        guard !found.isEmpty else { return text }
        var scalars = Array(text.unicodeScalars)
        for finding in found {
            let span = finding.offset..<min(finding.offset + finding.length, scalars.count)
            let digits = span.filter { isDigitLike(scalars[$0]) }
            for index in digits.dropLast(4) { scalars[index] = "*" }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    private static func isDigitLike(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x58, 0x78, 0xFF10...0xFF19, 0xFF38, 0xFF58: return true
        default: return false
        }
    }

    /// Full-width digits, `Ｘ`, `＋`, `－` and the ideographic space as their ASCII forms, one scalar for
    /// one, so offsets stay valid: a Chinese input method types `１３８１２３４５６７８` as easily as the
    /// ASCII form, and a reader sees the same number.
    static func halfWidth(_ text: String) -> String {
        // Every such scalar is U+3000 (E3 80 80), U+FF0B…U+FF38 (EF BC xx) or U+FF58 (EF BD 98) in
        // UTF-8, so bytes are rewritten in place of scalars; Chinese punctuation shares those lead
        // bytes, so the text is copied only once a scalar to rewrite is found.
        var text = text
        let rewritten = text.withUTF8 { bytes -> [UInt8]? in
            func replacement(at index: Int) -> UInt8? {
                guard index + 2 < bytes.count else { return nil }
                switch (bytes[index], bytes[index + 1], bytes[index + 2]) {
                case (0xE3, 0x80, 0x80): return 0x20
                case (0xEF, 0xBC, 0x90...0x99), (0xEF, 0xBC, 0x8B), (0xEF, 0xBC, 0x8D), (0xEF, 0xBC, 0xB8): return bytes[index + 2] - 0x60
                case (0xEF, 0xBD, 0x98): return 0x78
                default: return nil
                }
            }
            var index = 0
            var output: [UInt8]?
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0xE3 || byte == 0xEF, let ascii = replacement(at: index) {
                    if output == nil {
                        output = Array(bytes[..<index])
                        output!.reserveCapacity(bytes.count)
                    }
                    output!.append(ascii)
                    index += 3
                } else {
                    output?.append(byte)
                    index += 1
                }
            }
            return output
        }
        return rewritten.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// The 18-character number a legacy 15-digit ID became: "19" inserted before the year and the check character
    /// appended (`110105491231002` → `11010519491231002X`). Nil unless `id` is 15 ASCII digits.
    static func upgradedLegacyID(_ id: String) -> String? {
        let digits = Array(id.utf8)
        guard digits.count == 15, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        let first17 = Array(digits[0..<6]) + Array("19".utf8) + Array(digits[6...])
        return String(decoding: first17 + [checkCharacter(first17[...])], as: UTF8.self)
    }

    /// ISO 7064 MOD 11-2 over the first 17 digits of a resident ID: weights 2^(i−1) mod 11 for i = 18…2,
    /// check = `"10X98765432"[Σ mod 11]`.
    static func checkCharacter(_ first17: ArraySlice<UInt8>) -> UInt8 {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (byte, weight) in zip(first17, weights) { sum += Int(byte &- UInt8(ascii: "0")) * weight }
        return Array("10X98765432".utf8)[sum % 11]
    }

    /// Luhn: from the right, double every second digit, minus 9 above 9; the sum is ≡ 0 mod 10.
    static func passesLuhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (index, byte) in digits.reversed().enumerated() {
            var value = Int(byte &- UInt8(ascii: "0"))
            if index % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    /// GB/T 2260 provinces, the first two digits of a resident ID.
    static func isProvince(_ code: Int) -> Bool {
        switch code {
        case 11...15, 21...23, 31...37, 41...46, 50...54, 61...65, 71, 81...83: return true
        default: return false
        }
    }

    /// The words that make a bank card reading confident when they end within 12 characters before it.
    static let cardKeywords: [[UInt8]] = ["卡号", "账号", "帐号", "银行卡", "账户", "开户"].map { Array($0.utf8) }
}

/// One ASCII run that may be (part of) personal data: all digits, or 17 digits and an `X`.
private struct DigitRun {
    /// Byte range in the UTF-8 text. The run is ASCII, so its byte count is its scalar count.
    let bytes: Range<Int>
    /// Unicode scalars before the run.
    let offset: Int
    /// The byte just before the run is `+`.
    let plusBefore: Bool
    /// 17 digits and a final `X`/`x`.
    let endsWithX: Bool

    var count: Int { bytes.count }
}

/// The state of one scan over one text.
private struct Scan {
    let bytes: UnsafeBufferPointer<UInt8>
    let asOf: CalendarDate
    let allowedNumbers: Set<String>
    var findings: [PersonalDataFinding] = []
    /// Runs joined by single spaces or hyphens, read when the chain ends.
    var chain: [DigitRun] = []

    init(bytes: UnsafeBufferPointer<UInt8>, asOf: CalendarDate, allowedNumbers: Set<String>) {
        self.bytes = bytes
        self.asOf = asOf
        self.allowedNumbers = allowedNumbers
    }

    mutating func run() {
        var index = 0
        var scalars = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte.isASCIIAlphanumeric {
                var end = index + 1
                while end < bytes.count, bytes[end].isASCIIAlphanumeric { end += 1 }
                add(index..<end, offset: scalars)
                scalars += end - index
                index = end
            } else {
                if byte & 0xC0 != 0x80 { scalars += 1 }
                index += 1
            }
        }
        readChain()
    }

    /// Adds one alphanumeric run to the chain, or ends the chain when the run does not join it.
    private mutating func add(_ range: Range<Int>, offset: Int) {
        var digits = 0
        while digits < range.count, bytes[range.lowerBound + digits].isASCIIDigit { digits += 1 }
        let endsWithX = range.count == 18 && digits == 17 && (bytes[range.upperBound - 1] | 0x20) == UInt8(ascii: "x")
        guard digits == range.count || endsWithX else { return }
        let run = DigitRun(
            bytes: range, offset: offset,
            plusBefore: range.lowerBound > 0 && bytes[range.lowerBound - 1] == UInt8(ascii: "+"),
            endsWithX: endsWithX
        )
        if let last = chain.last, last.bytes.upperBound + 1 == range.lowerBound, isSeparator(bytes[last.bytes.upperBound]) {
            chain.append(run)
        } else {
            readChain()
            chain.append(run)
        }
    }

    private mutating func readChain() {
        defer { chain.removeAll(keepingCapacity: true) }
        guard !chain.isEmpty else { return }
        if chain.count > 1, let finding = groupedMobile() ?? groupedCard() {
            findings.append(finding)
            return
        }
        for index in chain.indices {
            if let finding = single(at: index) { findings.append(finding) }
        }
    }

    // MARK: Readings

    /// The whole chain as `[+]86 138 1234 5678` or `138-1234-5678`.
    private func groupedMobile() -> PersonalDataFinding? {
        var groups = chain[...]
        if groups.count == 4, isEightySix(groups.first!) { groups = groups.dropFirst() }
        guard groups.count == 3, groups.map(\.count) == [3, 4, 4], !groups.contains(where: \.endsWithX) else { return nil }
        let number = groups.flatMap { bytes[$0.bytes] }
        guard isMobile(number[...]) else { return nil }
        return mobile(number, first: chain.first!, last: chain.last!)
    }

    /// The whole chain as `6222 0200 0000 0000 000`: four 4-digit groups, then optionally 1–3 digits.
    private func groupedCard() -> PersonalDataFinding? {
        guard chain.count == 4 || chain.count == 5, chain.prefix(4).allSatisfy({ $0.count == 4 }) else { return nil }
        if chain.count == 5, !(1...3).contains(chain[4].count) || chain[4].endsWithX { return nil }
        return card(chain.flatMap { bytes[$0.bytes] }, first: chain.first!, last: chain.last!)
    }

    /// The run at `index` read alone, by its length.
    private func single(at index: Int) -> PersonalDataFinding? {
        let run = chain[index]
        guard [11, 13, 15, 16, 17, 18, 19].contains(run.count), !isAmount(run) else { return nil }
        let digits = Array(bytes[run.bytes])
        switch run.count {
        case 11:
            guard isMobile(digits[...]) else { return nil }
            if index > 0, isEightySix(chain[index - 1]) { return mobile(digits, first: chain[index - 1], last: run) }
            return mobile(digits, first: run, last: run)
        case 13:
            guard digits.starts(with: "86".utf8), isMobile(digits[2...]) else { return nil }
            return mobile(Array(digits[2...]), first: run, last: run)
        case 15:
            return legacyResidentID(run, digits)
        case 18:
            return residentID(run, digits) ?? (run.endsWithX ? nil : card(digits, first: run, last: run))
        case 16, 17, 19:
            return card(digits, first: run, last: run)
        default:
            return nil
        }
    }

    private func residentID(_ run: DigitRun, _ chars: [UInt8]) -> PersonalDataFinding? {
        guard PersonalDataScanner.isProvince(number(chars, 0..<2)),
            let birth = CalendarDate(year: number(chars, 6..<10), month: number(chars, 10..<12), day: number(chars, 12..<14)),
            birth.year >= PersonalDataScanner.earliestBirthYear, birth <= asOf
        else { return nil }
        let check = PersonalDataScanner.checkCharacter(chars[0..<17])
        let last = chars[17] == UInt8(ascii: "x") ? UInt8(ascii: "X") : chars[17]
        return PersonalDataFinding(
            kind: .residentID, offset: run.offset, length: run.count, masked: masked(chars, keepFirst: 6, keepLast: 4),
            confident: last == check
        )
    }

    private func legacyResidentID(_ run: DigitRun, _ digits: [UInt8]) -> PersonalDataFinding? {
        guard PersonalDataScanner.isProvince(number(digits, 0..<2)),
            let birth = CalendarDate(year: 1900 + number(digits, 6..<8), month: number(digits, 8..<10), day: number(digits, 10..<12)),
            birth <= asOf
        else { return nil }
        return PersonalDataFinding(
            kind: .residentID15, offset: run.offset, length: run.count, masked: masked(digits, keepFirst: 6, keepLast: 4),
            confident: true
        )
    }

    /// `number` is the 11-digit mobile; the match runs from `first` to the end of `last`, and takes in a `+` before
    /// `first` when `first` starts with the 86 prefix.
    private func mobile(_ number: [UInt8], first: DigitRun, last: DigitRun) -> PersonalDataFinding? {
        guard !allowedNumbers.contains(String(decoding: number, as: UTF8.self)) else { return nil }
        let prefixed = first.count == 2 || first.count == 13  // "86", or "86" and the 11 digits
        let plus = prefixed && first.plusBefore ? 1 : 0
        return PersonalDataFinding(
            kind: .mobile, offset: first.offset - plus, length: last.bytes.upperBound - first.bytes.lowerBound + plus,
            masked: masked(number, keepFirst: 3, keepLast: 4), confident: true
        )
    }

    /// `digits` without separators; the match runs from `first` to the end of `last`.
    private func card(_ digits: [UInt8], first: DigitRun, last: DigitRun) -> PersonalDataFinding? {
        guard (16...19).contains(digits.count), digits[0] != UInt8(ascii: "0"), PersonalDataScanner.passesLuhn(digits)
        else { return nil }
        let confident = digits.starts(with: "62".utf8) || keywordBefore(first.bytes.lowerBound)
        return PersonalDataFinding(
            kind: .bankCard, offset: first.offset, length: last.bytes.upperBound - first.bytes.lowerBound,
            masked: masked(digits, keepFirst: 0, keepLast: 4), confident: confident
        )
    }

    // MARK: Helpers

    /// A card keyword lies wholly within the 12 characters (scalars) before byte `start`.
    private func keywordBefore(_ start: Int) -> Bool {
        var from = start
        for _ in 0..<12 where from > 0 {
            from -= 1
            while from > 0, bytes[from] & 0xC0 == 0x80 { from -= 1 }
        }
        let window = bytes[from..<start]
        return PersonalDataScanner.cardKeywords.contains { keyword in
            guard window.count >= keyword.count else { return false }
            return (window.startIndex...(window.endIndex - keyword.count)).contains { at in
                window[at..<(at + keyword.count)].elementsEqual(keyword)
            }
        }
    }

    /// A sum of money or a quantity, not a number that names a person: `15000000000元`, `¥13812345678`,
    /// `13812345678.00` (a decimal point and a digit after the run), `15000000000万`.
    private func isAmount(_ run: DigitRun) -> Bool {
        let end = run.bytes.upperBound
        if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "."), bytes[end + 1].isASCIIDigit { return true }
        let after = bytes[end..<min(end + 3, bytes.count)]
        if ["元", "万", "亿"].contains(where: { after.elementsEqual($0.utf8) }) { return true }
        let start = run.bytes.lowerBound
        if start >= 1, bytes[start - 1] == UInt8(ascii: "$") { return true }
        let before = bytes[max(0, start - 3)..<start]
        let beforeTwo = bytes[max(0, start - 2)..<start]
        return before.elementsEqual("￥".utf8) || beforeTwo.elementsEqual("¥".utf8)
    }

    private func isMobile(_ digits: ArraySlice<UInt8>) -> Bool {
        digits.count == 11 && digits.first == UInt8(ascii: "1")
            && (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(digits[digits.startIndex + 1])
    }

    private func isSeparator(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") }

    private func isEightySix(_ run: DigitRun) -> Bool {
        run.count == 2 && bytes[run.bytes.lowerBound] == UInt8(ascii: "8") && bytes[run.bytes.lowerBound + 1] == UInt8(ascii: "6")
    }

    private func number(_ digits: [UInt8], _ range: Range<Int>) -> Int {
        digits[range].reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
    }

    private func masked(_ chars: [UInt8], keepFirst: Int, keepLast: Int) -> String {
        let stars = [UInt8](repeating: UInt8(ascii: "*"), count: chars.count - keepFirst - keepLast)
        return String(decoding: Array(chars.prefix(keepFirst)) + stars + Array(chars.suffix(keepLast)), as: UTF8.self)
    }
}

extension UInt8 {
    fileprivate var isASCIIDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
    fileprivate var isASCIIAlphanumeric: Bool {
        isASCIIDigit || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self | 0x20)
    }
}
