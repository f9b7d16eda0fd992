import Foundation

/// Prints diagnostics as a compiler does, as JSON, or as GitHub workflow commands.
public struct DiagnosticPrinter: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, github
    }

    public var format: Format

    public init(format: Format = .text) {
        self.format = format
    }

    /// A rule whose severity site.yaml changed, with how many findings the setting changed (or silenced).
    public typealias AppliedSetting = (setting: RuleSetting, findings: Int)

    private static func describe(_ applied: AppliedSetting) -> String {
        let (setting, findings) = applied
        return "\(setting.code): \(setting.severity?.rawValue ?? "off") (\(findings) finding\(findings == 1 ? "" : "s")) — \(setting.reason)"
    }

    /// The whole report: every diagnostic, then (for text) the summary line with a count per rule,
    /// then the rules site.yaml changed, with their reasons.
    /// `externalLinks` (address → pages that link to it) go into the JSON report only.
    public func render(_ diagnostics: Diagnostics, settings: [AppliedSetting] = [], externalLinks: [String: Int] = [:]) -> String {
        let list = diagnostics.sorted
        switch format {
        case .text:
            var out = list.map(text).joined()
            if !list.isEmpty {
                out += diagnostics.summary + "\n"
                let byCode = Dictionary(grouping: list, by: \.code)
                for (code, found) in byCode.sorted(by: { ($1.value.count, $0.key) < ($0.value.count, $1.key) }) {
                    // One rule can find errors and warnings at once (a provisional finding, an exception).
                    let counts = Severity.allCases.compactMap { severity -> String? in
                        let n = found.count { $0.severity == severity }
                        return n == 0 ? nil : "\(n) \(severity.rawValue)\(n == 1 || severity == .info ? "" : "s")"
                    }
                    out += "  \(code): \(counts.joined(separator: ", "))\n"
                }
            }
            if !settings.isEmpty {
                out += "Rules set by site.yaml:\n" + settings.map { "  \(Self.describe($0))\n" }.joined()
            }
            return out
        case .json:
            return json(list, settings: settings, externalLinks: externalLinks)
        case .github:
            return list.map(github).joined() + settings.map { "::notice title=\(escapeProperty($0.setting.code))::\(escapeData("set by site.yaml: " + Self.describe($0)))\n" }.joined()
        }
    }

    /// ```
    /// Content/interpretations/2021-06.md:4:13: error: 'interprets' names … [interp.target]
    ///     interprets: ny-2021-6
    ///                 ^
    ///   hint: did you mean 'ny-2021-06'?
    /// ```
    public func text(_ d: Diagnostic) -> String {
        var out = ""
        if let location = d.location { out += "\(location): " }
        out += "\(d.severity.rawValue): \(d.message) [\(d.code)]\n"
        if let full = d.excerpt, let location = d.location, location.line > 0 {
            let (excerpt, column) = DiagnosticPrinter.window(full, column: location.column)
            out += "    \(excerpt)\n"
            if column > 0 {
                out += "    " + DiagnosticPrinter.caretPadding(excerpt, column: column) + "^\n"
            }
        }
        for related in d.related {
            out += "  note: \(related.note): \(related.location)\n"
        }
        if let hint = d.hint { out += "  hint: \(hint)\n" }
        return out
    }

    /// A line of at most about 120 characters around `column` (1-based, Unicode scalars; 0: none),
    /// cut with "…" where it is longer, and the column in what is shown. A line can be megabytes
    /// long (a body pasted as one paragraph); the message must still fit a terminal.
    static func window(_ line: String, column: Int, width: Int = 120) -> (String, Int) {
        let scalars = Array(line.unicodeScalars.prefix(column + width + 1))
        guard scalars.count > width else { return (line, column) }
        let start = max(0, column - 1 - width / 2)
        let end = min(scalars.count, start + width)
        var shown = String.UnicodeScalarView()
        if start > 0 { shown.append("…") }
        shown.append(contentsOf: scalars[start..<end])
        if end < scalars.count { shown.append("…") }
        return (String(shown), column > 0 ? column - start + (start > 0 ? 1 : 0) : 0)
    }

    /// Spaces that put a caret under `column` (1-based, Unicode scalars) of `line`, counting wide
    /// (Chinese) characters as two terminal cells and keeping tabs as tabs.
    static func caretPadding(_ line: String, column: Int) -> String {
        var padding = ""
        for scalar in line.unicodeScalars.prefix(max(0, column - 1)) {
            if scalar == "\t" {
                padding += "\t"
            } else {
                padding += EastAsianWidth.isWide(scalar) ? "  " : " "
            }
        }
        return padding
    }

    private struct JSONDiagnostic: Encodable {
        var file: String?
        var line: Int?
        var column: Int?
        var severity: String
        var code: String
        var message: String
        var hint: String?
        var related: [JSONRelated]?
    }

    private struct JSONRelated: Encodable {
        var file: String
        var line: Int
        var column: Int
        var note: String
    }

    private struct JSONRuleSetting: Encodable {
        var code: String
        var severity: String
        var reason: String
        var findings: Int
    }

    private struct JSONReport: Encodable {
        var diagnostics: [JSONDiagnostic]
        var errors: Int
        var warnings: Int
        var infos: Int
        var ruleSettings: [JSONRuleSetting]
        /// Links to other sites, not followed (the check runs offline), with the pages that have them.
        var externalLinks: [JSONExternalLink]
    }

    private struct JSONExternalLink: Encodable {
        var url: String
        var pages: Int
    }

    private func json(_ list: [Diagnostic], settings: [AppliedSetting], externalLinks: [String: Int]) -> String {
        let report = JSONReport(
            diagnostics: list.map { d in
                JSONDiagnostic(
                    file: d.location?.path,
                    line: d.location.map(\.line).flatMap { $0 > 0 ? $0 : nil },
                    column: d.location.map(\.column).flatMap { $0 > 0 ? $0 : nil },
                    severity: d.severity.rawValue,
                    code: d.code,
                    message: d.message,
                    hint: d.hint,
                    related: d.related.isEmpty ? nil : d.related.map {
                        JSONRelated(file: $0.location.path, line: $0.location.line, column: $0.location.column, note: $0.note)
                    }
                )
            },
            errors: list.count { $0.severity == .error },
            warnings: list.count { $0.severity == .warning },
            infos: list.count { $0.severity == .info },
            ruleSettings: settings.map {
                JSONRuleSetting(code: $0.setting.code, severity: $0.setting.severity?.rawValue ?? "off", reason: $0.setting.reason, findings: $0.findings)
            },
            externalLinks: externalLinks.sorted { $0.key < $1.key }.map { JSONExternalLink(url: $0.key, pages: $0.value) }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// `::error file=…,line=…,col=…,title=…::message` (GitHub Actions workflow commands).
    private func github(_ d: Diagnostic) -> String {
        let command: String
        switch d.severity {
        case .error: command = "error"
        case .warning: command = "warning"
        case .info: command = "notice"
        }
        var properties: [String] = []
        if let location = d.location {
            properties.append("file=\(escapeProperty(location.path))")
            if location.line > 0 { properties.append("line=\(location.line)") }
            if location.column > 0 { properties.append("col=\(location.column)") }
        }
        properties.append("title=\(escapeProperty(d.code))")
        var message = d.message
        if let hint = d.hint { message += "\nhint: \(hint)" }
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
    }

    private func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
