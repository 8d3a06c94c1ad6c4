// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Cortex",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Cortex", targets: ["Cortex"]),
        .library(name: "CortexData", targets: ["CortexData"]),
        .library(name: "CortexML", targets: ["CortexML"]),
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
        .target(
            name: "Cortex",
            dependencies: [.target(name: "CBLAS", condition: .when(platforms: [.linux]))]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(
            name: "CortexData",
            dependencies: ["Cortex", "CZlib"],
            resources: [.copy("Resources")]
        ),
        .target(name: "CortexML", dependencies: ["Cortex", "CortexData",
                                               .target(name: "CBLAS", condition: .when(platforms: [.linux]))]),
        .executableTarget(
            name: "cortex",
            dependencies: ["Cortex", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "cortex-bench",
            dependencies: ["Cortex", .target(name: "CBLAS", condition: .when(platforms: [.linux])),
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "CortexTests", dependencies: ["Cortex"]),
        .testTarget(name: "CortexDataTests", dependencies: ["CortexData"]),
        .testTarget(name: "CortexMLTests", dependencies: ["CortexML"]),
    ],
    swiftLanguageModes: [.v5]
)
