/// What every template sees. swift-mustache reads views through `Mirror`, so the stored property
/// names below are the template vocabulary (docs/templates.md): keep them stable.
///
/// Exactly one of `document`, `section`, `catalog`, `home`, `agency`, `list`, `facetIndex`,
/// `normative`, `decisions` is set, or `notFound` is true.
struct PageView {
    /// `zh-CN`
    let lang: String
    /// The page's own title, printed as its `<h1>`.
    let title: String
    /// The `<title>`: the page title and the portal name.
    let htmlTitle: String
    /// The page's address under the site's base URL.
    let canonicalURL: String
    /// `<meta name="description">`, when the page has a summary.
    let description: String?
    let site: SiteView
    /// The main navigation, with the current section marked.
    let navigation: [LinkView]
    /// From the home page to the parent of this page; this page itself is the last, without a link.
    let breadcrumb: [LinkView]
    /// The feeds of this page's list (`<link rel="alternate">`): the portal's on the home page, the
    /// section's on a section's pages; empty elsewhere.
    let feeds: [FeedLinkView]
    let hasFeeds: Bool

    var document: DocumentView?
    let section: SectionView?
    let catalog: CatalogView?
    let home: HomeView?
    let agency: AgencyView?
    let list: ListView?
    let facetIndex: FacetIndexView?
    let normative: NormativeView?
    let decisions: DecisionsView?
    let notFound: Bool
}

/// The portal and the marks every page's footer shows (DISCLOSURE.md §6.3).
struct SiteView {
    let name: String
    let homeHref: String
    /// Prefix of theme assets: `{{site.assetsHref}}site.css`.
    let assetsHref: String
    /// The catalog root, `/xxgk/`.
    let catalogHref: String
    /// The search page, `/search/`, which every page's header form submits to.
    let searchHref: String
    let notice: String?
    /// 主办单位
    let sponsor: String
    /// 网站标识码
    let websiteCode: String
    /// ICP备案号
    let icp: String
    /// 公安机关备案号
    let policeRecord: String
    /// 联系方式
    let contact: String
    let address: String?
    /// A preview build (`--drafts`): every page says so and asks not to be indexed.
    let preview: Bool
}

/// A link: navigation items, breadcrumb steps, related documents.
struct LinkView {
    let title: String
    /// Nil for the current page in a breadcrumb.
    let href: String?
    /// Marks the navigation item of the current section (`aria-current`).
    let current: Bool
}

/// A feed of the page's list, in Atom or JSON Feed (docs/exports.md).
struct FeedLinkView {
    /// `application/atom+xml` or `application/feed+json`.
    let type: String
    /// The `title` of the `<link>`: the feed's title and its format.
    let title: String
    /// The format, as a visible link shows it: `Atom`, `JSON Feed`.
    let label: String
    let href: String
}
