// swift-tools-version: 6.0
import PackageDescription

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

        // MARK: Libraries, in dependency order
        .target(name: "CairoGraphics", dependencies: ["CCairo"]),
        .target(
            name: "DigitNet",
            resources: [.copy("Resources/lenet.safetensors")]
        ),
        .target(name: "DigitTraining", dependencies: ["DigitNet", "CZlib"]),
        .target(name: "Preprocessing", dependencies: ["CairoGraphics"]),
        .target(name: "Geometry"),
        .target(name: "SceneGraph", dependencies: ["Geometry", "DigitNet"]),
        .target(name: "Renderer", dependencies: ["SceneGraph", "CairoGraphics"]),
        .target(
            name: "Studio",
            dependencies: [
                "DigitNet", "DigitTraining", "Preprocessing", "Geometry", "SceneGraph",
                "Renderer", "CairoGraphics",
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // MARK: Executables
        .executableTarget(
            name: "cnnviz",
            dependencies: [
                "Studio", "DigitNet", "DigitTraining",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "CNNVizBench",
            dependencies: ["Studio", "DigitNet", "DigitTraining", "Preprocessing", "Renderer", "CairoGraphics"],
            path: "Benchmarks/CNNVizBench"
        ),

        // MARK: Tests
        .testTarget(name: "CairoGraphicsTests", dependencies: ["CairoGraphics"]),
        .testTarget(name: "DigitNetTests", dependencies: ["DigitNet"]),
        .testTarget(name: "DigitTrainingTests", dependencies: ["DigitTraining", "DigitNet"]),
        .testTarget(name: "PreprocessingTests", dependencies: ["Preprocessing", "CairoGraphics", "DigitNet", "DigitTraining"]),
        .testTarget(name: "GeometryTests", dependencies: ["Geometry"]),
        .testTarget(name: "SceneGraphTests", dependencies: ["SceneGraph", "DigitNet"]),
        .testTarget(name: "RendererTests", dependencies: ["Renderer", "SceneGraph", "CairoGraphics", "DigitNet"]),
        .testTarget(name: "StudioTests", dependencies: ["Studio"]),
        .testTarget(name: "CLITests", dependencies: ["cnnviz"]),
    ],
    swiftLanguageModes: [.v6]
)
