/// `robots.txt`: every crawler may read everything, and the sitemap is named by its absolute URL.
/// Crawlers read robots.txt only at the root of a host: with a base URL that has a path
/// (`https://host/portal/`), the host's own robots.txt must name this sitemap.
enum RobotsTxt {
    static func render(sitemapURL: String) -> String {
        "User-agent: *\nDisallow:\n\nSitemap: \(sitemapURL)\n"
    }
}
