// swift-tools-version: 6.0
// The `site` static site generator for a county government-information-disclosure portal
// (政府信息公开). Targets follow the build pipeline, one folder per stage:
//
//   Content/ ─load─▶ [Document] ─markdown─▶ [RenderedBody] ─link─▶ ContentGraph ─check─▶ [Diagnostic]
//                                              └─render, export─▶ [OutputFile] ─write─▶ Public/
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "site",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "site", targets: ["site"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.1"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev). Only SiteMarkdown imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Locations, diagnostics and their wording, identifiers shared by every stage.
        .target(name: "SiteCore", swiftSettings: swiftSettings),
        // Reads Content/ and Templates/ from disk into typed values. The only importer of Yams.
        .target(
            name: "SiteContent",
            dependencies: ["SiteCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // Markdown bodies through libcmark, with the fixes Chinese text needs.
        .target(name: "SiteMarkdown", dependencies: ["SiteCore", "CCmark"], swiftSettings: swiftSettings),
        // Links documents into a content graph and reports what does not link up.
        .target(name: "SiteGraph", dependencies: ["SiteCore", "SiteContent", "SiteMarkdown"], swiftSettings: swiftSettings),
        // The disclosure rules, one per file.
        .target(name: "SiteCompliance", dependencies: ["SiteCore", "SiteContent", "SiteGraph"], swiftSettings: swiftSettings),
        // Pages from Mustache templates. The only importer of Mustache.
        .target(
            name: "SiteRender",
            dependencies: ["SiteCore", "SiteContent", "SiteGraph", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: swiftSettings
        ),
        // The full-text search index: terms for Chinese without a dictionary, sharded for static hosting.
        .target(name: "SiteSearch", dependencies: ["SiteCore", "SiteContent", "SiteGraph"], swiftSettings: swiftSettings),
        // Writes Public/ atomically.
        .target(name: "SiteOutput", dependencies: ["SiteCore"], swiftSettings: swiftSettings),
        // Checks what was written: links, self-containment, headings, alt text, footer marks.
        .target(name: "SiteAudit", dependencies: ["SiteCore"], swiftSettings: swiftSettings),
        // Feeds, catalog exports and the sitemap. The only importer of Crypto (SHA-256 of attachments).
        .target(
            name: "SiteExport",
            dependencies: ["SiteCore", "SiteContent", "SiteGraph", "SiteRender", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Runs the stages in order.
        .target(
            name: "SiteBuild",
            dependencies: [
                "SiteCore", "SiteContent", "SiteMarkdown", "SiteGraph", "SiteCompliance", "SiteRender", "SiteSearch", "SiteExport",
                "SiteOutput", "SiteAudit",
            ],
            swiftSettings: swiftSettings
        ),
        // `site serve`: the HTTP server, the watcher and live reload. Only the `site` executable
        // imports it, so the build stages never carry an HTTP server. The only importer of FlyingFox.
        .target(
            name: "SiteServe",
            dependencies: [.product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "site",
            dependencies: ["SiteBuild", "SiteCore", "SiteServe", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        // Helpers for tests: temporary sites, golden files.
        .target(name: "SiteTestSupport", dependencies: ["SiteCore"], path: "Tests/SiteTestSupport", swiftSettings: swiftSettings),

        .testTarget(name: "SiteCoreTests", dependencies: ["SiteCore"], swiftSettings: swiftSettings),
        .testTarget(name: "SiteContentTests", dependencies: ["SiteContent", "SiteTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "SiteMarkdownTests", dependencies: ["SiteMarkdown"], swiftSettings: swiftSettings),
        .testTarget(name: "SiteGraphTests", dependencies: ["SiteGraph", "SiteContent", "SiteTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "SiteComplianceTests", dependencies: ["SiteCompliance", "SiteGraph", "SiteContent", "SiteTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "SiteRenderTests", dependencies: ["SiteRender", "SiteTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "SiteOutputTests", dependencies: ["SiteOutput", "SiteTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "SiteExportTests", dependencies: ["SiteExport", "SiteBuild", "SiteTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SiteSearchTests",
            dependencies: ["SiteSearch", "SiteBuild", "SiteTestSupport"],
            exclude: ["vectors.json", "queries.json", "run-search.mjs", "browser-search.py"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SiteAuditTests", dependencies: ["SiteAudit", "SiteCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SiteEndToEndTests",
            dependencies: ["SiteBuild", "SiteTestSupport"],
            exclude: ["Fixtures", "Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SiteServeTests",
            dependencies: ["SiteServe", "SiteTestSupport", .product(name: "FlyingFox", package: "FlyingFox")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SiteCLITests", dependencies: ["SiteTestSupport"], swiftSettings: swiftSettings),
    ]
)
