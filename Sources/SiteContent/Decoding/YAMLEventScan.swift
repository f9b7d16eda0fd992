import CYaml

/// Walks a YAML text with libyaml's event parser, the one inside Yams, for what Yams does not tell.
///
/// Anchors: finds the first anchor (`&name`) or alias (`*name`) before Yams composes the document. Composing follows every alias, and Yams
/// hashes each mapping key whole to find duplicates, so an alias used as a key in a "billion
/// laughs" file costs time exponential in its depth even though memory stays small: the text is
/// refused here, at the cost of one pass of events, and only when it holds a `&` or `*` at all.
enum YAMLEventScan {
    /// A position in the text: 1-based line and column (in characters).
    typealias Position = (line: Int, column: Int)

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

    /// The first mapping key that repeats an earlier key of the same mapping, with both positions.
    /// Yams reports a duplicate at the mapping, without saying where the repeat is; an editor
    /// needs the line they added last. Only plain string keys are compared, as Yams compares them.
    static func firstRepeatedKey(in yaml: String) -> (key: String, first: Position, repeat: Position)? {
        /// One open collection: a mapping alternates key and value, and remembers its keys.
        struct Frame {
            var isMapping: Bool
            var expectsKey = true
            var keys: [String: Position] = [:]
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(yaml.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> (key: String, first: Position, repeat: Position)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var stack: [Frame] = []
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let position = (line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                // A node in a mapping is its key or its value, in turn.
                let isKey = stack.last.map { $0.isMapping && $0.expectsKey } ?? false
                if stack.last?.isMapping == true, [YAML_SCALAR_EVENT, YAML_ALIAS_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT].contains(event.type) {
                    stack[stack.count - 1].expectsKey.toggle()
                }
                switch event.type {
                case YAML_SCALAR_EVENT where isKey:
                    let scalar = event.data.scalar
                    let key = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                    if let first = stack[stack.count - 1].keys[key] { return (key, first, position) }
                    stack[stack.count - 1].keys[key] = position
                case YAML_MAPPING_START_EVENT: stack.append(Frame(isMapping: true))
                case YAML_SEQUENCE_START_EVENT: stack.append(Frame(isMapping: false))
                case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT: stack.removeLast()
                case YAML_STREAM_END_EVENT: return nil
                default: break
                }
            }
            return nil
        }
    }
}
