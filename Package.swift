// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// The numeric kernels (DigitNet, DigitTraining) are compiled for the building machine's
/// vector unit when it has AVX2 and FMA (x86-64 Linux, read from /proc/cpuinfo), like
/// `-march=native`: 8-lane fused multiply-adds. `CNNVIZ_PORTABLE=1` builds for the x86-64
/// baseline instead, for binaries that must run on older CPUs. Results differ in the last
/// bits between the two (fused vs separate rounding); each is deterministic.
let tunedForHost: Bool = {
    if ProcessInfo.processInfo.environment["CNNVIZ_PORTABLE"] == "1" { return false }
    #if arch(x86_64) && os(Linux)
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return false }
        let features = Set(flags.split(separator: " "))
        return features.contains("avx2") && features.contains("fma")
    #else
        return false
    #endif
}()
let numericSettings: [SwiftSetting] =
    tunedForHost
    ? [.unsafeFlags(["-target-cpu", "haswell"]), .define("CNNVIZ_FMA")]
    : []

/// Release builds of the numeric kernels are the product's hot path; keep them unchecked-free
/// but fully optimized. Debug builds stay debuggable.
let package = Package(
    name: "cnnviz",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "cnnviz", targets: ["cnnviz"]),
        .library(name: "Studio", targets: ["Studio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: C system libraries
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CJPEG",
            pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg-dev"])]
        ),

        // MARK: Libraries, in dependency order
        .target(name: "Support"),
        // libpng through a small C shim: its errors longjmp, which must land in C, not Swift.
        .target(name: "CPNGDecode", linkerSettings: [.linkedLibrary("png16")]),
        // libjpeg(-turbo) likewise: its errors longjmp too.
        .target(name: "CJPEGDecode", dependencies: ["CJPEG"], linkerSettings: [.linkedLibrary("jpeg")]),
        // fork + PR_SET_PDEATHSIG + exec: children (ffmpeg) that die with cnnviz, even on SIGKILL.
        .target(name: "CSpawn"),
        .target(name: "CairoGraphics", dependencies: ["CCairo", "CPNGDecode", "Support"]),
        .target(
            name: "DigitNet",
            dependencies: ["Support"],
            resources: [.copy("Resources/lenet.safetensors"), .copy("Resources/lenet.yaml")],
            swiftSettings: numericSettings
        ),
        .target(name: "DigitTraining", dependencies: ["DigitNet", "Support", "CZlib"], swiftSettings: numericSettings),
        .target(name: "Preprocessing", dependencies: ["CairoGraphics", "CJPEGDecode", "Support"]),
        .target(name: "DigitSamples", dependencies: ["Preprocessing", "CairoGraphics", "Support"]),
        .target(name: "Geometry"),
        .target(name: "SceneGraph", dependencies: ["Geometry", "DigitNet"]),
        // Renderer draws frames, posters and sheets: the model (for the posters' words) and the
        // preprocessing stages (for the sheet) are content it reads, never jobs or files.
        .target(
            name: "Renderer", dependencies: ["Geometry", "SceneGraph", "CairoGraphics", "DigitNet", "Preprocessing"],
            swiftSettings: numericSettings),
        .target(
            name: "Studio",
            dependencies: [
                "DigitNet", "DigitTraining", "Preprocessing", "DigitSamples", "Geometry", "SceneGraph",
                "Renderer", "CairoGraphics", "Support", "CSpawn",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: numericSettings
        ),

        // MARK: Executables
        .executableTarget(
            name: "cnnviz",
            dependencies: [
                "Studio", "DigitNet", "DigitTraining", "Preprocessing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "CNNVizBench",
            dependencies: ["Studio", "DigitNet", "DigitTraining", "Preprocessing", "DigitSamples", "Renderer", "CairoGraphics", "CCairo"],
            path: "Benchmarks/CNNVizBench"
        ),

        // MARK: Tests
        // Shared by the test targets: golden images, scratch folders, the fixed network and
        // digit, MNIST_DIR lookup and the built cnnviz binary.
        .target(
            name: "TestSupport",
            dependencies: ["CairoGraphics", "DigitNet", "DigitTraining"],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "SupportTests", dependencies: ["Support"]),
        .testTarget(name: "CairoGraphicsTests", dependencies: ["CairoGraphics", "TestSupport"]),
        .testTarget(name: "DigitNetTests", dependencies: ["DigitNet", "Support"], swiftSettings: numericSettings),
        .testTarget(
            name: "DigitTrainingTests", dependencies: ["DigitTraining", "DigitNet", "Support", "TestSupport"],
            swiftSettings: numericSettings),
        .testTarget(
            name: "PreprocessingTests",
            dependencies: ["Preprocessing", "DigitSamples", "CairoGraphics", "DigitNet", "DigitTraining", "Support", "TestSupport"],
            exclude: ["JPEGFixtures"]),
        .testTarget(
            name: "DigitSamplesTests",
            dependencies: ["DigitSamples", "CairoGraphics", "Preprocessing", "Support", "TestSupport"]),
        .testTarget(name: "GeometryTests", dependencies: ["Geometry"]),
        .testTarget(name: "SceneGraphTests", dependencies: ["SceneGraph", "DigitNet", "TestSupport"]),
        .testTarget(
            name: "RendererTests",
            dependencies: [
                "Renderer", "SceneGraph", "CairoGraphics", "DigitNet", "Preprocessing", "Support", "TestSupport", "CZlib",
                "DigitSamples",
            ],
            exclude: ["Goldens"]),
        .testTarget(
            name: "StudioTests", dependencies: ["Studio", "CairoGraphics", "DigitNet", "DigitTraining", "TestSupport"], exclude: ["Goldens"]
        ),
        .testTarget(name: "CLITests", dependencies: ["cnnviz", "TestSupport"]),
        .testTarget(
            name: "RobustnessTests",
            dependencies: ["Support", "DigitNet", "DigitTraining", "Preprocessing", "DigitSamples", "CairoGraphics", "CCairo", "Studio"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
