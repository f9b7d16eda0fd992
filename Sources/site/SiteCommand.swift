import ArgumentParser
import SiteCore

/// `site`: builds a county government-information-disclosure portal from Content/ and Templates/.
@main
struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Build a government information disclosure portal (政府信息公开) from Markdown.",
        discussion: """
            Exit codes: 0 success; 1 the content has errors (or warnings, with --strict) and nothing \
            was published; 2 the tool could not run (a missing folder, an output folder it must not \
            write to, a write error); 64 a wrong command line.
            """,
        version: SiteVersion.current,
        subcommands: [
            BuildCommand.self, CheckCommand.self, ServeCommand.self, VerifyCommand.self, InitCommand.self, NewCommand.self, LockCommand.self, GraphCommand.self,
            RulesCommand.self,
        ],
        defaultSubcommand: nil
    )
}
