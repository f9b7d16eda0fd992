import Mustache

/// What a view answers for a `String` property (Views+Mustache.swift). It renders and behaves in
/// templates as the string itself does: escaped in `{{name}}`, as is in `{{{name}}}`, true in
/// `{{#name}}` (even when empty, as a string is), with the string's transforms. swift-mustache
/// checks a value against five protocols before it prints a plain `String` and finds it in the
/// second here; on the section stack a string was read through `Mirror` for every name looked up
/// past it, this answers nil at once.
struct TemplateText: MustacheCustomRenderable, MustacheParent, MustacheTransformable, CustomStringConvertible {
    let text: String

    init(_ text: String) { self.text = text }

    var renderText: String { text }
    var isNull: Bool { false }
    var description: String { text }
    func child(named key: String) -> Any? { nil }
    func transform(_ name: String) -> Any? { text.transform(name) }
}
