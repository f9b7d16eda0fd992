import ArgumentParser
import Foundation
import SiteBuild
import SiteCore
import SiteServe

/// `site serve`: builds as `site build` does, serves the output folder over HTTP, and while
/// watching rebuilds on every change and reloads the open pages.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the portal, serve it over HTTP, and rebuild and reload open pages on every change.",
        discussion: """
            The output folder is built exactly as by `site build` and served as it is; the live-reload \
            script is added to pages only as they are sent, never written. When a rebuild has errors, \
            the last good build is still served and open pages show the diagnostics. --host :: (the \
            default) listens on every interface over IPv6 and IPv4; --host ::1 or --host 127.0.0.1 \
            keeps the preview to this machine. Ctrl-C stops the server.

            Exit codes: 0 stopped by Ctrl-C (SIGINT) or SIGTERM; 1 with --no-watch, the content has \
            errors and nothing was published; 2 a folder is missing or must not be written to, or \
            the address cannot be listened on; 64 a wrong command line.
            """
    )

    @OptionGroup var folders: SiteFolders

    @Option(name: .long, help: "The output folder, built and served; replaced as a whole by each good build.")
    var output = "Public"

    @Option(name: .customLong("base-url"), help: "The address the portal is served at; overrides base_url in site.yaml (its path is where the site is served).")
    var baseURL: String?

    @Flag(name: .long, help: "Fail a build on warnings too: the previous build stays served.")
    var strict = false

    @Option(name: .customLong("as-of"), help: "Today, as YYYY-MM-DD, for deadlines (default: SOURCE_DATE_EPOCH, else today in Asia/Shanghai).")
    var asOf: String?

    @Option(name: .long, help: "The address to listen on: an IPv6 or IPv4 literal, or a name.")
    var host = "::"

    @Option(name: .long, help: "The port; 0 picks a free one.")
    var port: UInt16 = 1313

    @Flag(name: .long, inversion: .prefixedNo, help: "Rebuild on changes in the content and theme folders, and reload open pages.")
    var watch = true

    func run() async throws {
        guard AsOfDate.resolve(explicit: asOf) != nil else { throw ValidationError("--as-of must be a date as YYYY-MM-DD") }
        signal(SIGPIPE, SIG_IGN)

        let make = { @Sendable [folders, output, baseURL, strict, asOf] in
            BuildOptions(
                source: folders.source, templates: folders.templates, output: output, baseURL: baseURL, strict: strict,
                writeOutput: true, asOf: AsOfDate.resolve(explicit: asOf))
        }
        let options = make()

        let watcher = FolderWatcher(folders: [(options.sourceDisplay, options.source), (options.templatesDisplay, options.templates)])
        // What the first build reads, to compare with: an edit made while it runs is rebuilt too.
        let baseline = watch ? await Background.run { watcher.snapshot() } : [:]

        // The first build: a folder that is missing or must not be written to stops here (exit 2).
        let clock = ContinuousClock()
        let started = clock.now
        let first: BuildReport
        do throws(SiteError) {
            first = try await Background.runThrowing { () throws(SiteError) in try Pipeline().run(options) }
        } catch {
            Console.error(error.description + "\n" + (error.hint.map { "  hint: \($0)\n" } ?? ""))
            throw ExitCode(2)
        }
        let firstOutcome = Self.outcome(first, options: options)
        if !firstOutcome.diagnostics.isEmpty { Console.error(firstOutcome.diagnostics) }
        if first.published {
            Console.line(
                "Built \(counted(first.fileCount, "file")) from \(counted(first.publicDocumentCount, "public document")) "
                    + "(\(first.documentCount) loaded) into \(options.outputDisplay)/ as of \(options.asOf) in "
                    + String(format: "%.2f s", Self.seconds(clock.now - started)))
        } else if !watch {
            Console.error("Nothing was published because of \(first.diagnostics.hasErrors ? "errors" : "warnings (--strict)").\n")
            throw ExitCode(1)
        } else {
            Console.line("The build failed (\(firstOutcome.counts)): serving what \(options.outputDisplay)/ had; pages show the errors until they are fixed")
        }

        let files = Locked(StaticFiles(root: options.output, basePath: first.basePath ?? "/"))
        let live = watch ? LiveReload() : nil
        let server = PreviewServer(handler: PreviewHandler(files: files, live: live))
        let listening: PreviewServer.Listening
        do {
            listening = try await server.start(host: host, port: port)
        } catch {
            Console.error("error: \(error)\n")
            throw ExitCode(2)
        }
        // From here on Ctrl-C stops the server cleanly; before, it simply ends the first build
        // (a killed build leaves the output folder as it was).
        let stop = Self.signals()
        let scope = listening.allInterfaces ? "on every interface, port \(listening.port)" : "on \(listening.addresses.joined(separator: ", "))"
        Console.line("Serving \(options.outputDisplay)/ \(scope):")
        for url in listening.urls(basePath: files.value.basePath) { Console.line("  \(url)") }

        var watching: Task<Void, Never>?
        if let live {
            if !first.published { await live.failed(BuildFailure(summary: firstOutcome.counts, diagnostics: firstOutcome.diagnostics)) }
            let session = LiveSession(
                files: files, live: live, watcher: watcher,
                build: {
                    let options = make()
                    do throws(SiteError) {
                        return Self.outcome(try Pipeline().run(options), options: options)
                    } catch {
                        let text = "\(error.description)\n" + (error.hint.map { "  hint: \($0)\n" } ?? "")
                        return BuildOutcome(published: false, errors: 1, diagnostics: text)
                    }
                },
                log: { Console.line($0) }, report: { Console.error($0) })
            watching = Task { await session.run(from: baseline) }
            Console.line("Watching \(options.sourceDisplay)/ and \(options.templatesDisplay)/ for changes. Press Ctrl-C to stop.")
        } else {
            Console.line("Press Ctrl-C to stop.")
        }

        for await _ in stop { break }
        // A rebuild under way is not waited for: a build stopped halfway leaves the output folder
        // as it was, and the next build clears its staging folder.
        watching?.cancel()
        await live?.closeAll()
        await server.stop()
        Console.line("Stopped.")
    }

    static func outcome(_ report: BuildReport, options: BuildOptions) -> BuildOutcome {
        let printer = DiagnosticPrinter(format: .text)
        return BuildOutcome(
            published: report.published, basePath: report.basePath, fileCount: report.fileCount,
            errors: report.diagnostics.errorCount, warnings: report.diagnostics.warningCount,
            diagnostics: printer.render(report.diagnostics, settings: report.ruleSettings))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// SIGINT (Ctrl-C) and SIGTERM, as a stream: the first one stops the server cleanly.
    static func signals() -> AsyncStream<Int32> {
        AsyncStream { continuation in
            let sources = SignalSources()
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { continuation.yield(number) }
                source.resume()
                sources.list.append(source)
            }
            continuation.onTermination = { _ in sources.list.forEach { $0.cancel() } }
        }
    }
}

/// Keeps the signal sources alive as long as the stream that reports them.
private final class SignalSources: @unchecked Sendable {
    var list: [any DispatchSourceSignal] = []
}

/// Lines written at once, unbuffered: a program reading `site serve` through a pipe sees each one
/// as it happens.
enum Console {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
