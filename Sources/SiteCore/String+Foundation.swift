import Foundation

/// Foundation's string operations, answered without Foundation where the answer is the string
/// itself, as it is for nearly every value: Foundation works through NSString and UTF-16, which
/// cost reading a front-matter value or checking a link more than the rest of the work.
extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`: the string itself when neither end is
    /// white space.
    public func trimmingWhitespace() -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        let whitespace = CharacterSet.whitespacesAndNewlines
        if !whitespace.contains(first), !whitespace.contains(last) { return self }
        return trimmingCharacters(in: whitespace)
    }

    /// `removingPercentEncoding`, or the string as it is when that fails (a `%` not followed by
    /// two hex digits, bytes that are not UTF-8); the string itself when it holds no `%`.
    public var percentDecoded: String {
        guard utf8.contains(UInt8(ascii: "%")) else { return self }
        return removingPercentEncoding ?? self
    }
}
