import SiteCore

/// A feed as Atom (RFC 4287). The document is small and fixed in shape, so it is written as text,
/// every value escaped by `XMLText`. Each entry's content is its rendered body as escaped HTML
/// (`type="html"`), with `xml:base` set to the entry's page so that its links (root-relative, or
/// `#fragment`) resolve where they do on the page.
enum AtomFeed {
    static func render(_ feed: Feed) -> String {
        let e = XMLText.escape
        var lines: [String] = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\#(e(feed.language))">"#,
            "  <id>\(e(feed.atomURL))</id>",
            "  <title>\(e(feed.title))</title>",
        ]
        if let subtitle = feed.subtitle { lines.append("  <subtitle>\(e(subtitle))</subtitle>") }
        lines += [
            "  <updated>\(SiteAddress.timestamp(feed.updated))</updated>",
            #"  <link rel="self" type="application/atom+xml" href="\#(e(feed.atomURL))"/>"#,
            #"  <link rel="alternate" type="text/html" href="\#(e(feed.pageURL))"/>"#,
            #"  <link rel="alternate" type="application/feed+json" href="\#(e(feed.jsonURL))"/>"#,
            "  <author><name>\(e(feed.author))</name><uri>\(e(feed.authorURL))</uri></author>",
        ]
        for entry in feed.entries {
            lines += ["  <entry>", "    <id>\(e(entry.id))</id>", "    <title>\(e(entry.title))</title>"]
            lines.append(#"    <link rel="alternate" type="text/html" href="\#(e(entry.url))"/>"#)
            lines.append("    <published>\(SiteAddress.timestamp(entry.published))</published>")
            lines.append("    <updated>\(SiteAddress.timestamp(entry.updated))</updated>")
            for author in entry.authors {
                lines.append("    <author><name>\(e(author.name))</name><uri>\(e(author.url))</uri></author>")
            }
            for category in entry.categories {
                lines.append(#"    <category term="\#(e(category.term))" scheme="\#(e(category.scheme))" label="\#(e(category.label))"/>"#)
            }
            if let summary = entry.summary { lines.append("    <summary>\(e(summary))</summary>") }
            lines.append(#"    <content type="html" xml:base="\#(e(entry.url))">\#(e(entry.contentHTML))</content>"#)
            lines.append("  </entry>")
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }
}
