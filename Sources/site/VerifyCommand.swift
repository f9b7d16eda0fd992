import ArgumentParser
import Foundation
import SiteVerify

/// `site verify`: checks that a server sends exactly what the last build wrote.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Fetch every file of the build's manifest from a running server and compare it with the output folder by SHA-256.",
        discussion: """
            Reads manifest.json of the output folder (written by every build), fetches each file it \
            lists, and the manifest itself, from --url with Accept-Encoding: identity, and prints a \
            line for each file that is missing (404), differs, or gets another answer, then a \
            summary. --url is where the output folder's root is served; without a path the site's \
            base path is added. Example: site verify --url http://[::1]:8080/

            Exit codes: 0 every file matches; 1 some are missing or differ; 2 the output folder has \
            no manifest, --url is not an http(s) address, or the server could not be reached (or \
            some files could not be fetched); 64 a wrong command line.
            """
    )

    @Option(name: .long, help: "The address the output folder is served at: http://[::1]:8080/, https://www.example.gov.cn/.")
    var url: String

    @Option(name: .long, help: "The output folder of the build to compare with.")
    var output = "Public"

    func run() async throws {
        guard let address = URL(string: url), let scheme = address.scheme?.lowercased(), scheme == "http" || scheme == "https",
            address.host != nil, !(address.host ?? "").isEmpty
        else {
            Console.error("error: --url '\(url)' is not an http:// or https:// address with a host\n")
            throw ExitCode(2)
        }
        let folder = output.hasPrefix("/") ? URL(fileURLWithPath: output) : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(output)
        let verifier = Verifier(url: address, output: folder.standardizedFileURL, outputDisplay: output)
        let report: Verifier.Report
        do throws(Verifier.Failure) {
            report = try await verifier.run()
        } catch {
            Console.error(error.description + "\n")
            throw ExitCode(2)
        }
        let lines = verifier.lines(report)
        if !lines.isEmpty { Console.error(lines.joined(separator: "\n") + "\n") }
        if report.exitCode == 0 {
            Console.line(verifier.summary(report))
        } else {
            Console.error(verifier.summary(report) + "\n")
            throw ExitCode(report.exitCode)
        }
    }
}
