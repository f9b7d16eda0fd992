import Foundation
import Testing

@testable import SiteCore

@Suite("Foundation's string operations, without Foundation where the string stays as it is")
struct StringFoundationTests {
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

    @Test("percent-decoding gives what removingPercentEncoding gives, or the string when that fails")
    func percentDecoding() {
        for value in ["", "plain/path.html", "附件1.pdf", "%E5%8A%9E%E6%B3%95", "a%20b", "50%", "%zz", "%FF%FE", "#%E4%B8%80"] {
            #expect(value.percentDecoded == (value.removingPercentEncoding ?? value), "\(value)")
        }
        #expect("%E5%8A%9E%E6%B3%95".percentDecoded == "办法")
        #expect("50%".percentDecoded == "50%")
    }
}
