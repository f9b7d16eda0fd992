import Foundation
import Testing

@testable import SiteCore

@Suite("Spilled bodies")
struct BodyStoreTests {
    @Test("texts written to the spill from many threads read back byte for byte, Chinese and empty ones too")
    func roundTrip() throws {
        let spill = try #require(TextSpill())
        let texts = (0..<2_000).map { index in
            index % 7 == 0 ? "" : "<p>第\(index)条　政务公开 \(String(repeating: "公开透明", count: index % 50))</p>\n"
        }
        let refs = texts.concurrentMap { spill.put($0) }
        #expect(refs.allSatisfy { $0 != nil })
        let back = refs.concurrentMap { $0.flatMap { spill.get($0) } }
        #expect(back == texts.map { Optional($0) })
    }

    @Test("a store answers from the spill, from memory for what could not be spilled, and nil for the rest")
    func store() throws {
        let spill = try #require(TextSpill())
        let a = DocumentID("policies/a"), b = DocumentID("policies/b"), c = DocumentID("policies/c")
        let ref = try #require(spill.put("<p>甲</p>"))
        let store = BodyStore(spill: spill, refs: [a: ref], inMemory: [b: "<p>乙</p>"])
        #expect(store[a] == "<p>甲</p>")
        #expect(store[b] == "<p>乙</p>")
        #expect(store[c] == nil)
        #expect(store.all == [a: "<p>甲</p>", b: "<p>乙</p>"])
        let literal: BodyStore = [c: "<p>丙</p>"]
        #expect(literal[c] == "<p>丙</p>")
    }

    @Test("a text adopted from another open file reads back from there, beside the spill's own")
    func adopted() throws {
        final class OpenFile: SpillSource, @unchecked Sendable {
            let spillDescriptor: Int32
            init(_ path: String) { spillDescriptor = open(path, O_RDONLY) }
            deinit { close(spillDescriptor) }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("adopt-test-\(UUID().uuidString)").path
        let bytes = Array("前言<p>政务公开</p>后记".utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let file = OpenFile(path)
        unlink(path)  // read through the open descriptor, as the last build's cache after the next replaces it
        let spill = try #require(TextSpill())
        let own = try #require(spill.put("<p>甲</p>"))
        let start = Array("前言".utf8).count
        let ref = spill.adopt(file, offset: start, length: Array("<p>政务公开</p>".utf8).count)
        let again = spill.adopt(file, offset: 0, length: start)
        #expect(spill.get(ref) == "<p>政务公开</p>")
        #expect(spill.get(again) == "前言")
        #expect(spill.get(own) == "<p>甲</p>")
        #expect(spill.failure == nil)
    }

    @Test("the spill file has no name: nothing is left in its folder")
    func noFileLeft() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spill-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spill = try #require(TextSpill(folder: folder))
        #expect(spill.put("x") != nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(TextSpill(folder: folder.appendingPathComponent("missing")) == nil)
    }

    @Test("a body that cannot be read back is empty, and the store says why, so the build can refuse to publish")
    func unreadable() throws {
        let spill = try #require(TextSpill())
        let good = try #require(spill.put("<p>甲</p>"))
        let id = DocumentID("policies/a")
        let store = BodyStore(spill: spill, refs: [id: TextSpill.Ref(offset: good.offset + 1_000, length: 5)], inMemory: [:])
        #expect(store.failure == nil)
        #expect(store[id] == "")
        #expect(store.failure == "the file ends early")
        #expect(spill.get(good) == "<p>甲</p>", "the other texts still read back")
    }
}
