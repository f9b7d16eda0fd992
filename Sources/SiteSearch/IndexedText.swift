import SiteCore

/// A document's text for the search index, read only when the index needs it, with what the index
/// must know of it beforehand: its digest (the key of the document's batch and result files) and
/// its length in Unicode scalars (whether the result has a `-rest.txt`). At 100,000 documents the
/// texts are a quarter of a gigabyte; a build that changed one document reads its batch's only.
public struct IndexedText: Sendable {
    /// Of the text's bytes, or of the parts it was put together from (`appending`): the same text
    /// made the same way has the same digest in every build.
    public let digest: String
    /// Unicode scalars in the text.
    public let scalars: Int
    private let load: @Sendable () -> String

    /// A text in memory.
    public init(_ text: String) {
        var hasher = StableHasher()
        hasher.combine(text)
        self.init(digest: hasher.digest, scalars: Self.scalars(in: text)) { text }
    }

    /// A text kept elsewhere (a spill file), made by `load`, whose digest and length were taken
    /// when it was put there.
    public init(digest: String, scalars: Int, load: @escaping @Sendable () -> String) {
        self.digest = digest
        self.scalars = scalars
        self.load = load
    }

    /// The text.
    public func read() -> String { load() }

    /// This text followed by `suffix` (held in memory).
    public func appending(_ suffix: String) -> IndexedText {
        guard !suffix.isEmpty else { return self }
        var hasher = StableHasher()
        hasher.combine(digest)
        hasher.combine(suffix)
        let load = self.load
        return IndexedText(digest: hasher.digest, scalars: scalars + Self.scalars(in: suffix)) { load() + suffix }
    }

    /// Unicode scalars in `text`: its UTF-8 bytes that do not continue a scalar.
    public static func scalars(in text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
    }
}
