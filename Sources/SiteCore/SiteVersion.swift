/// The version printed by `site --version` and recorded in build caches.
public enum SiteVersion {
    public static let current = "0.1.0"
}
