import Foundation
import Testing

@testable import SiteCore

@Suite("Values made ahead")
struct PrefetchedTests {
    @Test("the value is given once, to one of many threads that ask at once, after it is made")
    func takenOnce() {
        for _ in 0..<50 {
            let prefetched = Prefetched { () -> [Int] in
                Thread.sleep(forTimeInterval: 0.001)
                return Array(0..<1_000)
            }
            let taken = Array(0..<8).concurrentMap { _ in prefetched.take() }
            #expect(taken.compactMap { $0 }.count == 1)
            #expect(taken.compactMap { $0 }.first == Array(0..<1_000))
            #expect(prefetched.take() == nil)
        }
    }
}
