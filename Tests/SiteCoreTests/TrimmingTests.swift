import Foundation
import Testing

@testable import SiteCore

@Suite("Trimming white space")
struct TrimmingTests {
    @Test("the same as Foundation's trimming of whitespacesAndNewlines, for values with and without white space at either end")
    func sameAsFoundation() {
        let values = [
            "", " ", "\n", "fgj", " fgj", "fgj ", "\tfgj\n", "宁政发〔2021〕6号", "\u{3000}政务公开\u{3000}", "政务\u{3000}公开",
            "\u{00A0}a", "a\u{2028}", "\u{0085}", "~", " ~ ", "a b", "\r\n行政规范性文件\r\n",
        ]
        for value in values {
            #expect(value.trimmingWhitespace() == value.trimmingCharacters(in: .whitespacesAndNewlines), "\(value.unicodeScalars.map(\.value))")
        }
    }
}
