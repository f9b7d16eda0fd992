import Testing

@testable import SiteExport

@Suite("XML text")
struct XMLTextTests {
    @Test("markup characters are escaped, characters XML cannot carry are dropped, the rest is kept as it is")
    func escaping() {
        #expect(XMLText.escape("a & b < c > d \"e\" 'f'") == "a &amp; b &lt; c &gt; d &quot;e&quot; 'f'")
        #expect(XMLText.escape("宁政办发〔2021〕6号") == "宁政办发〔2021〕6号")
        #expect(XMLText.escape("tab\tline\nreturn\r") == "tab\tline\nreturn\r")
        #expect(XMLText.escape("bell\u{07}null\u{00}esc\u{1B}end") == "bellnullescend")
        #expect(XMLText.escape("x\u{FFFE}y\u{FFFF}z\u{FFFD}") == "xyz\u{FFFD}")
        #expect(XMLText.escape("\u{EFFF}\u{F8FF}😀&") == "\u{EFFF}\u{F8FF}😀&amp;")
        #expect(XMLText.escape("") == "")
    }

    @Test("a body of megabytes full of markup is escaped whole")
    func large() {
        let unit = "第一段 <b>&amp;</b>\n"
        let text = String(repeating: unit, count: 50_000)
        let escaped = XMLText.escape(text)
        #expect(escaped == String(repeating: "第一段 &lt;b&gt;&amp;amp;&lt;/b&gt;\n", count: 50_000))
    }
}
