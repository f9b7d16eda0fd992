import Foundation

import SiteCore
import Yams

/// Reads YAML through Yams into `Located` values, collecting diagnostics instead of throwing.
///
/// Positions come from Yams' marks (1-based lines, columns in Unicode scalars) shifted by the line
/// on which the YAML starts in its file, so a front matter's line 1 is the file's line 2.
struct YAMLReader {
    /// The file, relative to the folder `site` runs in.
    let path: String
    /// The file line of the YAML's first line.
    let firstLine: Int
    private(set) var diagnostics: [Diagnostic] = []
    /// The last file line a mark may name (see `parse`); libyaml puts an error at the end of the
    /// input on the line after the last one.
    private var lastLine = Int.max

    init(path: String, firstLine: Int) {
        self.path = path
        self.firstLine = firstLine
    }

    // MARK: Parsing

    /// Parses one YAML document. Returns nil (with a diagnostic) when it is not valid YAML or uses
    /// anchors and aliases, and `.some(nil)` for an empty document.
    mutating func parse(_ yaml: String) -> Node?? {
        // Front matter is followed by its closing fence, a whole file by nothing.
        lastLine = firstLine - 1 + Self.lineCount(yaml) + (firstLine > 1 ? 1 : 0)
        if let (line, column) = YAMLEventScan.firstAnchorOrAlias(in: yaml) {
            report(.yamlAlias, at: SourceLocation(path: path, line: line + firstLine - 1, column: column))
            return nil
        }
        do {
            // No tag resolution: every value is read as the text written (see `string`), and the default
            // resolver ran six regular expressions on every key when Yams hashed them.
            let parser = try Parser(yaml: yaml, resolver: .basic, constructor: .default, encoding: .utf8)
            // Anchors and aliases never reach here: YAMLEventScan refused them above.
            let root = try parser.singleRoot()
            return .some(root)
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping = error, let repeated = YAMLEventScan.firstRepeatedKey(in: yaml) {
                // At the repeat, the line the editor added last, with a note where the first is.
                let first = SourceLocation(path: path, line: repeated.first.line + firstLine - 1, column: repeated.first.column)
                report(Diagnostic(
                    .duplicateKey(key: repeated.key),
                    at: SourceLocation(path: path, line: repeated.repeat.line + firstLine - 1, column: repeated.repeat.column),
                    related: [Diagnostic.Related(first, note: "first given here")]))
                return nil
            }
            let (problem, mark) = describe(error)
            report(problem, at: mark)
            return nil
        } catch {
            report(.yamlSyntax(problem: "\(error)"), at: nil)
            return nil
        }
    }

