import SiteCore
import Testing

/// The incremental build keys its caches with these digests: they must not change between
/// versions of `site` (a changed digest only costs a rebuild, but silently).
struct StableHasherTests {
    @Test func digestsOfKnownInputs() {
        #expect(StableHasher.digest(of: []) == "123672678697daefd1d7cc285038c14b")
        #expect(StableHasher.digest(of: Array("政府信息公开".utf8)) == "b19f5b653df0cac40323f5bfb1c8a85b")
        var strings = StableHasher()
        strings.combine("ab")
        strings.combine("c")
        #expect(strings.digest == "b4175f26231f5008b930b0db950b0e19")
        var number = StableHasher()
        number.combine(UInt64(7))
        #expect(number.digest == "51c0a8fa563731126db98e6da8973e03")
    }

    @Test func digestIs32LowercaseHexDigits() {
        for length in 0..<40 {
            let digest = StableHasher.digest(of: (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37) })
            #expect(digest.utf8.count == 32)
            #expect(digest.allSatisfy { $0.isHexDigit && !$0.isUppercase }, "\(digest)")
        }
        var separate = StableHasher()
        separate.combine("a")
        separate.combine("bc")
        var joined = StableHasher()
        joined.combine("ab")
        joined.combine("c")
        #expect(separate.digest != joined.digest)
    }
}
