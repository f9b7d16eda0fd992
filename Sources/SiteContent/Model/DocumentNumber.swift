/// 文号 (发文字号): 发文机关代字〔YYYY〕N号, e.g. 宁政办发〔2021〕6号 (GB/T 9704-2012 §7.2.5), or a
/// decree number 国务院令第713号. Stored without whitespace, which PDF extraction often adds
/// ("宁政办发〔2021〕6 号").
public struct DocumentNumber: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The 文号 as printed, whitespace removed.
    public let text: String
    /// 机关代字 (宁政办发), or the decree prefix (国务院令).
    public let code: String
    /// The year in 〔〕; nil for a decree number.
    public let year: Int?
    public let serial: Int

    public var description: String { text }

    /// Parses a 文号, or returns nil. A nil result comes with `suggestedFix` when the mistake is a
    /// common one (other brackets, a two-digit year, "第", a leading zero, a missing 号).
    public init?(_ raw: String) {
        let text = String(raw.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
        guard let parsed = DocumentNumber.parse(text) else { return nil }
        self = parsed
    }

    private init(text: String, code: String, year: Int?, serial: Int) {
        self.text = text
        self.code = code
        self.year = year
        self.serial = serial
    }

    private static func parse(_ text: String) -> DocumentNumber? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.last == "号" else { return nil }
        // Decree: 国务院令第713号
        if let ling = scalars.firstIndex(of: "令"), ling > 0, ling + 1 < scalars.count, scalars[ling + 1] == "第" {
            let code = scalars[0...ling]
            guard code.allSatisfy({ $0.properties.isIdeographic }),
                let serial = serialNumber(scalars[(ling + 2)..<(scalars.count - 1)])
            else { return nil }
            return DocumentNumber(text: text, code: String(String.UnicodeScalarView(code)), year: nil, serial: serial)
        }
        guard let open = scalars.firstIndex(of: "〔"), let close = scalars.firstIndex(of: "〕"), open < close else { return nil }
        let code = scalars[..<open]
        guard let first = code.first, first.properties.isIdeographic,
            code.allSatisfy({ $0.properties.isIdeographic || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) })
        else { return nil }
        let yearDigits = scalars[(open + 1)..<close]
        guard yearDigits.count == 4, yearDigits.allSatisfy({ ("0"..."9").contains($0) }),
            let year = Int(String(String.UnicodeScalarView(yearDigits))),
            let serial = serialNumber(scalars[(close + 1)..<(scalars.count - 1)])
        else { return nil }
        return DocumentNumber(text: text, code: String(String.UnicodeScalarView(code)), year: year, serial: serial)
    }

    /// Arabic digits without a leading zero ("不编虚位").
    private static func serialNumber(_ digits: ArraySlice<Unicode.Scalar>) -> Int? {
        guard let first = digits.first, first != "0", digits.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return Int(String(String.UnicodeScalarView(digits)))
    }

    /// The corrected 文号 for a common mistake, if the correction is valid.
    public static func suggestedFix(for raw: String) -> String? {
        var text = String(raw.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
        for (open, close) in [("[", "]"), ("［", "］"), ("【", "】"), ("(", ")"), ("（", "）"), ("〈", "〉"), ("﹝", "﹞")] {
            text = text.replacingOccurrences(of: open, with: "〔").replacingOccurrences(of: close, with: "〕")
        }
        // A two-digit year: 〔21〕 → 〔2021〕.
        if let open = text.firstIndex(of: "〔"), let close = text.firstIndex(of: "〕"), open < close {
            let year = text[text.index(after: open)..<close]
            if year.count == 2, year.allSatisfy(\.isASCIIDigit) {
                text.replaceSubrange(text.index(after: open)..<close, with: "20" + year)
            }
            // 〕第6号 → 〕6号, 〕06号 → 〕6号
            if let closeNow = text.firstIndex(of: "〕") {
                var rest = String(text[text.index(after: closeNow)...])
                if rest.hasPrefix("第") { rest.removeFirst() }
                while rest.hasPrefix("0") && rest.count > 1 { rest.removeFirst() }
                if !rest.hasSuffix("号") { rest += "号" }
                text = String(text[...closeNow]) + rest
            }
        }
        guard text != raw, DocumentNumber(text) != nil else { return nil }
        return text
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
