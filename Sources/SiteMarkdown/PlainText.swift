import CCmark

/// The text of a rendered body without markup, for the search index: literal text and code, a
/// space for a line break, a newline after each block. Run after the tree pass, so emphasis markers
/// are gone, soft breaks between Chinese characters are removed and dropped raw HTML is not there.
enum PlainText {
    static func of(_ root: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                switch type {
                case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_ITEM:
                    if !text.isEmpty, text.last != "\n" { text += "\n" }
                default: break
                }
                continue
            }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                if let literal = cmark_node_get_literal(node) { text += String(cString: literal) }
                if type == CMARK_NODE_CODE_BLOCK, text.last != "\n" { text += "\n" }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default: break
            }
        }
        return text
    }
}
