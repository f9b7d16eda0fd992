import Mustache

/// What a view answers for a property that is nil. Mustache looks a name up in every enclosing
/// view until one answers, so a nil would print the value of an outer view's property of the same
/// name (an item's missing `href` became its row's `href`). This value answers, renders as
/// nothing, and is false in sections.
struct TemplateNull: MustacheCustomRenderable {
    static let value = TemplateNull()

    var renderText: String { "" }
    var isNull: Bool { true }
}
