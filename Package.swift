// swift-tools-version:6.2
import PackageDescription

/// How the release binary is linked on Linux, for a smaller resident set (README, Benchmarks, "Peak RSS"): the
/// kernel maps a binary's pages 64 KiB around each first touch, so what counts is how many such
/// windows start-up and the request path touch. lld, which the toolchain ships, places the functions
/// a profile saw run (link-order.txt, made by bench/link-order) side by side, and packs the PIE's
/// relative relocations (DT_RELR, glibc 2.36+) so the loader reads 8 KB of them instead of 1 MB.
/// Names missing from the list (new or renamed code) only lose their place, never the build.
/// No symbol is exported (the static stdlib's `-export-dynamic` is undone): nothing loads plugins or
/// looks our symbols up at run time, and the exported tables (320 KB) were resident in full.
/// libstdc++ comes from its archive: `static-link/libstdc++.so` is a linker script found before the
/// system's, because the static stdlib's own flags ask for `-lstdc++`.
let leanReleaseLink = [
    "-use-ld=lld",
    "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
    "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/AntflyRestoreWebhook/link-order.txt",
    "-Xlinker", "--no-warn-symbol-ordering",
    "-Xlinker", "--no-export-dynamic",
    "-L\(Context.packageDirectory)/Sources/AntflyRestoreWebhook/static-link",
]

/// How a C library is linked: from its archive into the Linux release binary, shared in debug builds
/// (the tests). A shared library is relocated and its symbol tables read whole at start, and its text
/// is resident around every page any caller touches (libcrypto alone was 4.1 MB resident); linked in, only
/// the objects we call come, and link-order.txt places them beside their callers (README, Benchmarks).
/// The release binary then needs only glibc and libgcc_s at run time; a new OpenSSL means a rebuild,
/// as for a Go binary's crypto/tls (the Dockerfile builds against Debian's current libssl-dev).
/// Release builds elsewhere than Linux are not provided for: the server needs epoll.
func staticInRelease(_ libraries: String...) -> [LinkerSetting] {
    libraries.map { .linkedLibrary($0, .when(configuration: .debug)) }
        + [.unsafeFlags(libraries.flatMap { ["-Xlinker", "-l:lib\($0).a"] }, .when(platforms: [.linux], configuration: .release))]
}

/// How release builds of our modules are optimized on Linux (README, Benchmarks): with the execution
/// profile bench/pgo-profile records under a webhook's work (LLVM IR-level PGO), LLVM lays the hot paths
/// out straight and inlines where it pays: ~5% less CPU per small /mutate. Functions changed since the
/// profile was made are compiled as if it had none, so a stale profile only loses its benefit. The file
/// is written by Swift 6.3's LLVM, which older compilers may not read, so they build without it.
let profileGuidedRelease: [String] = {
    #if compiler(>=6.3)
    ["-Xfrontend", "-ir-profile-use=\(Context.packageDirectory)/Sources/AntflyRestoreWebhook/release.profdata"]
    #else
    []
    #endif
}()

/// Layers are modules, and dependencies point only downward (../shared/STYLE.md §2):
/// executable → AdmissionWebhook → HTTPServer → TLS → C, AdmissionWebhook → AdmissionRules → JSONModel,
/// executable → YAMLCodec → JSONModel + CYAML.
let package = Package(
    name: "antfly-restore-webhook",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "antfly-restore-webhook", targets: ["AntflyRestoreWebhook"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // The libraries are linked by the targets that use them (`staticInRelease`), not by the module maps.
        .systemLibrary(name: "COpenSSL"),
        .systemLibrary(name: "CYAML"),
        .systemLibrary(name: "CLinux"),
        .target(name: "COpenSSLShims", dependencies: ["COpenSSL"]),

        .target(name: "JSONModel"),
        .target(name: "AdmissionRules", dependencies: ["JSONModel"]),
        .target(name: "YAMLCodec", dependencies: ["JSONModel", "CYAML"], linkerSettings: staticInRelease("yaml")),
        .target(name: "ManifestCheck", dependencies: ["YAMLCodec", "AdmissionRules", "JSONModel"]),
        .target(
            name: "TLS",
            dependencies: [
                "COpenSSL", "COpenSSLShims",
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: staticInRelease("ssl", "crypto")
        ),
        .target(
            name: "HTTPServer",
            dependencies: ["TLS", "CLinux", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "AdmissionWebhook",
            dependencies: [
                "HTTPServer", "AdmissionRules", "JSONModel", "ClusterWatch",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(
            name: "ClusterWatch",
            dependencies: [
                "TLS", "JSONModel", "AdmissionRules", "YAMLCodec",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "AntflyRestoreWebhook",
            dependencies: [
                "AdmissionWebhook", "YAMLCodec", "AdmissionRules", "JSONModel", "ManifestCheck", "ClusterWatch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["link-order.txt", "release.profdata", "static-link"],
            linkerSettings: [.unsafeFlags(leanReleaseLink, .when(platforms: [.linux], configuration: .release))]
        ),

        .target(
            name: "WebhookTestSupport",
            dependencies: ["TLS", "JSONModel"],
            path: "Tests/WebhookTestSupport"
        ),
        .testTarget(name: "JSONModelTests", dependencies: ["JSONModel", "WebhookTestSupport"]),
        .testTarget(name: "AdmissionRulesTests", dependencies: ["AdmissionRules", "JSONModel", "WebhookTestSupport"]),
        .testTarget(name: "YAMLCodecTests", dependencies: ["YAMLCodec", "JSONModel"]),
        .testTarget(name: "ManifestCheckTests", dependencies: ["ManifestCheck", "YAMLCodec", "AdmissionRules", "JSONModel", "WebhookTestSupport"]),
        .testTarget(
            name: "TLSTests",
            dependencies: ["TLS", "WebhookTestSupport", .product(name: "InMemoryLogging", package: "swift-log")]
        ),
        .testTarget(
            name: "HTTPServerTests",
            dependencies: [
                "HTTPServer", "TLS", "WebhookTestSupport",
                .product(name: "InMemoryLogging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "AdmissionWebhookTests",
            dependencies: [
                "AdmissionWebhook", "HTTPServer", "AdmissionRules", "JSONModel", "WebhookTestSupport",
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "ClusterWatchTests",
            dependencies: [
                "ClusterWatch", "TLS", "AdmissionRules", "JSONModel", "WebhookTestSupport",
                .product(name: "InMemoryLogging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "AntflyRestoreWebhook", "AdmissionWebhook", "AdmissionRules", "WebhookTestSupport", "JSONModel", "YAMLCodec",
            ]
        ),
    ]
)

// The same Swift settings for every Swift target, as swift-log does; system libraries are skipped.
for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    if !profileGuidedRelease.isEmpty {
        settings.append(.unsafeFlags(profileGuidedRelease, .when(platforms: [.linux], configuration: .release)))
    }
    target.swiftSettings = settings
}
