import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Texts written to a file as they are made and read back one at a time when needed: the rendered
/// bodies of 100,000 documents are 400 MB, which a build would otherwise hold from the Markdown
/// stage to the last feed. The file is removed as soon as it is opened (it has no name), so it goes
/// with the process however the process ends.
///
/// A text that is already in another open file (a body the last build rendered, in its document
/// cache) is not copied: the spill refers to it there (`adopt`).
public final class TextSpill: @unchecked Sendable {
    /// Where one text is: in the spill file, or in a file it adopted texts of.
    public struct Ref: Sendable, Hashable {
        let offset: Int
        let length: Int
        /// 0: the spill file; n: the nth adopted file.
        var source = 0
    }

    private let descriptor: Int32
    private let lock = NSLock()
    private var end = 0
    private var firstFailure: String?
    /// Whether the first text that could not be read back was an adopted one.
    private var firstFailureAdopted = false
    /// The files texts were adopted from, kept open while the spill is.
    private var sources: [any SpillSource] = []

    /// Why a text could not be read back, the first time one could not; nil while all could.
    public var failure: String? { lock.withLock { firstFailure } }

    /// Whether that text was one adopted from another file (`adopt`), not one the spill wrote.
    public var failureInAdoptedText: Bool { lock.withLock { firstFailureAdopted } }

    /// Nil when no file can be made in `folder` (then texts stay in memory).
    public init?(folder: URL = FileManager.default.temporaryDirectory) {
        let path = folder.appendingPathComponent("site-spill-\(getpid())-\(UUID().uuidString)").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        unlink(path)
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Writes `text`; nil if the write failed (keep the text in memory then).
    public func put(_ text: String) -> Ref? {
        var text = text
        return text.withUTF8 { bytes -> Ref? in
            let offset: Int = lock.withLock {
                defer { end += bytes.count }
                return end
            }
            guard writeFully(descriptor, UnsafeRawBufferPointer(bytes), at: offset) == 0 else { return nil }
            return Ref(offset: offset, length: bytes.count)
        }
    }

    /// Refers to `length` bytes of `source` at `offset`, a text in UTF-8, without reading them.
    public func adopt(_ source: any SpillSource, offset: Int, length: Int) -> Ref {
        lock.withLock {
            let number = (sources.lastIndex { $0 === source } ?? {
                sources.append(source)
                return sources.count - 1
            }()) + 1
            return Ref(offset: offset, length: length, source: number)
        }
    }

    /// The text at `ref`; nil if it cannot be read back (`failure` then says why).
    public func get(_ ref: Ref) -> String? {
        var reason: String?
        let descriptor = ref.source == 0 ? descriptor : lock.withLock { sources[ref.source - 1].spillDescriptor }
        let text = String(unsafeUninitializedCapacity: ref.length) { buffer -> Int in
            var done = 0
            while done < ref.length {
                let read = pread(descriptor, buffer.baseAddress! + done, ref.length - done, off_t(ref.offset + done))
                if read < 0, errno == EINTR { continue }
                guard read > 0 else {
                    reason = read < 0 ? String(cString: strerror(errno)) : "the file ends early"
                    return 0
                }
                done += read
            }
            return done
        }
        guard reason == nil, text.utf8.count == ref.length else {
            lock.withLock {
                if firstFailure == nil {
                    firstFailure = reason ?? "the text read back is not what was written"
                    firstFailureAdopted = ref.source != 0
                }
            }
            return nil
        }
        return text
    }
}

/// An open file a `TextSpill` can refer to texts in; it stays open while the spill refers to it.
public protocol SpillSource: AnyObject, Sendable {
    var spillDescriptor: Int32 { get }
}

/// The rendered body of every public document, by id: in memory, or in a `TextSpill` and read
/// back a body at a time (each page and feed entry asks for one).
public struct BodyStore: Sendable, ExpressibleByDictionaryLiteral {
    private var inMemory: [DocumentID: String]
    private var spilled: [DocumentID: TextSpill.Ref]
    private let spill: TextSpill?

    public init(_ bodies: [DocumentID: String] = [:]) {
        inMemory = bodies
        spilled = [:]
        spill = nil
    }

    public init(dictionaryLiteral elements: (DocumentID, String)...) {
        self.init(Dictionary(uniqueKeysWithValues: elements))
    }

    /// Bodies in `spill` at `refs`, and the ones that could not be written there.
    public init(spill: TextSpill, refs: [DocumentID: TextSpill.Ref], inMemory: [DocumentID: String]) {
        self.spill = spill
        self.spilled = refs
        self.inMemory = inMemory
    }

    /// The body; an empty one if it could not be read back from the spill, which `failure` then
    /// reports: the build must check it before it publishes.
    public subscript(id: DocumentID) -> String? {
        if let body = inMemory[id] { return body }
        guard let ref = spilled[id], let spill else { return nil }
        return spill.get(ref) ?? ""
    }

    /// Whether the bodies are in a spill file (else all in memory).
    public var isSpilled: Bool { spill != nil }

    /// Why a body could not be read back from the spill; nil while every one could.
    public var failure: String? { spill?.failure }

    /// Whether that body was one the spill adopted from another file (the last build's cache).
    public var failureInAdoptedText: Bool { spill?.failureInAdoptedText ?? false }

    /// Every body, read into memory (for tests and small sites).
    public var all: [DocumentID: String] {
        var all = inMemory
        for id in spilled.keys { all[id] = self[id] }
        return all
    }
}
