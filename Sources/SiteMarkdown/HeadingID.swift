/// Stable `id`s for headings, derived from their text so deep links survive edits elsewhere:
/// `## 一、总体要求` → `一总体要求`, `## Data sources` → `data-sources`. Repeats get `-1`, `-2`.
struct HeadingIDs {
    private var used: [String: Int] = [:]

    mutating func make(for text: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingDash = !slug.isEmpty
            } else if scalar == "-" || scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingDash { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            }
        }
        if slug.isEmpty { slug = "section" }
        if let count = used[slug] {
            used[slug] = count + 1
            var candidate = "\(slug)-\(count)"
            while used[candidate] != nil { candidate += "-1" }
            used[candidate] = 1
            return candidate
        }
        used[slug] = 1
        return slug
    }
}