    private func describe(_ error: YamlError) -> (Problem, Mark?) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var text = problem
            if let context, !context.text.isEmpty { text = "\(problem) (\(context.text))" }
            return (.yamlSyntax(problem: text), mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (.duplicateKey(key: duplicates.first ?? ""), context.mark)
        case .reader(let problem, _, _, _):
            return (.yamlSyntax(problem: problem), nil)
        default:
            return (.yamlSyntax(problem: "\(error)"), nil)
        }
    }

    // MARK: Locations and reporting

    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(path: path, line: max(1, firstLine - 1), column: 1) }
        let line = mark.line + firstLine - 1
        if line > lastLine { return SourceLocation(path: path, line: lastLine, column: 1) }
        return SourceLocation(path: path, line: line, column: mark.column)
    }

    /// Lines as libyaml counts them (CR LF, CR, LF, NEL, LS and PS end one); a last line without
    /// a break counts too.
    static func lineCount(_ text: String) -> Int {
        var count = 0
        var previous: Unicode.Scalar = " "
        var open = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": if previous != "\r" { count += 1 }; open = false
            case "\r", "\u{85}", "\u{2028}", "\u{2029}": count += 1; open = false
            default: open = true
            }
            previous = scalar
        }
        return max(1, count + (open ? 1 : 0))
    }

    func location(of node: Node) -> SourceLocation { location(node.mark) }

    mutating func report(_ problem: Problem, at mark: Mark?) {
        diagnostics.append(Diagnostic(problem, at: location(mark)))
    }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    mutating func report(_ problem: Problem, at location: SourceLocation) {
        diagnostics.append(Diagnostic(problem, at: location))
    }

    // MARK: Scalars

    /// A non-empty string. Any plain scalar is read as written (`title: 2021` is the text "2021").
    mutating func string(_ node: Node, key: String) -> Located<String>? {
        guard case .scalar(let scalar) = node else {
            report(.wrongType(key: key, expected: "a single value, not a list or mapping"), at: node.mark)
            return nil
        }
        let text = scalar.string.trimmingWhitespace()
        if text.isEmpty || (scalar.style == .plain && text == "~") {
            report(.emptyValue(key: key), at: node.mark)
            return nil
        }
        return Located(text, at: location(of: node))
    }

    /// One string or a list of strings: `issuer: fgj` and `issuer: [fgj, czj]` both read as a list.
    mutating func stringList(_ node: Node, key: String) -> [Located<String>] {
        switch node {
        case .scalar:
            return string(node, key: key).map { [$0] } ?? []
        case .sequence(let sequence):
            return sequence.compactMap { string($0, key: key) }
        default:
            report(.wrongType(key: key, expected: "a value or a list of values"), at: node.mark)
            return []
        }
    }

    mutating func date(_ node: Node, key: String) -> Located<CalendarDate>? {
        guard let text = string(node, key: key) else { return nil }
        guard let date = CalendarDate(iso: text.value) else {
            report(.invalidDate(key: key, value: text.value), at: text.location)
            return nil
        }
        return Located(date, at: text.location)
    }

    mutating func bool(_ node: Node, key: String) -> Bool? {
        guard let text = string(node, key: key) else { return nil }
        switch text.value {
        case "true": return true
        case "false": return false
        default:
            report(.invalidValue(key: key, value: text.value, allowed: ["true", "false"], suggestion: nil), at: text.location)
            return nil
        }
    }

    mutating func integer(_ node: Node, key: String) -> Located<Int>? {
        guard let text = string(node, key: key) else { return nil }
        guard let value = Int(text.value) else {
            report(.wrongType(key: key, expected: "a whole number"), at: text.location)
            return nil
        }
        return Located(value, at: text.location)
    }

    /// A value from a closed vocabulary, with "did you mean".
    mutating func choice<T>(_ node: Node, key: String, allowed: [String], parse: (String) -> T?) -> Located<T>? {
        guard let text = string(node, key: key) else { return nil }
        guard let value = parse(text.value) else {
            let suggestion = Suggestion.closest(to: text.value, among: allowed)
            report(.invalidValue(key: key, value: text.value, allowed: allowed, suggestion: suggestion), at: text.location)
            return nil
        }
        return Located(value, at: text.location)
    }

    // MARK: Mappings

    /// The pairs of a mapping whose keys are strings, in file order.
    mutating func mapping(_ node: Node, key: String) -> MappingFields? {
        guard case .mapping(let mapping) = node else {
            report(.wrongType(key: key, expected: "a mapping of keys to values"), at: node.mark)
            return nil
        }
        var fields: [MappingFields.Field] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report(.wrongType(key: key, expected: "a mapping with plain keys"), at: keyNode.mark)
                continue
            }
            fields.append(MappingFields.Field(key: scalar.string, keyLocation: location(of: keyNode), value: value))
        }
        return MappingFields(fields: fields, location: location(of: node))
    }
}

/// The fields of one YAML mapping, taken one by one; what is left afterwards is unknown.
struct MappingFields {
    struct Field {
        let key: String
        let keyLocation: SourceLocation
        let value: Node
    }

    private(set) var fields: [Field]
    let location: SourceLocation

    init(fields: [Field], location: SourceLocation) {
        self.fields = fields
        self.location = location
    }

    /// Removes and returns the value of `key`.
    mutating func take(_ key: String) -> Node? {
        guard let index = fields.firstIndex(where: { $0.key == key }) else { return nil }
        return fields.remove(at: index).value
    }

    /// The location of a key that is still present.
    func keyLocation(_ key: String) -> SourceLocation? {
        fields.first { $0.key == key }?.keyLocation
    }

    var remaining: [Field] { fields }
}
