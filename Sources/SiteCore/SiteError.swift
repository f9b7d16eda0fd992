/// The tool or its environment failed: a folder is missing, the output cannot be written. Unlike a
/// `Diagnostic` (about the editor's content), an error ends the run.
public enum SiteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The content or templates folder does not exist.
    case missingFolder(role: String, path: String)
    case unreadable(path: String, reason: String)
    /// The output folder would be somewhere it must never be (the source, `/`, a parent of the source).
    case outputRefused(path: String, reason: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingFolder(let role, let path):
            "error: the \(role) folder '\(path)' does not exist"
        case .unreadable(let path, let reason):
            "error: cannot read '\(path)': \(reason)"
        case .outputRefused(let path, let reason):
            "error: will not write the site to '\(path)': \(reason)"
        case .writeFailed(let path, let reason):
            "error: cannot write '\(path)': \(reason)"
        }
    }

    /// What to do about it.
    public var hint: String? {
        switch self {
        case .missingFolder(let role, _):
            role == "content"
                ? "run site in the portal's folder (the one holding Content/), or pass --source"
                : "run site in the portal's folder (the one holding Templates/), or pass --templates"
        case .outputRefused(_, let reason):
            reason.hasSuffix("replaces it whole")
                ? "choose a new or empty folder for the output, e.g. --output Public, or empty this one yourself"
                : "choose a separate folder for the output, e.g. --output Public"
        case .unreadable, .writeFailed:
            nil
        }
    }
}
