import CYaml

/// Finds the first anchor (`&name`) or alias (`*name`) of a YAML text with libyaml's event parser,
/// the one inside Yams, before Yams composes the document. Composing follows every alias, and Yams
/// hashes each mapping key whole to find duplicates, so an alias used as a key in a "billion
/// laughs" file costs time exponential in its depth even though memory stays small: the text is
/// refused here, at the cost of one pass of events, and only when it holds a `&` or `*` at all.
enum YAMLAnchorScan {
    /// 1-based line and column (in characters) of the first anchor or alias; nil when there is
    /// none or the text is not valid YAML (Yams then reports the syntax error).
    static func firstAnchorOrAlias(in yaml: String) -> (line: Int, column: Int)? {
        guard yaml.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "*") }) else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(yaml.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> (line: Int, column: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let anchored: Bool
                switch event.type {
                case YAML_ALIAS_EVENT: anchored = true
                case YAML_SCALAR_EVENT: anchored = event.data.scalar.anchor != nil
                case YAML_SEQUENCE_START_EVENT: anchored = event.data.sequence_start.anchor != nil
                case YAML_MAPPING_START_EVENT: anchored = event.data.mapping_start.anchor != nil
                default: anchored = false
                }
                let done = event.type == YAML_STREAM_END_EVENT
                let mark = event.start_mark
                yaml_event_delete(&event)
                if anchored { return (Int(mark.line) + 1, Int(mark.column) + 1) }
                if done { return nil }
            }
            return nil
        }
    }
}
