/// The check characters of the codes that front every 索引号: 组织机构代码 (GB 11714, 9 characters)
/// and 统一社会信用代码 (GB 32100, 18 characters, whose characters 9–17 are the GB 11714 code).
public enum OrganisationCode {
    public enum Check: Equatable, Sendable {
        case valid
        /// The last character should have been this one.
        case wrongCheckCharacter(expected: Character)
        /// Neither 9 nor 18 characters of the right alphabet.
        case malformed
    }

    public static func check(_ code: String) -> Check {
        let chars = Array(code)
        switch chars.count {
        case 9: return checkGB11714(chars)
        case 18: return checkGB32100(chars)
        default: return .malformed
        }
    }

    /// Weights 3 7 9 10 5 8 4 2 over the first 8 characters (digits; A–Z = 10–35);
    /// check = 11 − (sum mod 11), with 10 → X and 11 → 0.
    static func checkGB11714(_ chars: [Character]) -> Check {
        let weights = [3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (char, weight) in zip(chars.prefix(8), weights) {
            guard let value = alphanumericValue(char) else { return .malformed }
            sum += value * weight
        }
        let c = 11 - sum % 11
        let expected: Character = c == 10 ? "X" : c == 11 ? "0" : Character(String(c))
        guard alphanumericValue(chars[8]) != nil || chars[8] == "X" else { return .malformed }
        return chars[8] == expected ? .valid : .wrongCheckCharacter(expected: expected)
    }

    /// Alphabet 0–9 A–Y without I O S V Z (31 characters); weights 3^i mod 31;
    /// check = (31 − sum mod 31) mod 31.
    static func checkGB32100(_ chars: [Character]) -> Check {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        var sum = 0
        for (char, weight) in zip(chars.prefix(17), weights) {
            guard let value = alphabet.firstIndex(of: char) else { return .malformed }
            sum += value * weight
        }
        guard alphabet.contains(chars[17]) else { return .malformed }
        let expected = alphabet[(31 - sum % 31) % 31]
        return chars[17] == expected ? .valid : .wrongCheckCharacter(expected: expected)
    }

    private static func alphanumericValue(_ char: Character) -> Int? {
        guard let ascii = char.asciiValue else { return nil }
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(ascii - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(ascii - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }
}
