// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Cortex",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Cortex", targets: ["Cortex"]),
        .library(name: "CortexData", targets: ["CortexData"]),
        .library(name: "CortexML", targets: ["CortexML"]),
        .library(name: "CortexNN", targets: ["CortexNN"]),
        .library(name: "CortexMetrics", targets: ["CortexMetrics"]),
        .executable(name: "cortex", targets: ["cortex"]),
        .executable(name: "cortex-bench", targets: ["cortex-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // oneDNN's sgemm: JIT-generated kernels that stay fast for the small and thin products of
        // recurrent steps and single samples, where OpenBLAS's threading costs more than it saves.
        .systemLibrary(
            name: "CDNNL",
            providers: [.apt(["libdnnl-dev"])]
        ),
        // The loops that need AVX2 and FMA (exp, tanh, sigmoid over buffers; direct convolution), compiled
        // for the baseline too, one picked at start-up.
        .target(name: "CKernels"),
        .target(
            name: "Cortex",
            dependencies: ["CKernels",
                           .target(name: "CBLAS", condition: .when(platforms: [.linux])),
                           .target(name: "CDNNL", condition: .when(platforms: [.linux]))]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]
        ),
        .systemLibrary(
            name: "CJPEG",
            pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg62-turbo-dev"]), .brew(["jpeg-turbo"])]
        ),
        // libjpeg reports errors through setjmp/longjmp, which Swift cannot host: the codecs
        // are a few lines of C over libpng and libjpeg.
        .target(name: "CImageCodecs", dependencies: ["CPNG", "CJPEG"]),
        .target(
            name: "CortexData",
            dependencies: ["Cortex", "CZlib", "CImageCodecs"],
            resources: [.copy("Resources")]
        ),
        .target(name: "CortexML", dependencies: ["Cortex", "CortexData"]),
        .target(name: "CortexNN", dependencies: ["Cortex", "CortexData"]),
        .executableTarget(
            name: "cortex",
            dependencies: ["Cortex", "CortexData", "CortexNN", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "cortex-bench",
            dependencies: ["Cortex", "CortexData", "CortexML", "CortexNN",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "CortexMetrics", dependencies: ["Cortex", "CortexData"]),
        .target(name: "CortexTestSupport", dependencies: ["Cortex"], path: "Sources/CortexTestSupport"),
        .testTarget(name: "CortexTests", dependencies: ["Cortex", "CortexTestSupport"]),
        .testTarget(name: "CortexDataTests", dependencies: ["CortexData", "CortexTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CortexMLTests", dependencies: ["CortexML"]),
        .testTarget(name: "CortexNNTests", dependencies: ["CortexNN", "CortexTestSupport"]),
        .testTarget(name: "CortexMetricsTests", dependencies: ["CortexMetrics", "CortexData"]),
    ],
    swiftLanguageModes: [.v5]
)
