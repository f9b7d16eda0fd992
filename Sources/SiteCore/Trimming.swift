import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, answered without Foundation when neither
    /// end is white space, as nearly every value is: Foundation trims through NSString and UTF-16,
    /// which cost reading a front-matter value more than its parsing did.
    public func trimmingWhitespace() -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        let whitespace = CharacterSet.whitespacesAndNewlines
        if !whitespace.contains(first), !whitespace.contains(last) { return self }
        return trimmingCharacters(in: whitespace)
    }
}
