import Foundation

/// Runs a program the tests need besides Swift (node for the search page's code), found on PATH.
public enum ExternalCommand {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    public enum Failure: Error, CustomStringConvertible {
        case notFound(String, hint: String)

        public var description: String {
            switch self {
            case .notFound(let name, let hint): "'\(name)' is not on PATH: \(hint)"
            }
        }
    }

    /// The program's path on PATH, or nil.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `name` with `arguments` in `folder`; throws when the program is missing, with `hint`
    /// saying how to install it (a missing program fails the test: it never skips).
    public static func run(_ name: String, _ arguments: [String], in folder: URL = Repository.root, hint: String) throws -> Result {
        guard let executable = find(name) else { throw Failure.notFound(name, hint: hint) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes at once, so neither can fill up and stall the program.
        let group = DispatchGroup()
        nonisolated(unsafe) var stderr = Data()
        group.enter()
        DispatchQueue.global().async {
            stderr = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}
