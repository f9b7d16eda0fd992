/// libcmark reports columns in bytes; diagnostics use Unicode scalars (the unit of Yams' marks).
/// `中文 [链接](x.md)`: cmark puts the link at byte column 8, which is scalar column 4.
enum ByteColumn {
    /// The 1-based scalar column of the 1-based byte column `column` in `line`, not counting the
    /// emphasis markers this stage inserted (`CJKEmphasis.marker`).
    static func scalarColumn(_ column: Int, in line: Substring) -> Int {
        var bytes = 0
        var scalars = 0
        for scalar in line.unicodeScalars {
            if bytes >= column - 1 { break }
            bytes += UTF8.width(scalar)
            if scalar != CJKEmphasis.marker { scalars += 1 }
        }
        return scalars + 1
    }
}
